import { useCallback, useEffect, useRef, useState } from "react";
import { useReachBottom } from "@tarojs/taro";
import type { ApiError } from "@/services/apiError";

/** One page of a list answer (the BFF's `{ items, total, page, pageSize }` shape). */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PagedListState<T, P extends Page<T>> {
  items: T[];
  total: number;
  /** The last page answer (facets, sample flag, did-you-mean…). */
  last: P | undefined;
  /** First page loading (show the page's loading state). */
  loading: boolean;
  /** A further page is loading (show the footer spinner). */
  loadingMore: boolean;
  error: ApiError | Error | undefined;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => Promise<void>;
}

/**
 * A paginated list that loads the next page when the user reaches the bottom.
 * @param fetchPage loads page `n` (1-based).
 * @param deps when they change (filters, query), the list starts again from page 1.
 * @param options `enabled: false` holds loading.
 * @returns the list state.
 */
export function usePagedList<P extends Page<unknown>>(
  fetchPage: (page: number) => Promise<P>,
  deps: readonly unknown[],
  options: { enabled?: boolean } = {},
): PagedListState<P["items"][number], P> {
  type T = P["items"][number];
  const enabled = options.enabled ?? true;
  const [items, setItems] = useState<T[]>([]);
  const [last, setLast] = useState<P | undefined>(undefined);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(enabled);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | Error | undefined>(undefined);
  const run = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (next: number) => {
    const id = run.current;
    if (next === 1) setLoading(true);
    else setLoadingMore(true);
    setError(undefined);
    try {
      const answer = await fetchRef.current(next);
      if (id !== run.current) return;
      setItems((prev) => (next === 1 ? answer.items : [...prev, ...answer.items]));
      setLast(answer);
      setPage(next);
    } catch (e) {
      if (id === run.current) setError(e as Error);
    } finally {
      if (id === run.current) {
        setLoading(false);
        setLoadingMore(false);
      }
    }
  }, []);

  const reload = useCallback(async () => {
    run.current++;
    await load(1);
  }, [load]);

  useEffect(() => {
    run.current++;
    if (enabled) void load(1);
    else setLoading(false);
  }, [enabled, ...deps]);

  const total = last?.total ?? 0;
  const hasMore = items.length < total;
  const loadMore = useCallback(() => {
    if (!loading && !loadingMore && hasMore && !error) void load(page + 1);
  }, [loading, loadingMore, hasMore, error, load, page]);

  useReachBottom(loadMore);

  return { items, total, last, loading, loadingMore, error, hasMore, loadMore, reload };
}
