import type { Role } from "@lushan/shared/roles";
import type { PolicyCategory, PostWriteInput, StaffPostView } from "@lushan/shared/schemas/policy";
import type { PostUpdateRequest } from "@/services/staffPolicies";
import {
  DEPARTMENT_CATEGORIES,
  POST_LIMITS as PolicyValidation,
  STAFF_CATEGORIES,
} from "../policies/labels";
import { htmlToText, splitList, textToHtml } from "./bodyText";

/** What the policy editor holds while staff type. */
export interface PolicyDraft {
  category: PolicyCategory | null;
  title: string;
  summary: string;
  /** The body in the editor's plain-text conventions (see bodyText.ts). */
  body: string;
  /** Industry tags, separated by commas. */
  industries: string;
  /** List item codes, separated by commas. */
  items: string;
}

export type DraftErrors = Partial<Record<keyof PolicyDraft, string>>;

/**
 * The categories a role may write in.
 * @param role the signed-in role.
 * @returns the categories (department administrators: 政策解读 and 行业信息).
 */
export function writableCategories(role: Role): readonly PolicyCategory[] {
  return role === "dept_admin" ? DEPARTMENT_CATEGORIES : STAFF_CATEGORIES;
}

/**
 * An empty draft for a new post.
 * @param role the signed-in role (picks the first category it may write).
 * @returns the draft.
 */
export function emptyDraft(role: Role): PolicyDraft {
  return {
    // Most hand-written posts are 政策解读; 清单动态 usually comes from the list's editions.
    category: writableCategories(role).includes("政策解读")
      ? "政策解读"
      : (writableCategories(role)[0] ?? null),
    title: "",
    summary: "",
    body: "",
    industries: "",
    items: "",
  };
}

/**
 * The editor's text for a stored post.
 * @param post the post from the BFF.
 * @returns the draft.
 */
export function draftFromPost(post: StaffPostView): PolicyDraft {
  return {
    category: post.category,
    title: post.title,
    summary: post.summary,
    body: htmlToText(post.body),
    industries: post.tags.industries.join("，"),
    items: post.tags.items.join("，"),
  };
}

/**
 * Checks the draft as the contract will (so people see the problem before sending).
 * @param draft the draft.
 * @returns field → Chinese message; empty when the draft can be saved.
 */
export function validateDraft(draft: PolicyDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.category) errors.category = "请选择栏目";
  const title = draft.title.trim();
  if (!title) errors.title = "请填写标题";
  else if (title.length > PolicyValidation.maxTitle)
    errors.title = `标题不能超过 ${PolicyValidation.maxTitle} 个字`;
  if (draft.summary.trim().length > PolicyValidation.maxSummary)
    errors.summary = `摘要不能超过 ${PolicyValidation.maxSummary} 个字`;
  if (!draft.body.trim()) errors.body = "请填写正文";
  const industries = splitList(draft.industries);
  if (industries.length > PolicyValidation.maxTags)
    errors.industries = `行业标签最多 ${PolicyValidation.maxTags} 个`;
  else if (industries.some((t) => t.length > 40))
    errors.industries = "每个行业标签不能超过 40 个字";
  const items = splitList(draft.items);
  if (items.length > PolicyValidation.maxItems)
    errors.items = `关联事项最多 ${PolicyValidation.maxItems} 个`;
  return errors;
}

/**
 * The create body for a new post.
 * @param draft a valid draft.
 * @returns the request body.
 */
export function createBody(draft: PolicyDraft): PostWriteInput {
  return {
    category: draft.category as PolicyCategory,
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    body: textToHtml(draft.body),
    tags: { industries: splitList(draft.industries), items: splitList(draft.items) },
  };
}

/**
 * The update body: only the fields that differ from the post the editor started from, and the
 * version it started from (the BFF answers 409 when someone saved a newer one).
 * @param draft the edited draft.
 * @param base the post as loaded.
 * @returns the request body, or null when nothing changed.
 */
export function updateBody(draft: PolicyDraft, base: StaffPostView): PostUpdateRequest | null {
  const before = draftFromPost(base);
  const body: PostUpdateRequest = { expectedVersion: base.version };
  let changed = false;
  if (draft.category && draft.category !== base.category) {
    body.category = draft.category;
    changed = true;
  }
  if (draft.title.trim() !== before.title.trim()) {
    body.title = draft.title.trim();
    changed = true;
  }
  if (draft.summary.trim() !== before.summary.trim()) {
    body.summary = draft.summary.trim();
    changed = true;
  }
  if (draft.body.trim() !== before.body.trim()) {
    body.body = textToHtml(draft.body);
    changed = true;
  }
  if (draft.industries !== before.industries || draft.items !== before.items) {
    const industries = splitList(draft.industries);
    const items = splitList(draft.items);
    if (
      industries.join() !== base.tags.industries.join() ||
      items.join() !== base.tags.items.join()
    ) {
      body.tags = { industries, items };
      changed = true;
    }
  }
  return changed ? body : null;
}

/**
 * Whether the draft differs from the saved post (or, for a new post, has any text).
 * @param draft the draft.
 * @param base the saved post, or null for a new one.
 * @returns true when there is something to save.
 */
export function isDirty(draft: PolicyDraft, base: StaffPostView | null): boolean {
  if (!base) return Boolean(draft.title.trim() || draft.body.trim() || draft.summary.trim());
  return updateBody(draft, base) !== null;
}

/**
 * The instant of a scheduled publication chosen as a Beijing date and time.
 * @param date `YYYY-MM-DD`.
 * @param time `HH:mm`.
 * @returns ISO 8601 with +08:00, or null when either is missing or malformed.
 */
export function scheduleIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/**
 * Today's date in Beijing, for the date picker's lower bound.
 * @param now the current time.
 * @returns `YYYY-MM-DD`.
 */
export function beijingToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
