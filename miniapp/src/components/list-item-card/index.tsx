import type { ListItemSummary } from "@lushan/shared/schemas/list";
import { View, Text } from "@tarojs/components";
import { HighlightText } from "@/components/highlight-text";
import { Tag } from "@/components/tag";
import { categoryTone } from "@/utils/labels";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface ListItemCardProps {
  /** 额外的类名 */
  className?: string;
  /** 检索结果中的一项 */
  item: ListItemSummary;
  /** 点击进入事项详情 */
  onClick: () => void;
}

/** 清单事项卡片：名称（命中部分高亮）、禁止/许可分类、行业、主管部门，以及命中的措施片段。 */
export function ListItemCard({ className, item, onClick }: ListItemCardProps) {
  return (
    <View
      className={cx("ls-list-item", className)}
      hoverClass="ls-list-item--active"
      onClick={onClick}
    >
      <View className="ls-list-item__tags">
        <Tag tone={categoryTone(item.category)}>{item.category}</Tag>
        <Tag className="ls-nonessential">{item.industry}</Tag>
        {item.sample ? <Tag tone="warning">示例</Tag> : null}
      </View>
      <View className="ls-list-item__name">
        <HighlightText segments={item.highlights.name} fallback={item.name} />
      </View>
      {item.highlights.measure && item.highlights.measure.length > 0 ? (
        <View className="ls-list-item__measure">
          <HighlightText segments={item.highlights.measure} />
        </View>
      ) : null}
      <View className="ls-list-item__meta">
        <Text>事项编码 {item.code}</Text>
        {item.departments.length > 0 ? (
          <Text className="ls-list-item__departments">主管部门：{item.departments.join("、")}</Text>
        ) : null}
      </View>
    </View>
  );
}
