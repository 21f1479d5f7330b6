import type { ListCategory } from "@lushan/shared/schemas/list";
import { api } from "./api";
import { call } from "./request";

/** Filters of a list search or browse. */
export interface ListFilters {
  q?: string;
  category?: ListCategory;
  industry?: string;
  department?: string;
}

/**
 * Searches the active list edition (empty `q` browses in list order).
 * @param filters text and facets.
 * @param page 1-based page.
 * @returns ranked items with highlights, facet counts, total and the edition (sample flag).
 */
export function searchList(filters: ListFilters, page = 1) {
  return call(api.list.search, { query: { ...filters, page, pageSize: 20 } });
}

/**
 * Type-ahead suggestions.
 * @param q what was typed so far.
 * @returns up to a few suggested queries.
 */
export async function suggestList(q: string): Promise<string[]> {
  const text = q.trim();
  if (!text) return [];
  const res = await call(api.list.suggest, { query: { q: text.slice(0, 40) }, timeout: 5_000 });
  return res.suggestions;
}

/**
 * One list item with measures, departments, guides and edition history.
 * @param code the item code (事项编码).
 * @returns the item.
 */
export function getListItem(code: string) {
  return call(api.list.item, { params: { code } });
}

/**
 * 准入自查: splits a business scope into activities and judges each.
 * @param scope the business scope as people write it.
 * @returns one verdict per activity.
 */
export function checkBusinessScope(scope: string) {
  return call(api.list.check, { body: { scope } });
}
