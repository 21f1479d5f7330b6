import type { ReactNode } from "react";
import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface Choice<V extends string> {
  /** 选项值 */
  value: V;
  /** 选项名称 */
  label: string;
  /** 通俗的解释（如壁垒类型的举例） */
  description?: ReactNode;
}

export interface ChoiceListProps<V extends string> {
  /** 额外的类名 */
  className?: string;
  /** 选项 */
  options: Array<Choice<V>>;
  /** 当前值（受控） */
  value: V | null;
  /** 选择 */
  onChange: (value: V) => void;
  /** 无障碍名称 */
  label?: string;
}

/** 单选列表：每项有名称和通俗解释，整行可点，选中项有“已选”字样和边框。 */
export function ChoiceList<V extends string>({
  className,
  options,
  value,
  onChange,
  label,
}: ChoiceListProps<V>) {
  return (
    <View className={cx("ls-choice-list", className)} role="radiogroup" aria-label={label}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <View
            key={option.value}
            className={cx("ls-choice", selected && "ls-choice--selected")}
            role="radio"
            aria-checked={selected}
            onClick={() => onChange(option.value)}
          >
            <View className="ls-choice__radio">
              {selected ? <View className="ls-choice__radio-dot" /> : null}
            </View>
            <View className="ls-choice__main">
              <Text className="ls-choice__label">{option.label}</Text>
              {option.description ? (
                <View className="ls-choice__description">{option.description}</View>
              ) : null}
            </View>
            {selected ? <Text className="ls-choice__state">已选</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
