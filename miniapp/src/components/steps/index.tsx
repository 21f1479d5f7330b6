import type { ReactNode } from "react";
import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface StepsProps {
  /** 额外的类名 */
  className?: string;
  /** 各步骤名称 */
  items: string[];
  /** 当前步骤（从 0 开始） */
  current: number;
}

/** 横向步骤条：分步填写的表单顶部显示“第几步、共几步”。 */
export function Steps({ className, items, current }: StepsProps) {
  return (
    <View
      className={cx("ls-steps", className)}
      aria-label={`第 ${current + 1} 步，共 ${items.length} 步：${items[current] ?? ""}`}
    >
      <View className="ls-steps__bar">
        {items.map((item, i) => (
          <View
            key={item}
            className={cx(
              "ls-steps__dot",
              i < current && "ls-steps__dot--done",
              i === current && "ls-steps__dot--current",
            )}
          />
        ))}
      </View>
      <Text className="ls-steps__label">
        第 {current + 1} 步 / 共 {items.length} 步：{items[current]}
      </Text>
    </View>
  );
}

export interface TimelineEntry {
  /** 唯一标识 */
  key: string;
  /** 标题（如“已受理”） */
  title: ReactNode;
  /** 时间（已格式化） */
  time?: string;
  /** 说明（办理意见、处理人等） */
  description?: ReactNode;
}

export interface TimelineProps {
  /** 额外的类名 */
  className?: string;
  /** 事件，按时间先后排列；最后一条为当前状态 */
  entries: TimelineEntry[];
}

/** 纵向时间线：投诉办理进度等。最新一条高亮。 */
export function Timeline({ className, entries }: TimelineProps) {
  return (
    <View className={cx("ls-timeline", className)}>
      {entries.map((entry, i) => (
        <View
          key={entry.key}
          className={cx(
            "ls-timeline__entry",
            i === entries.length - 1 && "ls-timeline__entry--current",
          )}
        >
          <View className="ls-timeline__rail">
            <View className="ls-timeline__dot" />
            {i < entries.length - 1 ? <View className="ls-timeline__line" /> : null}
          </View>
          <View className="ls-timeline__content">
            <View className="ls-timeline__title">{entry.title}</View>
            {entry.time ? <Text className="ls-timeline__time">{entry.time}</Text> : null}
            {entry.description ? (
              <View className="ls-timeline__description">{entry.description}</View>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}
