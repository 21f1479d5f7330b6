import { Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface HighlightTextProps {
  /** 额外的类名 */
  className?: string;
  /** 接口返回的文字片段；hit 为 true 的片段是与搜索词匹配的部分 */
  segments: Array<{ text: string; hit: boolean }>;
  /** 没有片段时显示的文字 */
  fallback?: string;
}

/** 高亮文字：把搜索命中的片段标成醒目颜色并加粗（不只靠颜色区分）。 */
export function HighlightText({ className, segments, fallback = "" }: HighlightTextProps) {
  if (segments.length === 0)
    return <Text className={cx("ls-highlight", className)}>{fallback}</Text>;
  return (
    <Text className={cx("ls-highlight", className)}>
      {segments.map((s, i) => (
        <Text key={i} className={s.hit ? "ls-highlight__hit" : undefined}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
