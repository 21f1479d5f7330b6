/** A rule's conditions: each list holds alternatives; an empty list puts no condition. */
export interface RuleConditions {
  barrierTypes: readonly string[];
  itemCodes: readonly string[];
  itemDepartments: readonly string[];
  industries: readonly string[];
  keywords: readonly string[];
  towns: readonly string[];
  listScopes: readonly string[];
}

/** The facts of a complaint that rules look at. */
export interface RoutingFacts {
  barrierType: string;
  listScope: string;
  /** The list item named by the complaint, if any. */
  item: { code: string; departments: readonly string[]; industry: string } | null;
  town: string;
  /** Title and description. */
  text: string;
}

/**
 * Whether every condition of a rule holds for a complaint. Conditions on the list item fail when
 * the complaint names none. Keywords match case-insensitively anywhere in the title or description.
 * @param m the rule's conditions.
 * @param f the complaint's facts.
 * @returns true when the rule applies.
 */
export function ruleMatches(m: RuleConditions, f: RoutingFacts): boolean {
  if (m.barrierTypes.length && !m.barrierTypes.includes(f.barrierType)) return false;
  if (m.listScopes.length && !m.listScopes.includes(f.listScope)) return false;
  if (m.towns.length && !m.towns.includes(f.town)) return false;
  const item = f.item;
  if (m.itemCodes.length && !(item && m.itemCodes.includes(item.code))) return false;
  if (m.itemDepartments.length && !(item && item.departments.some((d) => m.itemDepartments.includes(d)))) return false;
  if (m.industries.length && !(item && m.industries.includes(item.industry))) return false;
  if (m.keywords.length) {
    const text = f.text.toLowerCase();
    if (!m.keywords.some((k) => text.includes(k.toLowerCase()))) return false;
  }
  return true;
}

/**
 * The first rule that matches, trying rules by ascending priority (ties by the order given).
 * @param rules candidate rules.
 * @param f the complaint's facts.
 * @returns the deciding rule, or undefined.
 */
export function firstMatch<R extends { priority: number; match: RuleConditions }>(rules: readonly R[], f: RoutingFacts): R | undefined {
  const ordered = rules.map((r, i) => [r, i] as const).sort((a, b) => a[0].priority - b[0].priority || a[1] - b[1]);
  return ordered.find(([r]) => ruleMatches(r.match, f))?.[0];
}

const SCOPE_WORDS: Record<string, string> = { on_list: "涉及清单事项", not_on_list: "不在清单上", unsure: "不确定是否涉及清单" };

/**
 * The conditions in words, for explanations and the rule list.
 * @param m the rule's conditions.
 * @returns e.g. "问题类型 B07，乡镇 南康镇".
 */
export function describeMatch(m: RuleConditions): string {
  const parts: string[] = [];
  if (m.barrierTypes.length) parts.push(`问题类型 ${m.barrierTypes.join("/")}`);
  if (m.listScopes.length) parts.push(m.listScopes.map((s) => SCOPE_WORDS[s] ?? s).join("或"));
  if (m.itemCodes.length) parts.push(`清单事项 ${m.itemCodes.join("/")}`);
  if (m.itemDepartments.length) parts.push(`主管部门 ${m.itemDepartments.join("/")}`);
  if (m.industries.length) parts.push(`行业 ${m.industries.join("/")}`);
  if (m.keywords.length) parts.push(`关键词 ${m.keywords.join("/")}`);
  if (m.towns.length) parts.push(`乡镇 ${m.towns.join("/")}`);
  return parts.length ? parts.join("，") : "任何投诉";
}
