import { View } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface ListFooterProps {
  /** 额外的类名 */
  className?: string;
  /** 正在加载下一页 */
  loading: boolean;
  /** 还有更多 */
  hasMore: boolean;
  /** 已加载条数 */
  count: number;
  /** 加载下一页出错 */
  error?: { message: string } | null;
  /** 点击加载更多或重试 */
  onLoadMore: () => void;
}

/** 分页列表底部：加载中、加载更多（也可点击）、出错重试、已全部显示。 */
export function ListFooter({
  className,
  loading,
  hasMore,
  count,
  error,
  onLoadMore,
}: ListFooterProps) {
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
      onClick={clickable ? onLoadMore : undefined}
    >
      {content}
    </View>
  );
}
