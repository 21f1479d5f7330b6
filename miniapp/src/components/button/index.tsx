import type { PropsWithChildren } from "react";
import { Button as TaroButton, View } from "@tarojs/components";
import type { ButtonProps as TaroButtonProps } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface ButtonProps {
  /** 额外的类名 */
  className?: string;
  /** 样式：primary 主要操作（蓝底白字）、default 次要操作（白底蓝框）、danger 危险操作、text 文字按钮 @default "default" */
  type?: "primary" | "default" | "danger" | "text";
  /** 尺寸：small 用于列表行内；large 用于页面主操作 @default "normal" */
  size?: "small" | "normal" | "large";
  /** 占满一行 */
  block?: boolean;
  /** 处理中：显示转圈并且不可点击 */
  loading?: boolean;
  disabled?: boolean;
  /** 微信开放能力（share、agreePrivacyAuthorization 等），仅小程序有效 */
  openType?: TaroButtonProps["openType"];
  /** 按钮 id（隐私同意按钮需要） */
  id?: string;
  onClick?: () => void;
  /** 用户点击隐私“同意”按钮（openType 为 agreePrivacyAuthorization 时） */
  onAgreePrivacyAuthorization?: () => void;
}

/** 按钮：主要、次要、危险和文字四种样式；长辈模式下自动加大字号和点击区域。 */
export function Button({
  className,
  type = "default",
  size = "normal",
  block = false,
  loading = false,
  disabled = false,
  openType,
  id,
  onClick,
  onAgreePrivacyAuthorization,
  children,
}: PropsWithChildren<ButtonProps>) {
  const inactive = disabled || loading;
  return (
    <TaroButton
      // Taro H5 writes id="undefined" for a missing id and disabled="false" for an enabled button,
      // which its own stylesheet then greys out ([disabled]); its button element has no role either.
      {...(id ? { id } : {})}
      {...(inactive ? { disabled: true } : {})}
      {...{ role: "button" }}
      aria-disabled={inactive}
      className={cx(
        "ls-button",
        `ls-button--${type}`,
        `ls-button--${size}`,
        block && "ls-button--block",
        inactive && "ls-button--disabled",
        className,
      )}
      openType={openType}
      hoverClass="ls-button--active"
      onClick={inactive ? undefined : onClick}
      onAgreePrivacyAuthorization={onAgreePrivacyAuthorization}
    >
      {loading ? <View className="ls-button__spinner" /> : null}
      {children}
    </TaroButton>
  );
}
