import { readFileSync } from "node:fs";
import path from "node:path";
import { normalize } from "./normalize";

/** How a phrase relates to the terms it maps to. */
export type SynonymStrength = "same" | "related";

export interface SynonymEntry {
  /** Normalised terms of the list's own wording that the phrase stands for. */
  terms: readonly string[];
  /**
   * `same`: the phrase means the terms (search and self-check both rely on it); `related`: a hint
   * for search only, never the ground for a self-check verdict.
   */
  strength: SynonymStrength;
}

export interface SynonymTable {
  /** Colloquial phrase (normalised, no spaces) → what it stands for. */
  readonly entries: ReadonlyMap<string, SynonymEntry>;
  /** Phrases ordered longest first, so 跑滴滴 wins over 滴滴. */
  readonly keys: readonly string[];
  /** Every phrase and term of the table (normalised, no spaces): the domain vocabulary. */
  readonly vocabulary: readonly string[];
}

/** One group of the data file: everyday words (and related hints) for some of the list's terms. */
export interface SynonymGroup {
  means: string[];
  words: string[];
  related?: string[];
}

/** The data file's shape (`bff/data/search-synonyms.json`), also what administrators edit. */
export interface SynonymData {
  groups?: SynonymGroup[];
  entries?: Record<string, string[]>;
  relatedEntries?: Record<string, string[]>;
}

const compact = (s: string) => normalize(s).replace(/ /g, "");

/**
 * Builds a synonym table from data. A phrase found in several places keeps all its terms and is
 * `same` when any source says so.
 * @param data groups and single entries (phrase → terms), or a plain phrase → terms record.
 * @returns the table.
 */
export function synonymTable(data: SynonymData | Record<string, string[]>): SynonymTable {
  const source: SynonymData = "groups" in data || "entries" in data || "relatedEntries" in data ? (data as SynonymData) : { entries: data as Record<string, string[]> };
  const map = new Map<string, { terms: Set<string>; strength: SynonymStrength }>();
  const add = (phrase: string, terms: string[], strength: SynonymStrength) => {
    const key = compact(phrase);
    if (!key) return;
    const entry = map.get(key) ?? { terms: new Set<string>(), strength };
    for (const t of terms.map(compact)) if (t && t !== key) entry.terms.add(t);
    if (strength === "same") entry.strength = "same";
    map.set(key, entry);
  };
  for (const g of source.groups ?? []) {
    for (const w of g.words) add(w, g.means, "same");
    for (const w of g.related ?? []) add(w, g.means, "related");
  }
  for (const [k, v] of Object.entries(source.entries ?? {})) add(k, v, "same");
  for (const [k, v] of Object.entries(source.relatedEntries ?? {})) add(k, v, "related");
  const entries = new Map<string, SynonymEntry>();
  const vocabulary = new Set<string>();
  for (const [k, v] of map) {
    entries.set(k, { terms: [...v.terms].sort(), strength: v.strength });
    vocabulary.add(k);
    for (const t of v.terms) vocabulary.add(t);
  }
  return {
    entries,
    keys: [...entries.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)),
    vocabulary: [...vocabulary].sort(),
  };
}

/** The table shipped in `bff/data/search-synonyms.json` (the seed of the editable one). */
export function loadSynonymData(file = path.resolve(__dirname, "../../data/search-synonyms.json")): SynonymData {
  return JSON.parse(readFileSync(file, "utf8")) as SynonymData;
}

/** The shipped table, built. */
export function loadSynonyms(file?: string): SynonymTable {
  return synonymTable(loadSynonymData(file));
}

export interface PhraseMatch {
  key: string;
  /** Position in the searched text (UTF-16 units). */
  start: number;
  end: number;
  entry: SynonymEntry;
}

/**
 * The table's phrases found in a text, longest first and without overlaps (跑滴滴 hides 滴滴).
 * @param table the synonym table.
 * @param text normalised text without spaces.
 * @param minStrength `same` to ignore search-only hints.
 * @param boundaries word boundaries of the text: a phrase must be whole words or lie inside one
 *   word (小饭馆 → 饭馆, 化工厂 → 化工), never straddle two words (蔬菜种植 ↛ 菜种).
 * @returns the matches in order of position.
 */
export function findPhrases(table: SynonymTable, text: string, minStrength: SynonymStrength = "related", boundaries?: ReadonlySet<number>): PhraseMatch[] {
  const taken = new Uint8Array(text.length);
  const out: PhraseMatch[] = [];
  // Candidate phrases are those starting with a character of the text (keys stay longest first).
  const byFirst = firstCharIndex(table);
  const candidates = new Set<string>();
  for (const ch of new Set(text)) for (const key of byFirst.get(ch) ?? []) candidates.add(key);
  const ordered = [...candidates].sort((a, b) => b.length - a.length || a.localeCompare(b));
  for (const key of ordered) {
    if (key.length > text.length) continue;
    const entry = table.entries.get(key)!;
    if (minStrength === "same" && entry.strength !== "same") continue;
    let from = 0;
    for (;;) {
      const at = text.indexOf(key, from);
      if (at < 0) break;
      const end = at + key.length;
      let free = !boundaries || (boundaries.has(at) && boundaries.has(end)) || insideOneWord(boundaries, at, end);
      for (let i = at; i < end; i++) if (taken[i]) free = false;
      if (free) {
        taken.fill(1, at, end);
        out.push({ key, start: at, end, entry });
      }
      from = at + 1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const firstChars = new WeakMap<SynonymTable, Map<string, string[]>>();

function firstCharIndex(table: SynonymTable): Map<string, string[]> {
  let index = firstChars.get(table);
  if (!index) {
    index = new Map();
    for (const key of table.keys) {
      const first = key[0];
      const list = index.get(first) ?? [];
      list.push(key);
      index.set(first, list);
    }
    firstChars.set(table, index);
  }
  return index;
}

function insideOneWord(boundaries: ReadonlySet<number>, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (boundaries.has(i)) return false;
  return true;
}

/**
 * The terms a text implies through the table.
 * @param table the synonym table.
 * @param text the text (normalised here).
 * @param minStrength `same` to ignore search-only hints.
 * @returns expansion terms, without duplicates.
 */
export function expand(table: SynonymTable, text: string, minStrength: SynonymStrength = "related"): string[] {
  const out = new Set<string>();
  for (const m of findPhrases(table, compact(text), minStrength)) for (const t of m.entry.terms) out.add(t);
  return [...out];
}
