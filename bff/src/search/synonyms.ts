import { readFileSync } from "node:fs";
import path from "node:path";
import { normalize } from "./normalize";

export interface SynonymTable {
  /** Colloquial phrase (normalised) → search terms it stands for. */
  readonly entries: ReadonlyMap<string, readonly string[]>;
  /** Phrases ordered longest first, so 跑滴滴 wins over 滴滴. */
  readonly keys: readonly string[];
}

/**
 * Builds a synonym table from data (`{ entries: { phrase: [terms] } }`).
 * @param entries colloquial phrase → canonical terms.
 * @returns the table.
 */
export function synonymTable(entries: Record<string, string[]>): SynonymTable {
  const map = new Map<string, string[]>();
  for (const [k, v] of Object.entries(entries)) map.set(normalize(k), v.map((t) => normalize(t)).filter(Boolean));
  return { entries: map, keys: [...map.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)) };
}

/** The table shipped in `bff/data/search-synonyms.json`. */
export function loadSynonyms(file = path.resolve(__dirname, "../../data/search-synonyms.json")): SynonymTable {
  const data = JSON.parse(readFileSync(file, "utf8")) as { entries: Record<string, string[]> };
  return synonymTable(data.entries);
}

/**
 * The terms a query implies through the table: every phrase found in the query contributes its
 * terms; a shorter phrase inside an already matched longer one does not.
 * @param table the synonym table.
 * @param normalizedQuery the normalised query.
 * @returns expansion terms, without duplicates.
 */
export function expand(table: SynonymTable, normalizedQuery: string): string[] {
  const out = new Set<string>();
  const covered: [number, number][] = [];
  for (const key of table.keys) {
    let from = 0;
    for (;;) {
      const at = normalizedQuery.indexOf(key, from);
      if (at < 0) break;
      const end = at + key.length;
      if (!covered.some(([s, e]) => at >= s && end <= e)) {
        covered.push([at, end]);
        for (const t of table.entries.get(key)!) out.add(t);
      }
      from = at + 1;
    }
  }
  return [...out];
}
