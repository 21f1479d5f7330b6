import { readFileSync } from "node:fs";
import path from "node:path";
import { createListIndex } from "../../../bff/src/list/listIndex";
import type { ListItemData } from "../../../bff/src/list/listItem";
import { loadSynonyms } from "../../../bff/src/search/synonyms";

/** The sample edition's items and index, built once per test file. */
export function sampleIndex() {
  const data = JSON.parse(readFileSync(path.resolve(__dirname, "../../../bff/data/negative-list-sample.json"), "utf8")) as { items: ListItemData[] };
  const items: ListItemData[] = data.items.map((i) => ({ ...i, editionCode: "sample", sample: true }));
  const synonyms = loadSynonyms();
  return { items, synonyms, index: createListIndex(items, synonyms) };
}
