import { useSyncExternalStore } from "react";
import type { Store } from "@/stores/createStore";

/**
 * Subscribes a component to a store.
 * @param store the store.
 * @returns the current value; the component re-renders when it changes.
 */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
