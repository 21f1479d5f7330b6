import type { PostSummary } from "@lushan/shared/schemas/policy";
import { View, Text, Image } from "@tarojs/components";
import { HighlightText } from "@/components/highlight-text";
import { Tag } from "@/components/tag";
import { formatRelative } from "@/utils/format";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface PostCardProps {
  /** 额外的类名 */
  className?: string;
  /** 动态摘要 */
  post: PostSummary;
  /** 点击打开详情 */
  onClick: () => void;
  /** 显示栏目标签（“全部”栏目下显示） @default true */
  showCategory?: boolean;
}

/** 政策动态卡片：栏目、标题（检索命中高亮）、摘要、发布单位与时间，有封面时显示缩略图。 */
export function PostCard({ className, post, onClick, showCategory = true }: PostCardProps) {
  const source =
    post.department?.shortName ?? post.author ?? (post.source === "wechat" ? "庐山发布" : "");
  return (
    <View
      className={cx("ls-post-card", className)}
      hoverClass="ls-post-card--active"
      onClick={onClick}
    >
      <View className="ls-post-card__main">
        <View className="ls-post-card__title">
          <HighlightText segments={post.highlights?.title ?? []} fallback={post.title} />
        </View>
        {post.summary ? (
          <View className="ls-post-card__summary ls-nonessential">
            <HighlightText segments={post.highlights?.summary ?? []} fallback={post.summary} />
          </View>
        ) : null}
        <View className="ls-post-card__meta">
          {showCategory ? <Tag tone="primary">{post.category}</Tag> : null}
          {post.sample ? <Tag tone="warning">示例</Tag> : null}
          {source ? <Text className="ls-post-card__source">{source}</Text> : null}
          <Text className="ls-post-card__time">{formatRelative(post.publishedAt)}</Text>
        </View>
      </View>
      {post.cover ? (
        <Image
          className="ls-post-card__cover ls-nonessential"
          src={post.cover}
          mode="aspectFill"
          lazyLoad
        />
      ) : null}
    </View>
  );
}
