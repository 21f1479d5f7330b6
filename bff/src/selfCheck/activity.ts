import { cut, segmentationVersion, STOP_WORDS, wordBoundaries, words } from "../search/analyzer";
import { normalize } from "../search/normalize";
import { findPhrases, type SynonymTable } from "../search/synonyms";
import { TextMemo } from "../search/textMemo";
import type { SelfCheckVocabulary } from "./vocabulary";

/** A meaningful part of an activity: a word or an everyday phrase, with the forms that count as it. */
export interface Concept {
  text: string;
  /** The text itself and what it means in the list's wording (same-strength synonyms only). */
  forms: string[];
  /** Sub-words of a compound the documents may only contain apart (娱乐活动 → 娱乐). */
  parts: string[];
  weight: number;
  /** A qualifier such as 第二类: it only weighs where the item itself distinguishes classes. */
  light: boolean;
}

/** An activity of a business scope, taken apart for matching. */
export interface ParsedActivity {
  activity: string;
  /** Normalised activity without parenthetical remarks and spaces. */
  core: string;
  concepts: Concept[];
  /** Kinds of business the activity's verbs name (produce, trade, retail…). */
  kinds: ReadonlySet<string>;
  /** "（不含危险货物）": each excluded phrase as concepts. */
  exclusions: Concept[][];
  /** "（不含许可类…）", "（除依法须经批准的项目外）": the scope itself leaves licensed parts out. */
  excludesLicensed: boolean;
  /** "（仅销售预包装食品）": the restriction's text, which may meet an exemption of the list. */
  restriction: string;
  /** Everything the activity says (core, remarks and what its phrases mean), for reverse matching. */
  context: string;
  /** "餐饮管理": the ending that makes the activity a service to such businesses, not the business itself. */
  serviceSuffix: string | null;
  /** "（面向中小学生）", "（游泳）": remarks that may confirm a match but never count against one. */
  remarks: Concept[];
}

const compact = (s: string) => normalize(s).replace(/ /g, "");

function weightOf(text: string): number {
  const n = [...text].length;
  return n >= 3 ? 1.5 : n === 2 ? 1 : 0.3;
}

/**
 * The verbs' kinds of a text (生产 → produce, 批发 → wholesale…).
 * @param text any text.
 * @param vocabulary the self-check vocabulary.
 * @returns the kinds named.
 */
export function kindsOf(text: string, vocabulary: SelfCheckVocabulary): ReadonlySet<string> {
  return memoFor(vocabulary).kinds.get(text, (t) => findKinds(t, vocabulary));
}

function findKinds(text: string, vocabulary: SelfCheckVocabulary): Set<string> {
  let masked = normalize(text);
  for (const noun of vocabulary.verbNouns) masked = masked.split(noun).join(" ");
  // 印刷经营, 零售经营: the weak verb only says "business" and adds no kind of its own.
  for (const weak of vocabulary.weakVerbs) {
    masked = masked.replace(new RegExp(`(\\p{Script=Han}{2})${weak}`, "gu"), (all, before: string) =>
      vocabulary.verbKind.has(before) && !vocabulary.weakVerbsAfter.has(before) ? `${before} ` : all,
    );
  }
  const kinds = new Set<string>();
  for (const w of words(masked)) {
    const kind = vocabulary.verbKind.get(w);
    if (kind) kinds.add(kind);
  }
  return kinds;
}

/**
 * A text with its verbs and the given words blanked out, so that segmentation of what remains
 * yields the nouns (医疗器械经营实行备案 → 医疗器械).
 * @param text any text.
 * @param vocabulary the self-check vocabulary.
 * @param blank further words to blank out.
 * @returns the normalised text with blanks.
 */
export function withoutVerbs(text: string, vocabulary: SelfCheckVocabulary, blank: Iterable<string> = NO_BLANKS): string {
  // Only the two blank lists the checker uses are remembered (keyed apart by a prefix).
  const key = blank === NO_BLANKS ? `-${text}` : blank === vocabulary.exemptionFiller ? `+${text}` : null;
  if (key === null) return blankVerbs(text, vocabulary, blank);
  return memoFor(vocabulary).withoutVerbs.get(key, () => blankVerbs(text, vocabulary, blank));
}

const NO_BLANKS: readonly string[] = [];

