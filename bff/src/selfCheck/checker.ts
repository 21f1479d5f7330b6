import { cut, STOP_WORDS, words } from "../search/analyzer";
import { normalize } from "../search/normalize";
import type { SearchIndex } from "../search/searchIndex";
import { expand, type SynonymTable } from "../search/synonyms";
import type { ListItemData } from "../list/listItem";
import { coreOf, splitScope } from "./splitScope";

export type Verdict = "prohibited" | "licensed" | "not_listed";

export interface ItemMatch<T extends ListItemData> {
  item: T;
  /** How sure the match is (0–1). */
  confidence: number;
  /** When the list itself exempts this case (备案, 除外…), the clause that says so. */
  exemption: string | null;
}

export interface ActivityCheck<T extends ListItemData> {
  activity: string;
  verdict: Verdict;
  confidence: number;
  /** Items that decide the verdict. */
  matches: ItemMatch<T>[];
  /** Items that may be relevant but are not a confident match (可能相关). */
  related: ItemMatch<T>[];
}

/** Words that say little about which licence applies. */
const GENERIC = new Set([
  "服务", "经营", "销售", "零售", "批发", "经销", "业务", "活动", "项目", "一般", "许可", "从事", "开展", "提供", "代理", "咨询",
  "管理", "技术", "信息", "产品", "制品", "用品", "设备", "普通", "企业", "公司", "相关", "其他", "除外", "含", "不含", "各类",
  "及", "和", "与", "研发", "推广", "交流", "转让", "培训", "开发",
]);

const PRODUCE = ["生产", "制造", "加工", "酿造", "开采", "印刷", "复制", "屠宰", "养殖", "捕捞", "种植", "采伐"];
const TRADE = ["销售", "零售", "批发", "经营", "经销", "购销", "贸易"];

/** Confidence needed before saying an activity needs a licence or is prohibited. */
export const STRONG = 0.75;
const RELATED = 0.3;

function verbClasses(text: string): Set<"produce" | "trade"> {
  const out = new Set<"produce" | "trade">();
  if (PRODUCE.some((v) => text.includes(v))) out.add("produce");
  if (TRADE.some((v) => text.includes(v))) out.add("trade");
  return out;
}

function wordWeight(w: string): number {
  const n = [...w].length;
  return n >= 3 ? 1.5 : n === 2 ? 1 : 0.3;
}

/** Exemption clauses of an item's measures: parentheses that say 备案, 除外, 无需… */
function exemptions(item: ListItemData): string[] {
  const out: string[] = [];
  for (const m of item.measures) {
    for (const clause of m.text.match(/[（(][^）)]*[）)]/g) ?? []) {
      if (/备案|除外|无需|豁免|不需/.test(clause)) out.push(clause.slice(1, -1));
    }
  }
  return out;
}

/**
 * Decides, for one activity of a business scope, whether it is prohibited, needs a licence or is
 * outside the list. A verdict other than `not_listed` needs a confident match: every meaningful
 * word of the activity found in the item's name, keywords or measures (or through a synonym), with
 * no production/trade mismatch. When the list itself exempts the case (e.g. 仅销售预包装食品实行备案),
 * the activity is outside the list and the clause is quoted.
 */
