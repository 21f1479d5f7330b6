import { compareValues, type Collation } from "../bson/compare";
import { valuesAtPath } from "../bson/path";
import { isPlainObject, toNumber, isNumberType, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";

export type Comparator = (a: Doc, b: Doc) => number;

/**
 * Sort key of a document for one field: arrays contribute their smallest element when sorting
 * ascending and their largest when descending; a missing field sorts as null.
 */
function sortKey(doc: Doc, path: string, dir: number, collation?: Collation | null): Value {
  const values: Value[] = [];
  for (const v of valuesAtPath(doc, path)) {
    if (Array.isArray(v)) {
      if (v.length === 0) values.push(undefined);
      else values.push(...v);
    } else values.push(v);
  }
  if (values.length === 0) return null;
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best, collation);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = values[i];
  }
  return best === undefined ? null : best;
}

/**
 * Compiles a sort specification in BSON order. `{ $meta: "textScore" }` is refused (no text indexes).
 */
export function compileSort(spec: Doc, collation?: Collation | null): Comparator {
  const keys: [string, number][] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (isPlainObject(v)) {
      fail(ErrorCodes.BadValue, `$meta sort by '${String(v.$meta)}' is not supported by the embedded server`);
    }
    if (!isNumberType(typeOf(v)) || (toNumber(v) !== 1 && toNumber(v) !== -1)) {
      fail(15974, `Illegal key in $sort specification: ${k}: ${String(v)}`);
    }
    keys.push([k, toNumber(v)]);
  }
  if (keys.length === 0) fail(15976, "$sort stage must have at least one sort key");
  return (a, b) => {
    for (const [path, dir] of keys) {
      const c = compareValues(sortKey(a, path, dir, collation), sortKey(b, path, dir, collation), collation);
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}

/** Stable sort (Array.prototype.sort is stable in V8). */
export function sortDocs(docs: Doc[], cmp: Comparator): Doc[] {
  return docs.sort(cmp);
}
