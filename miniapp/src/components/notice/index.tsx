import type { PropsWithChildren, ReactNode } from "react";
import { View } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface NoticeProps {
  /** 额外的类名 */
  className?: string;
  /** 色调：info 说明、success 成功、warning 提醒、danger 错误 @default "info" */
  tone?: "info" | "success" | "warning" | "danger";
  /** 标题（加粗） */
  title?: ReactNode;
  /** 右侧或下方的操作 */
  action?: ReactNode;
}

/**
 * 提示条：放在页面内容中的说明或结果提示，代替弹窗（长辈模式要求不弹窗）。
 * 错误提示会被读屏软件立即朗读。
 */
export function Notice({
  className,
  tone = "info",
  title,
  action,
  children,
}: PropsWithChildren<NoticeProps>) {
  return (
    <View
      className={cx("ls-notice", `ls-notice--${tone}`, className)}
      role={tone === "danger" ? "alert" : "status"}
    >
      {title ? <View className="ls-notice__title">{title}</View> : null}
      {children ? <View className="ls-notice__body">{children}</View> : null}
      {action ? <View className="ls-notice__action">{action}</View> : null}
    </View>
  );
}
