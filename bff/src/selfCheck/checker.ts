import { cut, words } from "../search/analyzer";
import { normalize } from "../search/normalize";
import type { SearchIndex } from "../search/searchIndex";
import type { SynonymTable } from "../search/synonyms";
import type { ListItemData } from "../list/listItem";
import { shortName } from "../list/listIndex";
import { kindsOf, parseActivity, withoutVerbs, type Concept, type ParsedActivity } from "./activity";
import { splitScope } from "./splitScope";
import { loadSelfCheckVocabulary, type SelfCheckVocabulary } from "./vocabulary";

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
  /** Why an activity is outside the list when that is known (e.g. 改为备案管理), or what the scope itself excludes. */
  note: string | null;
}

/** Confidence needed before saying an activity needs a licence or is prohibited. */
export const STRONG = 0.75;
const RELATED = 0.3;
/** A match this close to certain (an everyday keyword of the item typed as is) beats a known exception. */
const CERTAIN = 0.95;

const compact = (s: string) => normalize(s).replace(/ /g, "");

interface Evidence {
  text: string;
  /** The text with its punctuation (enumerations are read from it). */
  raw: string;
  kind: "name" | "keyword" | "measure";
  /** The verbs' kinds that apply to this text. */
  kinds: ReadonlySet<string>;
  /** For measures: which measure (exclusions remove whole measures). */
  measure: number;
}

interface Scored<T extends ListItemData> {
  item: T;
  strength: number;
  exemption: string | null;
}

function found(concept: Concept, text: string, parts = true): boolean {
  if (concept.forms.some((f) => text.includes(f))) return true;
  return parts && concept.parts.length > 0 && concept.parts.every((p) => text.includes(p));
}

/**
 * Share of the concepts (by weight) found in a text.
 * @param classes whether the item distinguishes classes (第二类/第三类): otherwise such qualifiers do not count.
 */
function coverage(concepts: Concept[], text: string, classes = true, remarks: Concept[] = [], parts = true): number {
  let total = 0;
  let got = 0;
  for (const c of concepts) {
    const weight = c.light && !classes ? 0 : c.weight;
    total += weight;
    if (found(c, text, parts)) got += weight;
  }
  if (got > 0) {
    for (const r of remarks) {
      if (!found(r, text)) continue;
      total += r.weight;
      got += r.weight;
    }
  }
  return total ? got / total : 0;
}

/** The words of a list text that say what it is about (no licence wording, verbs or generic words). */
function contentWords(text: string, vocabulary: SelfCheckVocabulary): string[] {
  const out = new Set<string>();
  for (const w of words(withoutVerbs(text, vocabulary))) {
    if ([...w].length < 2 || vocabulary.generic.has(w) || vocabulary.licence.has(w)) continue;
    out.add(w);
  }
  // Sub-words of a kept compound are not separate requirements (医疗器械 covers 医疗, 器械).
  return [...out].filter((w) => ![...out].some((o) => o !== w && o.includes(w)));
}

/**
 * Share of a list text's content words that the activity mentions (a compound counts when its
 * meaningful parts do). An enumeration (农药、兽药、饲料和饲料添加剂) is satisfied by its best member.
 */
function reverseCoverage(text: string, parsed: ParsedActivity, vocabulary: SelfCheckVocabulary, synonyms: SynonymTable, strict = false): number {
  const members = text.split(/[、和及与或]/).filter((m) => contentWords(m, vocabulary).length > 0);
  if (members.length > 1) return Math.max(...members.map((m) => memberCoverage(m, parsed, vocabulary, synonyms, strict)));
  return memberCoverage(text, parsed, vocabulary, synonyms, strict);
}

function memberCoverage(text: string, parsed: ParsedActivity, vocabulary: SelfCheckVocabulary, synonyms: SynonymTable, strict: boolean): number {
  const content = contentWords(text, vocabulary);
  if (!content.length) return 1;
  const direct = (w: string) => {
    if (strict) return parsed.core.includes(w) || parsed.concepts.some((c) => c.forms.includes(w));
    if (parsed.context.includes(w) || parsed.concepts.some((c) => c.forms.some((f) => f.includes(w)))) return true;
    // The list's word means something the activity says (农作物种子 → 种子).
    const entry = synonyms.entries.get(w);
    return entry?.strength === "same" && entry.terms.some((t) => parsed.context.includes(t));
  };
  const mentioned = (w: string, depth = 0): boolean => {
    if (direct(w)) return true;
    // 支付公司 → 支付, 歌舞娱乐场所 → 歌舞娱乐, 旅游业务 → 旅游.
    const bare = stripAffixes(w, vocabulary);
    if (bare !== w && [...bare].length >= 2 && direct(bare)) return true;
    // A prohibition must be repeated in its own words (报刊出版单位 is not 报刊零售).
    if (strict || depth >= 2) return false;
    const parts = cut(bare).filter((p) => p !== bare && [...p].length >= 2 && !vocabulary.generic.has(p) && !vocabulary.licence.has(p));
    return parts.length > 0 && parts.every((p) => mentioned(p, depth + 1));
  };
  return content.filter((w) => mentioned(w)).length / content.length;
}