export function checkActivity<T extends ListItemData>(activity: string, index: SearchIndex<T>, synonyms: SynonymTable): ActivityCheck<T> {
  const core = coreOf(activity) || activity;
  const norm = normalize(core);
  const coreWords = cut(core).filter((w) => !STOP_WORDS.has(w) && !GENERIC.has(w) && w !== " ");
  // A compound the segmenter keeps whole (娱乐活动) also counts when its meaningful parts appear.
  const parts = new Map(coreWords.map((w) => [w, words(w).filter((p) => p !== w && !GENERIC.has(p))]));
  const phraseSynonyms = synonyms.keys.filter((k) => norm.includes(k)).map((k) => ({ key: k, terms: synonyms.entries.get(k)! }));
  const wordSynonyms = new Map(coreWords.map((w) => [w, expand(synonyms, w)]));
  const activityVerbs = verbClasses(norm);
  const found = (w: string, text: string) => {
    if (text.includes(w)) return true;
    const p = parts.get(w) ?? [];
    return p.length > 0 && p.every((x) => text.includes(x));
  };
  const candidates = coreWords.length ? index.search(core, { pageSize: 10 }).hits.map((h) => h.doc) : [];
  const scored = candidates.map((item) => {
    // Words must meet inside one text (the name, one keyword or one measure): 汽车 in 汽车金融 and
    // 租赁 in 金融租赁 do not make 汽车租赁.
    const units: { text: string; kind: "name" | "keyword" | "measure" }[] = [
      { text: normalize(item.name), kind: "name" },
      ...item.keywords.map((k) => ({ text: normalize(k), kind: "keyword" as const })),
      // Measures often enumerate (信托公司、金融租赁公司、汽车金融公司…): each clause is its own text.
      ...item.measures.flatMap((m) => m.text.split(/[、，,；;]/).map((c) => ({ text: normalize(c), kind: "measure" as const }))),
    ];
    let best = 0;
    let bestKind: "name" | "keyword" | "measure" = "measure";
    for (const unit of units) {
      let total = 0;
      let got = 0;
      for (const w of coreWords) {
        const weight = wordWeight(w);
        total += weight;
        const viaSynonym =
          (wordSynonyms.get(w) ?? []).some((t) => unit.text.includes(t)) ||
          phraseSynonyms.some((p) => p.key.includes(w) && p.terms.some((t) => unit.text.includes(t)));
        if (found(w, unit.text) || viaSynonym) got += weight;
      }
      const coverage = total ? got / total : 0;
      if (coverage > best || (coverage === best && unit.kind !== "measure")) {
        best = coverage;
        bestKind = unit.kind;
      }
    }
    let confidence = best;
    // Measures are long and list many things; a match only there is weaker, and a prohibition
    // needs a specific statement (at least three meaningful words) to be claimed from them.
    if (bestKind === "measure") {
      confidence *= 0.85;
      if (item.category === "禁止准入类" && coreWords.length < 3) confidence = Math.min(confidence, 0.6);
    }
    // One short word is too little to call something prohibited.
    if (item.category === "禁止准入类" && coreWords.reduce((n, w) => n + wordWeight(w), 0) < 1.5) confidence = Math.min(confidence, 0.6);
    const itemVerbs = verbClasses(normalize(item.name));
    const conflict = activityVerbs.size > 0 && itemVerbs.size > 0 && ![...activityVerbs].some((v) => itemVerbs.has(v));
    if (conflict) confidence *= 0.55;
    if (item.keywords.some((k) => normalize(k) === norm)) confidence = Math.max(confidence, 0.95);
    const clause = exemptions(item).find((c) => coreWords.length > 0 && coreWords.every((w) => found(w, normalize(c))));
    return { item, confidence: Math.round(Math.min(confidence, 0.99) * 100) / 100, exemption: clause ?? null };
  });
  scored.sort((a, b) => b.confidence - a.confidence || a.item.no - b.item.no);
  const deciding = scored.filter((s) => s.confidence >= STRONG && !s.exemption);
  // The list itself says this case is outside it (备案 / 除外): quote the clause.
  const exempted = scored.filter((s) => s.exemption && s.confidence >= 0.6);
  let verdict: Verdict = "not_listed";
  if (deciding.some((s) => s.item.category === "禁止准入类")) verdict = "prohibited";
  else if (deciding.length) verdict = "licensed";
  const matches = verdict === "not_listed" ? exempted : deciding;
  const related = scored.filter((s) => !matches.includes(s) && s.confidence >= RELATED).slice(0, 3);
  const top = scored[0]?.confidence ?? 0;
  const confidence = verdict === "not_listed" ? Math.round((exempted.length ? 0.9 : 1 - top * 0.6) * 100) / 100 : (matches[0]?.confidence ?? 0);
  return { activity, verdict, confidence, matches, related };
}

/**
 * Checks every activity of a business scope.
 * @param scope the scope as written on a licence or typed by the user.
 * @param index the active edition's search index.
 * @param synonyms the synonym table.
 * @returns one result per activity.
 */
export function checkScope<T extends ListItemData>(scope: string, index: SearchIndex<T>, synonyms: SynonymTable): ActivityCheck<T>[] {
  return splitScope(scope).map((a) => checkActivity(a, index, synonyms));
}