// Item names, measures and exemption clauses are analysed again for every activity checked;
// the results depend only on the text, the vocabulary and the segmenter's dictionary.
const MEMO_SIZE = 20_000;
const memos = new WeakMap<SelfCheckVocabulary, { version: number; kinds: TextMemo<ReadonlySet<string>>; withoutVerbs: TextMemo<string> }>();

function memoFor(vocabulary: SelfCheckVocabulary) {
  let memo = memos.get(vocabulary);
  if (!memo || memo.version !== segmentationVersion()) {
    memo = { version: segmentationVersion(), kinds: new TextMemo(MEMO_SIZE), withoutVerbs: new TextMemo(MEMO_SIZE) };
    memos.set(vocabulary, memo);
  }
  return memo;
}

function blankVerbs(text: string, vocabulary: SelfCheckVocabulary, blank: Iterable<string>): string {
  const all = [...vocabulary.verbKind.keys(), ...blank].sort((a, b) => b.length - a.length);
  const blankOut = (piece: string) => all.reduce((acc, w) => acc.split(w).join(" "), piece);
  // Nouns that contain a verb's characters (出租汽车) stay whole.
  const nouns = vocabulary.verbNouns.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!nouns.length) return blankOut(normalize(text));
  return normalize(text)
    .split(new RegExp(`(${nouns.join("|")})`))
    .map((piece, i) => (i % 2 === 1 ? ` ${piece} ` : blankOut(piece)))
    .join("");
}

/**
 * The concepts of a text: everyday phrases of the synonym table first, then the remaining
 * words, without verbs, stop words and words too generic to point at a licence.
 * @param text the text.
 * @param synonyms the synonym table (only `same` entries are used).
 * @param vocabulary the self-check vocabulary.
 * @param known whether the index knows a word (unknown modifiers weigh little).
 * @returns the concepts in order.
 */
export function conceptsOf(text: string, synonyms: SynonymTable, vocabulary: SelfCheckVocabulary, known: (w: string) => boolean): Concept[] {
  const norm = compact(text);
  const out: Concept[] = [];
  let pos = 0;
  const plain = (piece: string) => {
    for (const token of cut(piece)) {
      // 货物运输, 药品零售: the verb at the end is the activity's kind, not part of its object.
      const w = stripTrailingVerbs(token, vocabulary);
      if (!w || w === " " || STOP_WORDS.has(w) || vocabulary.generic.has(w) || vocabulary.licence.has(w) || vocabulary.verbKind.has(w)) continue;
      // Only a compound the list does not know is matched by its parts (娱乐活动 → 娱乐); a known
      // one must appear as such (供应链 is not 供应).
      const parts =
        [...w].length >= 3 && !known(w) ? words(w).filter((p) => p !== w && [...p].length >= 2 && !vocabulary.generic.has(p) && !vocabulary.verbKind.has(p)) : [];
      out.push({ text: w, forms: [w], parts, weight: weightOf(w), light: vocabulary.light.has(w) });
    }
  };
  const verbPhrases: Concept[] = [];
  for (const m of findPhrases(synonyms, norm, "same", wordBoundaries(norm))) {
    // A verb of the table (检测) names the kind of activity; it is its object only when nothing else is (检验检测服务).
    if (vocabulary.verbKind.has(m.key)) {
      verbPhrases.push({ text: m.key, forms: [m.key, ...m.entry.terms], parts: [], weight: Math.max(1, weightOf(m.key)), light: false });
      continue;
    }
    plain(norm.slice(pos, m.start));
    pos = m.end;
    // 化妆品生产 also counts where the list says 特殊化妆品 (the verb is the activity's kind).
    const bare = stripTrailingVerbs(m.key, vocabulary);
    const forms = [m.key, ...(bare !== m.key && [...bare].length >= 2 ? [bare] : []), ...m.entry.terms];
    out.push({ text: m.key, forms, parts: [], weight: Math.max(1, weightOf(m.key)), light: false });
  }
  plain(norm.slice(pos));
  // An activity named by its verb alone (检验检测服务, 诊疗服务): the verb is what it is about.
  if (out.length === 0) out.push(...verbPhrases);
  if (out.length === 0) {
    for (const w of cut(norm)) {
      if (vocabulary.verbKind.has(w) && !vocabulary.weakVerbs.has(w) && [...w].length >= 2) out.push({ text: w, forms: [w], parts: [], weight: 1, light: false });
    }
  }
  // A word neither the list nor the synonym table knows, in front of one they do, is most likely
  // a modifier (散装 of 散装食品): it should not hide the licence its head noun needs.
  const last = out.length - 1;
  out.forEach((c, i) => {
    if (i < last && c.forms.length === 1 && !known(c.text)) c.weight *= 0.25;
  });
  return out;
}

