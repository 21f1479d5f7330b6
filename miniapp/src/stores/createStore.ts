import { readStored, writeStored } from "@/utils/storage";

/** A tiny observable value, shared by pages through `useStore` (useSyncExternalStore). */
export interface Store<T> {
  get(): T;
  set(next: T | ((prev: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

/**
 * Creates a store, optionally persisted under a storage key.
 * @param initial the value when nothing is stored.
 * @param persistKey storage key; the value is read once and written on every change.
 * @returns the store.
 */
export function createStore<T>(initial: T, persistKey?: string): Store<T> {
  let value: T = persistKey ? (readStored<T>(persistKey) ?? initial) : initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      const resolved = typeof next === "function" ? (next as (prev: T) => T)(value) : next;
      if (Object.is(resolved, value)) return;
      value = resolved;
      if (persistKey) writeStored(persistKey, value);
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
