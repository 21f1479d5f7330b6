import type { PropsWithChildren, ReactNode } from "react";
import { View } from "@tarojs/components";
import { useElderMode } from "@/hooks/useElderMode";
import { PrivacyPrompt } from "@/components/privacy-prompt";
import { platformName } from "@/platform";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface PageShellProps {
  /** 额外的类名 */
  className?: string;
  /** 是否为标签页（底部由标签栏占据，不再留安全区） */
  tabPage?: boolean;
  /** 固定在页面底部的操作区（如“提交”按钮），自动避开安全区 */
  footer?: ReactNode;
}

/**
 * 页面外壳：每个页面的根节点。应用设计变量与长辈模式（适老化）类名、背景色、安全区，
 * 并在需要时显示隐私政策同意面板。
 */
export function PageShell({
  className,
  tabPage = false,
  footer,
  children,
}: PropsWithChildren<PageShellProps>) {
  const [elder] = useElderMode();
  return (
    <View
      className={cx(
        "ls-page",
        `ls-page--${platformName}`,
        elder && "ls-page--elder",
        tabPage && "ls-page--tab",
        footer ? "ls-page--with-footer" : false,
        className,
      )}
    >
      <View className="ls-page__body">{children}</View>
      {footer ? <View className="ls-page__footer">{footer}</View> : null}
      <PrivacyPrompt />
    </View>
  );
}
