import type { PolicyCategory } from "@lushan/shared/schemas/policy";
import { api } from "./api";
import { call } from "./request";

/**
 * The policy feed (政策动态), newest first.
 * @param filters category, text or tag (an industry or item code).
 * @param page 1-based page.
 * @returns posts with total and category counts.
 */
export function listPolicies(
  filters: { category?: PolicyCategory; q?: string; tag?: string },
  page = 1,
  pageSize = 20,
) {
  return call(api.policies.list, { query: { ...filters, page, pageSize } });
}

/**
 * One post with its sanitised body.
 * @param id the post id.
 * @returns the post.
 */
export function getPolicy(id: string) {
  return call(api.policies.get, { params: { id } });
}
