import type { PostStatus } from "@lushan/shared/schemas/policy";
import type { TagTone } from "@/components/tag";

/** Roles that may write posts (the contract's writers). */
export const POST_WRITERS = ["dept_admin", "coordinator", "admin"] as const;

/** Colour of each post status. */
export const POST_STATUS_TONES: Record<PostStatus, TagTone> = {
  draft: "neutral",
  scheduled: "warning",
  published: "success",
  unpublished: "danger",
};
