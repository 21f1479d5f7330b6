import type { PropsWithChildren } from "react";
import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface BadgeProps {
  /** 额外的类名 */
  className?: string;
  /** 数字；0 或不传时不显示 */
  count?: number;
  /** 超过时显示为“99+” @default 99 */
  max?: number;
  /** 只显示小红点 */
  dot?: boolean;
}

/** 角标：未读消息数、逾期件数等，叠在子内容右上角；无子内容时单独显示。 */
export function Badge({
  className,
  count = 0,
  max = 99,
  dot = false,
  children,
}: PropsWithChildren<BadgeProps>) {
  const visible = dot || count > 0;
  const mark = visible ? (
    <Text
      className={cx(
        "ls-badge__mark",
        dot && "ls-badge__mark--dot",
        !children && "ls-badge__mark--standalone",
      )}
    >
      {dot ? "" : count > max ? `${max}+` : String(count)}
    </Text>
  ) : null;
  if (!children) return mark;
  return (
    <View className={cx("ls-badge", className)}>
      {children}
      {mark}
    </View>
  );
}
