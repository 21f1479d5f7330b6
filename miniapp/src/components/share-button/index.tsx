import { useState } from "react";
import { View } from "@tarojs/components";
import { Button } from "@/components/button";
import { copyText, pageLink, shareMode } from "@/platform";
import "./index.scss";

export interface ShareButtonProps {
  /** 额外的类名 */
  className?: string;
  /** 要分享的页面路径（含参数），如 /packages/policy/detail/index?id=… */
  path: string;
  /** 按钮文字 @default "分享" */
  text?: string;
}

/**
 * 分享按钮：小程序中调起微信分享（页面需在 useShareAppMessage 中给出标题和路径）；
 * 浏览器中复制页面链接，并在按钮下方提示已复制（不弹窗）。
 */
export function ShareButton({ className, path, text = "分享" }: ShareButtonProps) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  if (shareMode === "native") {
    return (
      <Button className={className} openType="share">
        {text}
      </Button>
    );
  }
  return (
    <View className={className}>
      <Button
        block
        onClick={() => {
          copyText(pageLink(path)).then(
            () => setCopied("done"),
            () => setCopied("failed"),
          );
        }}
      >
        复制链接
      </Button>
      {copied === "done" ? (
        <View className="ls-share-button__note">链接已复制，可以粘贴发送给他人</View>
      ) : null}
      {copied === "failed" ? (
        <View className="ls-share-button__note">无法复制，请使用浏览器的分享功能</View>
      ) : null}
    </View>
  );
}
