import type { PolicyCategory, PostStatus } from "@lushan/shared/schemas/policy";
import type { TagTone } from "@/components/tag";

// Kept here rather than imported from the shared schema module, which would bundle zod into the
// staff subpackage; the `satisfies` clauses fail the type check if the shared values change shape.

/** Roles that may write posts (the contract's writers). */
export const POST_WRITERS = ["dept_admin", "coordinator", "admin"] as const;

/** Chinese names of post statuses (same as the shared PostStatusLabels). */
export const POST_STATUS_LABELS = {
  draft: "草稿",
  scheduled: "定时发布",
  published: "已发布",
  unpublished: "已撤下",
} as const satisfies Record<PostStatus, string>;

/** What staff may write by hand (shared STAFF_WRITABLE_CATEGORIES). */
export const STAFF_CATEGORIES = [
  "清单动态",
  "政策解读",
  "行业信息",
  "典型案例通报",
] as const satisfies readonly PolicyCategory[];
/** What a department administrator may draft (shared DEPARTMENT_WRITABLE_CATEGORIES). */
export const DEPARTMENT_CATEGORIES = [
  "政策解读",
  "行业信息",
] as const satisfies readonly PolicyCategory[];

/** Limits of the post contract (shared PolicyValidation). */
export const POST_LIMITS = { maxTitle: 64, maxSummary: 200, maxTags: 20, maxItems: 100 } as const;

/** Colour of each post status. */
export const POST_STATUS_TONES: Record<PostStatus, TagTone> = {
  draft: "neutral",
  scheduled: "warning",
  published: "success",
  unpublished: "danger",
};
