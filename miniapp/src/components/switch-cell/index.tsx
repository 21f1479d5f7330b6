import type { ReactNode } from "react";
import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface SwitchCellProps {
  /** 额外的类名 */
  className?: string;
  /** 名称 */
  title: ReactNode;
  /** 说明 */
  description?: ReactNode;
  /** 是否打开（受控） */
  checked: boolean;
  /** 切换 */
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}

/** 开关行：整行可点，开关旁写明“已开启/已关闭”，不只靠颜色表达状态。 */
export function SwitchCell({
  className,
  title,
  description,
  checked,
  onChange,
  disabled = false,
}: SwitchCellProps) {
  return (
    <View
      className={cx("ls-switch-cell", disabled && "ls-switch-cell--disabled", className)}
      role="switch"
      aria-checked={checked}
      onClick={disabled ? undefined : () => onChange(!checked)}
    >
      <View className="ls-switch-cell__main">
        <View className="ls-switch-cell__title">{title}</View>
        {description ? <View className="ls-switch-cell__description">{description}</View> : null}
      </View>
      <Text className="ls-switch-cell__state">{checked ? "已开启" : "已关闭"}</Text>
      <View className={cx("ls-switch", checked && "ls-switch--on")}>
        <View className="ls-switch__knob" />
      </View>
    </View>
  );
}
