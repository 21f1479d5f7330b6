import Taro from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { Button } from "@/components/button";
import { useStore } from "@/hooks/useStore";
import { platformName } from "@/platform";
import { Pages } from "@/routes";
import {
  agreePrivacy,
  declinePrivacy,
  PRIVACY_AGREE_BUTTON_ID,
  privacyPromptStore,
} from "@/stores/privacy";
import "./index.scss";

/**
 * 隐私政策同意面板：在需要收集个人信息前（登录、选择照片等）出现在页面底部，不遮挡页面、
 * 不是弹窗。小程序中“同意”按钮同时完成微信的隐私授权（agreePrivacyAuthorization）。
 */
export function PrivacyPrompt() {
  const prompt = useStore(privacyPromptStore);
  if (!prompt) return null;
  return (
    <View className="ls-privacy-prompt" role="region" aria-label="隐私政策">
      <Text className="ls-privacy-prompt__title">{prompt.reason}前，请阅读并同意隐私政策</Text>
      <Text className="ls-privacy-prompt__text">
        我们只为提供查询、反映问题和消息通知收集必要信息，您反映问题时可以选择对被反映部门保密。
      </Text>
      <View
        className="ls-privacy-prompt__link"
        onClick={() => void Taro.navigateTo({ url: Pages.privacy })}
      >
        查看《庐山市市场准入服务隐私政策》
      </View>
      <View className="ls-privacy-prompt__actions">
        <Button className="ls-privacy-prompt__button" onClick={declinePrivacy}>
          不同意
        </Button>
        <PrivacyAgreeButton className="ls-privacy-prompt__button">同意并继续</PrivacyAgreeButton>
      </View>
    </View>
  );
}

export interface PrivacyAgreeButtonProps {
  /** 额外的类名 */
  className?: string;
  /** 占满一行 */
  block?: boolean;
  /** 按钮文字 */
  children: string;
}

/** 隐私“同意”按钮：小程序中使用 agreePrivacyAuthorization 开放能力，同时记录本服务的同意。 */
export function PrivacyAgreeButton({
  className,
  block = false,
  children,
}: PrivacyAgreeButtonProps) {
  const weapp = platformName === "weapp";
  return (
    <Button
      className={className}
      block={block}
      type="primary"
      id={PRIVACY_AGREE_BUTTON_ID}
      openType={weapp ? "agreePrivacyAuthorization" : undefined}
      onAgreePrivacyAuthorization={weapp ? agreePrivacy : undefined}
      onClick={weapp ? undefined : agreePrivacy}
    >
      {children}
    </Button>
  );
}