/** A word without generic or licence words at its ends (支付公司 → 支付). */
function stripAffixes(word: string, vocabulary: SelfCheckVocabulary): string {
  let w = word;
  for (let changed = true; changed; ) {
    changed = false;
    for (const affix of [...vocabulary.generic, ...vocabulary.licence]) {
      if ([...affix].length < 2 || w.length <= affix.length) continue;
      if (w.endsWith(affix)) w = w.slice(0, -affix.length);
      else if (w.startsWith(affix)) w = w.slice(affix.length);
      else continue;
      changed = true;
    }
  }
  return w;
}

/**
 * Whether the activity's verbs fit a text's: the same kind, or a general kind covering the
 * narrower one (经营 covers 零售). No verbs on either side means no conflict.
 */
function compatible(activity: ReadonlySet<string>, text: ReadonlySet<string>, vocabulary: SelfCheckVocabulary): boolean {
  if (activity.size === 0 || text.size === 0 || [...activity].every((k) => vocabulary.wildcards.has(k))) return true;
  for (const k of activity) {
    if (text.has(k)) return true;
    // 销售 fits a text about 批发 or 零售 (it may well need that licence).
    if ([...text].some((t) => vocabulary.covers.get(k)?.has(t))) return true;
    // 零售 fits a text about 经营 unless that text names another narrow kind (成品油批发、仓储经营).
    for (const [general, narrow] of vocabulary.covers) {
      if (text.has(general) && narrow.has(k) && ![...text].some((t) => narrow.has(t))) return true;
    }
  }
  return false;
}

/** Parenthetical clauses and note sentences in which the list exempts a case (备案, 除外…). */
function exemptionClauses(item: ListItemData, vocabulary: SelfCheckVocabulary): string[] {
  const out: string[] = [];
  const sentences = [...item.measures.flatMap((m) => (m.text.match(/[（(][^）)]*[）)]/g) ?? []).map((p) => p.slice(1, -1))), ...(item.note ?? "").split(/[。；;]/)];
  for (const sentence of sentences) {
    for (const clause of sentence.split(/[，,：:]/)) if (vocabulary.exemption.test(clause)) out.push(clause.trim());
  }
  return out;
}

/**
 * Whether an exemption clause of the list covers the activity: every condition word of the clause
 * is in the activity (仅销售预包装食品 needs 预包装 and 食品; 企业征信机构 needs 企业), or, for an
 * enumeration (饭馆、咖啡馆、酒吧、茶座等…除外), the activity names one of the enumerated cases;
 * and the verbs agree (成品油批发、仓储…备案 does not cover 零售).
 */
function exempts(clause: string, mainText: string, parsed: ParsedActivity, vocabulary: SelfCheckVocabulary): boolean {
  if (!compatible(parsed.kinds, kindsOf(clause, vocabulary), vocabulary)) return false;
  const context = `${parsed.core}|${parsed.restriction}`;
  const parts = clause.split(/[、]/);
  if (parts.length > 1) {
    const last = conditionWords(parts[parts.length - 1], vocabulary)[0];
    const cases = [...parts.slice(0, -1).map(compact), last].filter((c): c is string => !!c && [...c].length >= 2);
    return cases.some((c) => parsed.core.includes(c));
  }
  const needed = conditionWords(clause, vocabulary);
  // The clause must add a condition of its own (预包装, 第二类, 诊所); "无需申请取水许可的情形除外"
  // only restates the item and exempts nothing in particular.
  return needed.length > 0 && needed.some((w) => !mainText.includes(w)) && needed.every((w) => context.includes(w));
}

/** The words of an exemption clause that state its condition (not 实行, 管理, verbs…), in order. */
function conditionWords(clause: string, vocabulary: SelfCheckVocabulary): string[] {
  const out: string[] = [];
  for (const w of words(withoutVerbs(clause, vocabulary, vocabulary.exemptionFiller))) {
    if ([...w].length < 2 || vocabulary.exemptionFiller.has(w)) continue;
    if (!out.includes(w)) out.push(w);
  }
  return out.filter((w) => !out.some((o) => o !== w && o.includes(w)));
}

