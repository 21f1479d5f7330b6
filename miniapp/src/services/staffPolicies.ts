import type { z } from "zod";
import type {
  PolicyCategory,
  PostStatus,
  PostUpdateBody,
  PostWriteInput,
} from "@lushan/shared/schemas/policy";
import { api } from "./api";
import { call } from "./request";

/** What the editor sends when saving changes (any field, plus the version it started from). */
export type PostUpdateRequest = z.input<typeof PostUpdateBody>;

/** Filters of the workbench's post list. */
export interface StaffPostFilters {
  status?: PostStatus;
  category?: PolicyCategory;
  q?: string;
}

/**
 * Posts the signed-in staff member may see in the workbench (department staff: their own
 * department's), newest first, each with what the caller may do with it.
 * @param filters status, category, text.
 * @param page 1-based page.
 * @returns one page of posts.
 */
export function listStaffPolicies(filters: StaffPostFilters, page = 1) {
  return call(api.staffPolicies.list, { query: { ...filters, page, pageSize: 20 } });
}

/**
 * One post with its body, version and abilities.
 * @param id the post id.
 * @returns the post.
 */
export function getStaffPolicy(id: string) {
  return call(api.staffPolicies.get, { params: { id } });
}

/**
 * Writes a new draft.
 * @param body category, title, summary, body (HTML, sanitised on the server), tags.
 * @returns the created draft.
 */
export function createStaffPolicy(body: PostWriteInput) {
  return call(api.staffPolicies.create, { body });
}

/**
 * Saves changes. The BFF answers 409 `conflict` when someone saved a newer version first.
 * @param id the post id.
 * @param body the changed fields and `expectedVersion`.
 * @returns the saved post.
 */
export function updateStaffPolicy(id: string, body: PostUpdateRequest) {
  return call(api.staffPolicies.update, { params: { id }, body });
}

/**
 * Publishes now, or at a later time (定时发布).
 * @param id the post id.
 * @param at ISO time to publish at; absent publishes now.
 * @returns the post.
 */
export function publishStaffPolicy(id: string, at?: string) {
  return call(api.staffPolicies.publish, { params: { id }, body: at ? { at } : {} });
}

/**
 * Takes a published post down (or cancels a scheduled one) with a reason.
 * @param id the post id.
 * @param reason why, shown in the post's history.
 * @returns the post.
 */
export function unpublishStaffPolicy(id: string, reason: string) {
  return call(api.staffPolicies.unpublish, { params: { id }, body: { reason } });
}

/**
 * The saved versions of a post, newest first (who saved, when, with what note).
 * @param id the post id.
 * @returns the versions.
 */
export async function listPolicyVersions(id: string) {
  return (await call(api.staffPolicies.versions, { params: { id } })).items;
}
