import type { HotlineQueueStage } from "@lushan/shared/schemas/hotline";
import type { TagTone } from "@/components/tag";

export type HotlineView = "open" | "unclaimed" | "mine" | "dispatched" | "all";

/** The queue's tabs, in the order an operator works through them. */
export const HOTLINE_VIEWS: Array<{ value: HotlineView; label: string }> = [
  { value: "open", label: "待办" },
  { value: "unclaimed", label: "待领取" },
  { value: "mine", label: "我领取的" },
  { value: "dispatched", label: "已派单" },
  { value: "all", label: "全部" },
];

/**
 * The colour of a work order's stage.
 * @param stage where it stands in the queue.
 * @returns the tag tone.
 */
export function stageTone(stage: HotlineQueueStage): TagTone {
  return stage === "unclaimed" ? "danger" : stage === "dispatched" ? "success" : "warning";
}
