import type { PropsWithChildren, ReactNode } from "react";
import { PageState, type PageStateProps } from "@/components/page-state";
import { ListFooter, type ListFooterSource } from "@/components/list-footer";

/** The part of a `usePagedList` result the list reads. */
export interface PagedListSource<T> extends ListFooterSource {
  items: readonly T[];
  /** 首页加载中 */
  loading: boolean;
  /** 重新加载第一页 */
  reload: () => unknown;
}

export interface PagedListProps<T> extends Pick<
  PageStateProps,
  "className" | "emptyTitle" | "emptyDescription" | "emptyAction"
> {
  /** 分页列表（`usePagedList` 的返回值） */
  list: PagedListSource<T>;
  /** 条目上方的内容（如“共 N 件”） */
  header?: ReactNode;
  /** 显示一条（返回的元素需带 key） */
  renderItem: (item: T, index: number) => ReactNode;
}

/**
 * 分页列表页的主体：首次加载、出错重试、无内容时显示页面状态；有内容时显示条目和底部的
 * “加载更多”。已有条目时，加载下一页出错只在底部提示，不盖住已加载的内容。
 * 子内容显示在底部之后（如相关页面的入口），列表有内容时才显示。
 */
export function PagedList<T>({
  list,
  header,
  renderItem,
  children,
  ...state
}: PropsWithChildren<PagedListProps<T>>) {
  const empty = list.items.length === 0;
  return (
    <PageState
      loading={list.loading}
      error={empty ? list.error : undefined}
      onRetry={list.reload}
      empty={empty}
      {...state}
    >
      {header}
      {list.items.map(renderItem)}
      <ListFooter list={list} />
      {children}
    </PageState>
  );
}
