import type { ReactNode } from "react";
import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface RecordCardProps {
  /** 额外的类名 */
  className?: string;
  /** 顶部的状态标签等 */
  tags?: ReactNode;
  /** 右上角的编号 */
  code?: string;
  /** 标题 */
  title: ReactNode;
  /** 标题下的说明行（每项一行） */
  lines?: ReactNode[];
  /** 底部的时间等次要信息 */
  footer?: ReactNode;
  /** 突出显示（如逾期）：左侧加红色边条 */
  alert?: boolean;
  /** 卡片内的操作按钮（点击按钮不会打开详情） */
  actions?: ReactNode;
  onClick?: () => void;
}

/** 记录卡片：工作台列表中的稿件、工单、案例、整改事项共用，整张可点。 */
export function RecordCard({
  className,
  tags,
  code,
  title,
  lines = [],
  footer,
  alert = false,
  actions,
  onClick,
}: RecordCardProps) {
  return (
    <View className={cx("ls-record-card", alert && "ls-record-card--alert", className)}>
      <View
        className="ls-record-card__main"
        hoverClass={onClick ? "ls-record-card--active" : "none"}
        onClick={onClick}
      >
        {tags || code ? (
          <View className="ls-record-card__head">
            {tags}
            {code ? <Text className="ls-record-card__code">{code}</Text> : null}
          </View>
        ) : null}
        <Text className="ls-record-card__title">{title}</Text>
        {lines.map((line, i) => (
          <View key={i} className="ls-record-card__line">
            {line}
          </View>
        ))}
        {footer ? <Text className="ls-record-card__footer">{footer}</Text> : null}
      </View>
      {actions ? <View className="ls-record-card__actions">{actions}</View> : null}
    </View>
  );
}
