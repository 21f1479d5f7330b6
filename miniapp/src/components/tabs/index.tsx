import { ScrollView, View } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface TabOption<V extends string> {
  /** 选项值 */
  value: V;
  /** 显示文字 */
  label: string;
  /** 数量（如分面计数），显示在文字后 */
  count?: number;
}

export interface TabsProps<V extends string> {
  /** 额外的类名 */
  className?: string;
  /** 选项 */
  options: Array<TabOption<V>>;
  /** 当前值（受控） */
  value: V;
  /** 切换 */
  onChange: (value: V) => void;
  /** 样式：line 顶部栏目（下划线），chip 筛选条件（圆角块） @default "line" */
  variant?: "line" | "chip";
  /** 无障碍名称，如“栏目” */
  label?: string;
}

/** 选项卡 / 筛选条：横向可滚动，选中项有下划线或实底，不只靠颜色区分。 */
export function Tabs<V extends string>({
  className,
  options,
  value,
  onChange,
  variant = "line",
  label,
}: TabsProps<V>) {
  return (
    <ScrollView
      className={cx("ls-tabs", `ls-tabs--${variant}`, className)}
      scrollX
      enhanced
      showScrollbar={false}
      aria-label={label}
    >
      <View className="ls-tabs__track" role="tablist">
        {options.map((option) => {
          const selected = option.value === value;
          return (
            <View
              key={option.value}
              className={cx("ls-tabs__item", selected && "ls-tabs__item--selected")}
              role="tab"
              aria-selected={selected}
              onClick={() => onChange(option.value)}
            >
              {option.label}
              {option.count !== undefined ? (
                <View className="ls-tabs__count">{option.count}</View>
              ) : null}
            </View>
          );
        })}
      </View>
    </ScrollView>
  );
}