function evidences(item: ListItemData, vocabulary: SelfCheckVocabulary): Evidence[] {
  const nameKinds = kindsOf(item.name, vocabulary);
  const out: Evidence[] = [];
  // A prohibited item's title is an umbrella (禁止违规开展互联网相关经营活动): only its measures are specific.
  const name = shortName(item.name);
  if (item.category !== "禁止准入类") out.push({ text: compact(name), raw: name, kind: "name", kinds: nameKinds, measure: -1 });
  for (const k of item.keywords) {
    const kinds = kindsOf(k, vocabulary);
    out.push({ text: compact(k), raw: k, kind: "keyword", kinds: kinds.size ? kinds : nameKinds, measure: -1 });
  }
  item.measures.forEach((m, mi) => {
    // Exemption remarks are not what the measure licenses (发电类、输电类、供电类 stays, 国家规定豁免的情形除外 goes).
    const body = m.text.replace(/[（(][^）)]*[）)]/g, (p) =>
      p
        .split(/[，,]/)
        .filter((clause) => !vocabulary.exemption.test(clause))
        .join("，"),
    );
    const kinds = kindsOf(body, vocabulary);
    for (const clause of body.split(/[、，,；;]/)) {
      const text = compact(clause);
      if (text) out.push({ text, raw: clause.replace(/[（(][^）)]*[）)]?/g, ""), kind: "measure", kinds: kinds.size ? kinds : nameKinds, measure: mi });
    }
  });
  return out;
}

function score<T extends ListItemData>(item: T, parsed: ParsedActivity, vocabulary: SelfCheckVocabulary, synonyms: SynonymTable): Scored<T> {
  const all = evidences(item, vocabulary);
  // "（不含危险货物）": measures about the excluded thing do not count, nor (then) the item's
  // name and keywords, which cover those measures too.
  const excluded = new Set<number>();
  for (const phrase of parsed.exclusions) {
    item.measures.forEach((m, mi) => {
      if (coverage(phrase, compact(m.text)) >= 0.99) excluded.add(mi);
    });
  }
  const usable = all.filter((e) => (e.kind === "measure" ? !excluded.has(e.measure) : excluded.size === 0));
  let strength = 0;
  let fit: number | null = null;
  const nameFit = () => (fit ??= reverseCoverage(shortName(item.name), parsed, vocabulary, synonyms));
  const itemText = item.name + item.measures.map((m) => m.text).join("");
  const classes = [...vocabulary.light].some((w) => itemText.includes(w));
  for (const e of usable) {
    // A prohibition is never inferred from pieces of an unknown word (新闻纸 is not 新闻).
    const a = coverage(parsed.concepts, e.text, classes, parsed.remarks, item.category !== "禁止准入类");
    if (a === 0) continue;
    let s: number;
    if (e.kind === "keyword") {
      const exact = e.text === parsed.core || (parsed.concepts.length === 1 && parsed.concepts[0].forms.length === 1 && parsed.concepts[0].text === e.text);
      // Everyday keywords are loose (培训机构 of 面向中小学生的校外培训): the item's title must fit too.
      s = exact ? CERTAIN : a * Math.sqrt(reverseCoverage(e.raw, parsed, vocabulary, synonyms)) * (0.6 + 0.4 * nameFit());
    } else if (e.kind === "name") {
      s = a * (0.7 + 0.3 * reverseCoverage(e.raw, parsed, vocabulary, synonyms));
    } else if (item.category === "禁止准入类") {
      // A prohibition is claimed only from a statement the activity mostly repeats.
      s = reverseCoverage(e.raw, parsed, vocabulary, synonyms, true) >= 0.6 ? a * 0.9 : a * 0.5;
    } else {
      // Measures enumerate (信托公司、金融租赁公司、汽车金融公司…): the clause should be about the activity.
      s = a * 0.85 * (0.6 + 0.4 * reverseCoverage(e.raw, parsed, vocabulary, synonyms));
    }
    if (!compatible(parsed.kinds, e.kinds, vocabulary)) s *= 0.5;
    // 餐饮管理, 财务咨询: a service to such businesses, unless the list names that service itself (证券投资咨询).
    if (parsed.serviceSuffix && !e.text.includes(parsed.serviceSuffix)) s *= 0.4;
    if (s > strength) strength = s;
  }
  let exemption: string | null = null;
  if (strength > 0) {
    const mainText = compact(item.name + item.measures.map((m) => m.text.replace(/[（(][^）)]*[）)]/g, "")).join(""));
    exemption = exemptionClauses(item, vocabulary).find((clause) => exempts(clause, mainText, parsed, vocabulary)) ?? null;
  }
  return { item, strength: Math.round(Math.min(strength, 0.99) * 100) / 100, exemption };
}

