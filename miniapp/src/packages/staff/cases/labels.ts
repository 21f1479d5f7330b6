import type { CaseStatus } from "@lushan/shared/cases/lifecycle";
import type { TagTone } from "@/components/tag";

/** Colour of each case status. */
export const CASE_STATUS_TONES: Record<CaseStatus, TagTone> = {
  proposed: "warning",
  published: "success",
  unpublished: "danger",
  rejected: "neutral",
};
