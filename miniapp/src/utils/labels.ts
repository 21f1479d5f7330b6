import type { ListCategory, Verdict } from "@lushan/shared/schemas/list";
import type { PolicyCategory } from "@lushan/shared/schemas/policy";
import type { TagTone } from "@/components/tag";

/**
 * Tag colour of a list category: prohibited reads as danger, licensed as a caution.
 * @param category 禁止准入类 or 许可准入类.
 * @returns the tone.
 */
export function categoryTone(category: ListCategory): TagTone {
  return category === "禁止准入类" ? "danger" : "warning";
}

/**
 * Tag colour of a self-check verdict.
 * @param verdict prohibited, licensed or not_listed.
 * @returns the tone.
 */
export function verdictTone(verdict: Verdict): TagTone {
  if (verdict === "prohibited") return "danger";
  if (verdict === "licensed") return "warning";
  return "success";
}

/**
 * Policy feed categories in display order. Kept here rather than imported from the shared schema
 * module, which would bundle zod; the check below fails the build if the shared list changes.
 */
export const POLICY_CATEGORY_ORDER = [
  "清单动态",
  "政策解读",
  "行业信息",
  "庐山发布",
  "典型案例通报",
] as const satisfies readonly PolicyCategory[];
const everyCategoryListed: [
  Exclude<PolicyCategory, (typeof POLICY_CATEGORY_ORDER)[number]>,
] extends [never]
  ? true
  : never = true;
void everyCategoryListed;