/** Whether what an activity says besides a known outside-list phrase is itself listed (理发及美容服务 → 理发). */
function restIsListed<T extends ListItemData>(rest: string, candidates: T[], synonyms: SynonymTable, vocabulary: SelfCheckVocabulary, index: SearchIndex<T>): boolean {
  const parsed = parseActivity(rest, synonyms, vocabulary, (w) => index.knows(w));
  return parsed.concepts.length > 0 && candidates.some((item) => score(item, parsed, vocabulary, synonyms).strength >= STRONG);
}

const match = <T extends ListItemData>(s: Scored<T>): ItemMatch<T> => ({ item: s.item, confidence: s.strength, exemption: s.exemption });

/**
 * Decides, for one activity of a business scope, whether it is prohibited, needs a licence or is
 * outside the list. A verdict other than `not_listed` needs a confident match: the activity's
 * meaningful words found together in the item's name, one of its keywords or one of its measures
 * (directly or through a `same` synonym), the item's wording covered in turn, and no clash of
 * verbs (销售 is not 生产, 批发 is not 零售). The list's own exemptions (仅销售预包装食品的实行备案),
 * the scope's own exclusions (不含…) and known changes (改为备案) keep an activity outside the list.
 * @param activity one activity.
 * @param index the edition's search index (finds the candidates).
 * @param synonyms the synonym table.
 * @param vocabulary the self-check vocabulary (defaults to the shipped one).
 * @returns the verdict with its evidence.
 */
export function checkActivity<T extends ListItemData>(
  activity: string,
  index: SearchIndex<T>,
  synonyms: SynonymTable,
  vocabulary: SelfCheckVocabulary = loadSelfCheckVocabulary(),
): ActivityCheck<T> {
  const parsed = parseActivity(activity, synonyms, vocabulary, (w) => index.knows(w));
  const outside = vocabulary.outside.find((o) => parsed.core.includes(o.phrase)) ?? null;
  const query = [parsed.core, parsed.restriction].filter(Boolean).join(" ");
  const candidates = parsed.concepts.length ? index.search(query, { pageSize: 10 }).hits.map((h) => h.doc) : [];
  const scored = candidates.map((item) => score(item, parsed, vocabulary, synonyms)).filter((s) => s.strength > 0);
  scored.sort((a, b) => b.strength - a.strength || a.item.no - b.item.no);
  const top = scored[0]?.strength ?? 0;
  const exempted = scored.filter((s) => s.exemption && s.strength >= 0.4);
  const strong = scored.filter((s) => s.strength >= STRONG && !s.exemption);
  const related = (exclude: Scored<T>[]) => scored.filter((s) => !exclude.includes(s) && s.strength >= RELATED).slice(0, 3).map(match);
  const outsideVerdict = (note: string | null, confidence: number): ActivityCheck<T> => ({
    activity,
    verdict: "not_listed",
    confidence,
    matches: exempted.map(match),
    related: related(exempted),
    note,
  });
  if (outside && top < CERTAIN && !restIsListed(parsed.core.replace(outside.phrase, " "), candidates, synonyms, vocabulary, index)) {
    return outsideVerdict(outside.reason, 0.95);
  }
  if (parsed.excludesLicensed) return outsideVerdict("经营范围已注明不含须经许可或审批的项目；如实际开展此类项目，须先取得相应许可。", 0.9);
  // An activity a licensed item names as strongly is a licensed activity, not a prohibited one.
  const bestLicensed = strong.find((s) => s.item.category !== "禁止准入类")?.strength ?? 0;
  const prohibited = strong.filter((s) => s.item.category === "禁止准入类" && s.strength > bestLicensed);
  if (prohibited.length) {
    return { activity, verdict: "prohibited", confidence: prohibited[0].strength, matches: prohibited.map(match), related: related(prohibited), note: null };
  }
  if (strong.length) {
    const deciding = strong.filter((s) => s.strength >= strong[0].strength - 0.2).slice(0, 3);
    return { activity, verdict: "licensed", confidence: deciding[0].strength, matches: deciding.map(match), related: related(deciding), note: null };
  }
  return outsideVerdict(null, Math.round((exempted.length ? 0.9 : 1 - top * 0.6) * 100) / 100);
}

/**
 * Checks every activity of a business scope.
 * @param scope the scope as written on a licence or typed by the user.
 * @param index the active edition's search index.
 * @param synonyms the synonym table.
 * @param vocabulary the self-check vocabulary (defaults to the shipped one).
 * @returns one result per activity.
 */
export function checkScope<T extends ListItemData>(
  scope: string,
  index: SearchIndex<T>,
  synonyms: SynonymTable,
  vocabulary: SelfCheckVocabulary = loadSelfCheckVocabulary(),
): ActivityCheck<T>[] {
  return splitScope(scope).map((a) => checkActivity(a, index, synonyms, vocabulary));
}
