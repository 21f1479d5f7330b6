import { typeOf, typeRank, toNumber, isNumberType, stringValue, type Value, type Doc } from "./types";
import type { Binary, ObjectId, Timestamp } from "bson";
import { compareStrings, foldString, type Collation } from "./collation";
import { compareNumbers, numberKey } from "./decimal";

export type { Collation };
export { foldString };

function cmpPrimitive(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares two values in MongoDB's BSON order: first by type group, then by value. Numbers of
 * different types compare by value; documents field by field; arrays element by element.
 */
export function compareValues(a: Value, b: Value, collation?: Collation | null): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  const ra = typeRank(ta);
  const rb = typeRank(tb);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 100:
      return 0;
    case 3: {
      // Longs and decimals compare exactly (beyond 2^53 and 17 digits); the rest as doubles.
      if (ta === "long" || ta === "decimal" || tb === "long" || tb === "decimal") return compareNumbers(a, b);
      const x = toNumber(a);
      const y = toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmpPrimitive(x, y);
    }
    case 4:
      return compareStrings(stringValue(a), stringValue(b), collation);
    case 5:
      return compareDocs(a as Doc, b as Doc, collation);
    case 6: {
      const x = a as Value[];
      const y = b as Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(x[i], y[i], collation);
        if (c !== 0) return c;
      }
      return cmpPrimitive(x.length, y.length);
    }
    case 7: {
      const x = (a as Binary).buffer;
      const y = (b as Binary).buffer;
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      const sx = (a as Binary).sub_type;
      const sy = (b as Binary).sub_type;
      if (sx !== sy) return sx < sy ? -1 : 1;
      return Buffer.compare(Buffer.from(x), Buffer.from(y));
    }
    case 8:
      return Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id));
    case 9:
      return cmpPrimitive(a ? 1 : 0, b ? 1 : 0);
    case 10:
      return cmpPrimitive((a as Date).getTime(), (b as Date).getTime());
    case 11: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return x.high !== y.high ? cmpPrimitive(x.high >>> 0, y.high >>> 0) : cmpPrimitive(x.low >>> 0, y.low >>> 0);
    }
    case 12: {
      const x = String(a);
      const y = String(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return cmpPrimitive(String(a), String(b));
  }
}

function compareDocs(a: Doc, b: Doc, collation?: Collation | null): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const ta = typeRank(typeOf(a[ka[i]]));
    const tb = typeRank(typeOf(b[kb[i]]));
    if (ta !== tb) return ta < tb ? -1 : 1;
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    const c = compareValues(a[ka[i]], b[kb[i]], collation);
    if (c !== 0) return c;
  }
  return cmpPrimitive(ka.length, kb.length);
}

/** Equality as MongoDB's `$eq` sees it for two concrete values (numbers across types are equal). */
export function valuesEqual(a: Value, b: Value, collation?: Collation | null): boolean {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta === "missing" || ta === "null" || ta === "undefined") return tb === "missing" || tb === "null" || tb === "undefined";
  if (isNumberType(ta) !== isNumberType(tb)) return false;
  if (typeRank(ta) !== typeRank(tb)) return false;
  return compareValues(a, b, collation) === 0;
}

/**
 * A string that is equal for exactly the values MongoDB considers equal (used as a hash key by
 * indexes and $group). Numbers of all types share one form; strings follow the collation.
 */
export function hashKey(v: Value, collation?: Collation | null): string {
  const t = typeOf(v);
  switch (t) {
    case "missing":
    case "undefined":
    case "null":
      return "z";
    case "int":
    case "long":
    case "double":
    case "decimal":
      return `n${numberKey(v)}`;
    case "string":
    case "symbol":
      return `s${foldString(stringValue(v), collation)}`;
    case "objectId":
      return `o${(v as ObjectId).toHexString()}`;
    case "bool":
      return v ? "bt" : "bf";
    case "date":
      return `d${(v as Date).getTime()}`;
    case "array":
      return `a[${(v as Value[]).map((x) => hashKey(x, collation)).join(",")}]`;
    case "object": {
      const d = v as Doc;
      return `{${Object.keys(d)
        .filter((k) => d[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${hashKey(d[k], collation)}`)
        .join(",")}}`;
    }
    case "binData":
      return `x${(v as Binary).sub_type}:${Buffer.from((v as Binary).buffer).toString("base64")}`;
    case "timestamp":
      return `t${(v as Timestamp).toString()}`;
    case "regex":
      return `r${String(v)}`;
    case "minKey":
      return "-";
    case "maxKey":
      return "+";
    default:
      return `?${String(v)}`;
  }
}

/**
 * Whether two values would serialize to the same BSON: same types (int is not double), same
 * values, same field order. mongod uses this to tell a no-op update from a modification.
 */
export function bsonIdentical(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  if (ta === "array") {
    const x = a as Value[];
    const y = b as Value[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!bsonIdentical(x[i], y[i])) return false;
    return true;
  }
  if (ta === "object") {
    const x = a as Doc;
    const y = b as Doc;
    const kx = Object.keys(x).filter((k) => x[k] !== undefined);
    const ky = Object.keys(y).filter((k) => y[k] !== undefined);
    if (kx.length !== ky.length) return false;
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i] || !bsonIdentical(x[kx[i]], y[ky[i]])) return false;
    return true;
  }
  if (ta === "double") return Object.is(toNumber(a), toNumber(b)) || (Number.isNaN(toNumber(a)) && Number.isNaN(toNumber(b)));
  if (ta === "decimal") return String(a) === String(b);
  return compareValues(a, b) === 0;
}
