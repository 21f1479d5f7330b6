import { elderModeStore } from "@/stores/elderMode";
import { useStore } from "./useStore";

/**
 * Elder mode (适老化) state for pages and components.
 * @returns whether it is on, and a setter that persists the choice.
 */
export function useElderMode(): [boolean, (on: boolean) => void] {
  return [useStore(elderModeStore), elderModeStore.set];
}
