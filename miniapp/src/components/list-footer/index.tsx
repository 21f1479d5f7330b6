import { View } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

/** The part of a `usePagedList` result the footer reads. */
export interface ListFooterSource {
  /** 正在加载下一页 */
  loadingMore: boolean;
  /** 还有更多 */
  hasMore: boolean;
  /** 已加载的条目 */
  items: readonly unknown[];
  /** 加载出错 */
  error?: { message: string } | null;
  /** 加载下一页（点击“加载更多”或重试） */
  loadMore: () => void;
}

export interface ListFooterProps {
  /** 额外的类名 */
  className?: string;
  /** 分页列表（`usePagedList` 的返回值） */
  list: ListFooterSource;
}

/** 分页列表底部：加载中、加载更多（也可点击）、出错重试、已全部显示。 */
export function ListFooter({ className, list }: ListFooterProps) {
  const { loadingMore: loading, hasMore, error } = list;
  const count = list.items.length;
  let content: string;
  if (loading) content = "正在加载…";
  else if (error) content = `${error.message}，点此重试`;
  else if (hasMore) content = "加载更多";
  else content = count > 0 ? `已全部显示，共 ${count} 条` : "";
  if (!content) return null;
  const clickable = !loading && (hasMore || Boolean(error));
  return (
    <View
      className={cx(
        "ls-list-footer",
        clickable && "ls-list-footer--clickable",
        error && "ls-list-footer--error",
        className,
      )}
      onClick={clickable ? list.loadMore : undefined}
    >
      {content}
    </View>
  );
}
