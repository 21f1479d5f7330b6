import { useCallback, useEffect, useRef, useState } from "react";
import { isApiError, type ApiError } from "@/services/apiError";

export interface RequestState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  /** True while the first load (or a reload after an error) runs. */
  loading: boolean;
  /** Runs the request again (retry button, pull-down refresh). */
  reload: () => Promise<void>;
  /** Replaces the data locally, e.g. after an action returned the updated record. */
  setData: (data: T) => void;
}

/**
 * Loads data for a page or section, with loading and error state and a retry.
 * Answers of superseded runs (the user typed on, the page re-rendered with new params) are dropped.
 * @param load the service call.
 * @param deps when they change, the data is loaded again.
 * @param options `enabled: false` holds the request (e.g. until signed in).
 * @returns the request state.
 */
export function useRequest<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  options: { enabled?: boolean } = {},
): RequestState<T> {
  const enabled = options.enabled ?? true;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | Error | undefined>(undefined);
  const [loading, setLoading] = useState(enabled);
  const run = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const id = ++run.current;
    setLoading(true);
    setError(undefined);
    try {
      const result = await loadRef.current();
      if (id === run.current) setData(result);
    } catch (e) {
      if (id === run.current)
        setError(isApiError(e) || e instanceof Error ? e : new Error("加载失败，请重试"));
    } finally {
      if (id === run.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
    else {
      run.current++;
      setLoading(false);
    }
  }, [enabled, ...deps]);

  return { data, error, loading, reload, setData };
}
