import type { ListItemData, Measure } from "./listItem";

export interface ItemChange {
  code: string;
  name: string;
  category: ListItemData["category"];
  fields: string[];
  nameBefore: string | null;
  measuresAdded: Measure[];
  measuresRemoved: Measure[];
}

export interface Diff {
  added: ListItemData[];
  removed: ListItemData[];
  changed: ItemChange[];
  unchanged: number;
}

const norm = (s: string) => s.replace(/\s+/g, "");
const measureKey = (m: Measure) => `${m.local ? "L" : "N"}:${norm(m.text)}`;

/**
 * Compares two editions item by item (by 事项编码) and, within an item, measure by measure.
 * @param from the older edition's items.
 * @param to the newer edition's items.
 * @returns added, removed and changed items (with the measures added and removed).
 */
export function diffEditions(from: readonly ListItemData[], to: readonly ListItemData[]): Diff {
  const before = new Map(from.map((i) => [i.code, i]));
  const after = new Map(to.map((i) => [i.code, i]));
  const added = to.filter((i) => !before.has(i.code));
  const removed = from.filter((i) => !after.has(i.code));
  const changed: ItemChange[] = [];
  let unchanged = 0;
  for (const item of to) {
    const old = before.get(item.code);
    if (!old) continue;
    const fields: string[] = [];
    if (norm(old.name) !== norm(item.name)) fields.push("name");
    if (old.category !== item.category) fields.push("category");
    if (old.industry !== item.industry) fields.push("industry");
    if ([...old.departments].sort().join("|") !== [...item.departments].sort().join("|")) fields.push("departments");
    const oldKeys = new Set(old.measures.map(measureKey));
    const newKeys = new Set(item.measures.map(measureKey));
    const measuresAdded = item.measures.filter((m) => !oldKeys.has(measureKey(m)));
    const measuresRemoved = old.measures.filter((m) => !newKeys.has(measureKey(m)));
    if (measuresAdded.length || measuresRemoved.length) fields.push("measures");
    if (fields.length === 0) {
      unchanged++;
      continue;
    }
    changed.push({
      code: item.code,
      name: item.name,
      category: item.category,
      fields,
      nameBefore: fields.includes("name") ? old.name : null,
      measuresAdded,
      measuresRemoved,
    });
  }
  return { added, removed, changed, unchanged };
}