export function stripTrailingVerbs(token: string, vocabulary: SelfCheckVocabulary): string {
  if (vocabulary.verbNouns.includes(token)) return token;
  let w = token;
  for (let changed = true; changed; ) {
    changed = false;
    for (const verb of vocabulary.verbKind.keys()) {
      if (w.length > verb.length && w.endsWith(verb)) {
        w = w.slice(0, -verb.length);
        changed = true;
      }
    }
  }
  return w;
}

/** "餐饮管理服务" → 管理, "殡仪用品销售" → 用品: the ending that makes the activity about something else. */
function serviceSuffixOf(core: string, vocabulary: SelfCheckVocabulary): string | null {
  const bare = stripTrailingVerbs(core.replace(/(服务|业务|活动)$/, ""), vocabulary);
  return vocabulary.serviceSuffixes.find((x) => (bare.endsWith(x) || core.endsWith(x)) && bare !== x && core !== x) ?? null;
}

function stripMarker(text: string, markers: readonly string[]): string | null {
  for (const m of markers) if (text.startsWith(m)) return text.slice(m.length);
  return null;
}

/**
 * Takes an activity apart: its core wording, the kinds of its verbs, and what its parenthetical
 * remarks exclude, restrict or add.
 * @param activity one activity of a business scope.
 * @param synonyms the synonym table.
 * @param vocabulary the self-check vocabulary.
 * @param known whether the index knows a word.
 * @returns the parsed activity.
 */
export function parseActivity(activity: string, synonyms: SynonymTable, vocabulary: SelfCheckVocabulary, known: (w: string) => boolean): ParsedActivity {
  const remarks = [...activity.matchAll(/[（(]([^）)]*)[）)]/g)].map((m) => m[1].trim());
  const coreText = activity.replace(/[（(][^）)]*[）)]/g, " ");
  const exclusions: Concept[][] = [];
  let excludesLicensed = false;
  const restrictions: string[] = [];
  const clarifications: string[] = [];
  for (const remark of remarks) {
    let excluded = stripMarker(remark, vocabulary.exclusionMarkers);
    const suffix = vocabulary.exclusionSuffixes.find((s) => remark.endsWith(s));
    if (excluded === null && suffix) excluded = remark.slice(0, -suffix.length);
    if (excluded !== null) {
      if (suffix && excluded.endsWith(suffix)) excluded = excluded.slice(0, -suffix.length);
      // 除…外
      if (remark.startsWith("除") && excluded.endsWith("外")) excluded = excluded.slice(0, -1);
      if (vocabulary.licenceExclusion.test(excluded)) excludesLicensed = true;
      for (const phrase of excluded.split(/[、，,;；和及与或等]/).filter((p) => p.trim())) {
        // What a scope excludes is taken literally (不含中药饮片 does not exclude all of 药品经营).
        const concepts = conceptsOf(phrase, synonyms, vocabulary, () => true).map((c) => ({ ...c, forms: [c.text] }));
        if (concepts.length) exclusions.push(concepts);
      }
      continue;
    }
    const restricted = stripMarker(remark, vocabulary.restrictionMarkers);
    if (restricted !== null) restrictions.push(restricted);
    else clarifications.push(compact(remark));
  }
  const core = compact(coreText);
  restrictions.splice(0, restrictions.length, ...restrictions.map(compact));
  const concepts = conceptsOf(coreText, synonyms, vocabulary, known);
  const extra = [...restrictions, ...clarifications];
  const context = [core, ...extra, ...concepts.flatMap((c) => c.forms)].join("|");
  return {
    activity,
    core,
    concepts,
    kinds: kindsOf(coreText + restrictions.join(""), vocabulary),
    exclusions,
    excludesLicensed,
    restriction: restrictions.join("|"),
    context,
    serviceSuffix: serviceSuffixOf(core, vocabulary),
    remarks: clarifications.flatMap((c) => conceptsOf(c, synonyms, vocabulary, known)),
  };
}
