import { compareValues, type Collation } from "../bson/compare";
import { valuesAtPath } from "../bson/path";
import { isPlainObject, toNumber, isNumberType, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";

export type Comparator = (a: Doc, b: Doc) => number;

/**
 * The sort key of an empty array. MongoDB sorts it below null and missing fields (an empty
 * array contributes no index key, "undefined", which orders before null), in both directions.
 */
const EMPTY_ARRAY = Symbol("emptyArray");
type SortKey = Value | typeof EMPTY_ARRAY;

/** A compiled sort specification. */
export interface CompiledSort {
  /** `$natural` order: 1 natural, -1 reversed; null for field sorts. */
  natural: 1 | -1 | null;
  /** The sort keys of a document, one per sort field. */
  keyOf(doc: Doc): SortKey[];
  /** Compares two documents' keys in the specification's directions. */
  compareKeys(a: SortKey[], b: SortKey[]): number;
  /** Compares two documents (computes their keys on each call: for one-off comparisons). */
  compare: Comparator;
}

/**
 * Sort key of a document for one field: arrays contribute their smallest element when sorting
 * ascending and their largest when descending; a missing field sorts as null.
 */
function sortKey(doc: Doc, path: string, dir: number, collation?: Collation | null): SortKey {
  const reached = valuesAtPath(doc, path);
  if (reached.length === 1 && !Array.isArray(reached[0])) return reached[0] === undefined ? null : reached[0];
  const values: SortKey[] = [];
  for (const v of reached) {
    if (Array.isArray(v)) {
      if (v.length === 0) values.push(EMPTY_ARRAY);
      else values.push(...v);
    } else values.push(v);
  }
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareKey(values[i], best, collation);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = values[i];
  }
  return best === undefined ? null : best;
}

function compareKey(a: SortKey, b: SortKey, collation?: Collation | null): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) {
    if (a === b) return 0;
    const other = a === EMPTY_ARRAY ? b : a;
    // Only MinKey sorts below the empty array.
    const emptyFirst = typeOf(other) === "minKey" ? 1 : -1;
    return a === EMPTY_ARRAY ? emptyFirst : -emptyFirst;
  }
  return compareValues(a, b, collation);
}

/**
 * Compiles a sort specification in BSON order. `{ $meta: "textScore" }` is refused (no text
 * indexes); `{ $natural: ±1 }` asks for (reversed) insertion order.
 */
export function compileSort(spec: Doc, collation?: Collation | null): CompiledSort {
  const keys: [string, number][] = [];
  let natural: 1 | -1 | null = null;
  for (const [k, v] of Object.entries(spec)) {
    if (isPlainObject(v)) {
      fail(ErrorCodes.BadValue, `$meta sort by '${String(v.$meta)}' is not supported by the embedded server`);
    }
    if (!isNumberType(typeOf(v)) || (toNumber(v) !== 1 && toNumber(v) !== -1)) {
      fail(15974, `Illegal key in $sort specification: ${k}: ${String(v)}`);
    }
    if (k === "$natural") natural = toNumber(v) as 1 | -1;
    else keys.push([k, toNumber(v)]);
  }
  if (keys.length === 0 && natural === null) fail(15976, "$sort stage must have at least one sort key");
  if (natural !== null && keys.length > 0) fail(ErrorCodes.BadValue, "$natural sort cannot be combined with other sort keys");
  const keyOf = (doc: Doc) => keys.map(([path, dir]) => sortKey(doc, path, dir, collation));
  const compareKeys = (a: SortKey[], b: SortKey[]) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareKey(a[i], b[i], collation);
      if (c !== 0) return c * keys[i][1];
    }
    return 0;
  };
  return { natural, keyOf, compareKeys, compare: (a, b) => compareKeys(keyOf(a), keyOf(b)) };
}

/**
 * Sorts items by a specification, stably. Each item's keys are computed once; when only the
 * first `limit` items are wanted, a bounded heap keeps them (O(n log limit) instead of sorting
 * everything: listing the newest 20 of 200k documents stays cheap).
 * @param items the items in natural order.
 * @param docOf the document of an item.
 * @param limit how many leading items are needed (Infinity for all).
 */
export function sortItems<T>(items: T[], spec: Doc, collation: Collation | null | undefined, docOf: (item: T) => Doc, limit = Infinity): T[] {
  const sort = compileSort(spec, collation);
  if (sort.natural !== null) {
    const ordered = sort.natural === 1 ? items : [...items].reverse();
    return limit < ordered.length ? ordered.slice(0, limit) : ordered;
  }
  type Entry = { item: T; i: number; key: SortKey[] };
  const cmp = (a: Entry, b: Entry) => sort.compareKeys(a.key, b.key) || a.i - b.i;
  if (limit >= items.length || limit > 1000) {
    const decorated = items.map((item, i) => ({ item, i, key: sort.keyOf(docOf(item)) }));
    return decorated.sort(cmp).slice(0, limit).map((d) => d.item);
  }
  if (limit <= 0) return [];
  // Max-heap of the best `limit` items seen so far (its root is the worst of them).
  const heap: Entry[] = [];
  const up = (j: number) => {
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (cmp(heap[j], heap[parent]) <= 0) break;
      [heap[j], heap[parent]] = [heap[parent], heap[j]];
      j = parent;
    }
  };
  const down = (j: number) => {
    for (;;) {
      const l = 2 * j + 1;
      const r = l + 1;
      let m = j;
      if (l < heap.length && cmp(heap[l], heap[m]) > 0) m = l;
      if (r < heap.length && cmp(heap[r], heap[m]) > 0) m = r;
      if (m === j) return;
      [heap[j], heap[m]] = [heap[m], heap[j]];
      j = m;
    }
  };
  for (let i = 0; i < items.length; i++) {
    const key = sort.keyOf(docOf(items[i]));
    if (heap.length < limit) {
      heap.push({ item: items[i], i, key });
      up(heap.length - 1);
    } else if (sort.compareKeys(key, heap[0].key) < 0) {
      // Strictly better than the worst kept item (a tie loses: it came later in natural order).
      heap[0] = { item: items[i], i, key };
      down(0);
    }
  }
  return heap.sort(cmp).map((d) => d.item);
}

/** Sorts documents (all of them, or the first `limit`). */
export function sortDocs(docs: Doc[], spec: Doc, collation?: Collation | null, limit = Infinity): Doc[] {
  return sortItems(docs, spec, collation, (d) => d, limit);
}
