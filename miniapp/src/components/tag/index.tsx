import type { PropsWithChildren } from "react";
import { Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

/** 标签色调：primary 信息、danger 禁止/逾期、warning 需许可/即将到期、success 可进入/已办结、neutral 一般 */
export type TagTone = "primary" | "danger" | "warning" | "success" | "neutral";

export interface TagProps {
  /** 额外的类名 */
  className?: string;
  /** 色调 @default "neutral" */
  tone?: TagTone;
  /** 实心（深底白字），用于需要强调的状态 */
  solid?: boolean;
}

/** 标签：分类、状态、示例数据等短文字标记。颜色之外总有文字，色弱用户也能分辨。 */
export function Tag({
  className,
  tone = "neutral",
  solid = false,
  children,
}: PropsWithChildren<TagProps>) {
  return (
    <Text className={cx("ls-tag", `ls-tag--${tone}`, solid && "ls-tag--solid", className)}>
      {children}
    </Text>
  );
}
