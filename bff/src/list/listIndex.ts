import { SearchIndex } from "../search/searchIndex";
import type { SynonymTable } from "../search/synonyms";
import type { ListItemData } from "./listItem";

/**
 * The search index of one list edition: names and everyday keywords weigh most, then measures
 * (licence names), then departments and industry. Facets: category, industry, department.
 * @param items the edition's items.
 * @param synonyms the synonym table.
 * @returns the index.
 */
export function createListIndex<T extends ListItemData>(items: readonly T[], synonyms: SynonymTable): SearchIndex<T> {
  return new SearchIndex<T>(items, {
    fields: [
      { name: "name", weight: 3, values: (d) => [d.name] },
      { name: "keywords", weight: 2.6, values: (d) => d.keywords },
      { name: "measures", weight: 1.3, values: (d) => d.measures.map((m) => m.text) },
      { name: "departments", weight: 0.6, values: (d) => d.departments },
      { name: "industry", weight: 0.4, values: (d) => [d.industry] },
    ],
    facets: [
      { name: "category", values: (d) => [d.category] },
      { name: "industry", values: (d) => [d.industry] },
      { name: "department", values: (d) => d.departments },
    ],
    exact: (d) => [d.code],
    phrases: (d) => [...d.keywords, shortName(d.name)],
    order: (a, b) => a.no - b.no || a.code.localeCompare(b.code),
    synonyms,
    suggestions: (d) => [...d.keywords.map((k) => ({ text: k, weight: 3 })), { text: shortName(d.name), weight: 2 }],
  });
}

/** "未获得许可，不得从事食品经营" → "食品经营": the part people would type. */
export function shortName(name: string): string {
  const m = /不得(?:从事|经营|设立|举办|开展|建设经营|生产|采伐|排放|直接)?(.+)$/.exec(name);
  return (m ? m[1] : name).replace(/^[，,]/, "");
}
