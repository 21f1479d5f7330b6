import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, ObjectId, Timestamp } from "bson";
import { MongoError } from "../errors";

/** A value as it sits in a stored document (deserialized BSON). */
export type Value = unknown;
export type Doc = Record<string, unknown>;

/** BSON type names as `$type` uses them. */
export type TypeName =
  | "minKey"
  | "missing"
  | "null"
  | "undefined"
  | "double"
  | "int"
  | "long"
  | "decimal"
  | "string"
  | "symbol"
  | "object"
  | "array"
  | "binData"
  | "objectId"
  | "bool"
  | "date"
  | "timestamp"
  | "regex"
  | "javascript"
  | "dbPointer"
  | "maxKey";

interface Tagged {
  _bsontype?: string;
}

/**
 * The BSON type of a deserialized value. Plain JS numbers are `int` when they are 32-bit integers
 * (that is how they were or will be encoded) and `double` otherwise.
 */
export function typeOf(v: Value): TypeName {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0) ? "int" : "double";
    case "bigint":
      return "long";
    case "string":
      return "string";
    case "boolean":
      return "bool";
  }
  if (Array.isArray(v)) return "array";
  if (v instanceof Date) return "date";
  if (v instanceof RegExp) return "regex";
  const tag = (v as Tagged)._bsontype;
  switch (tag) {
    case "ObjectId":
      return "objectId";
    case "Timestamp":
      return "timestamp";
    case "Long":
      return "long";
    case "Int32":
      return "int";
    case "Double":
      return "double";
    case "Decimal128":
      return "decimal";
    case "Binary":
    case "UUID":
      return "binData";
    case "BSONRegExp":
      return "regex";
    case "BSONSymbol":
      return "symbol";
    case "Code":
      return "javascript";
    case "MinKey":
      return "minKey";
    case "MaxKey":
      return "maxKey";
    case "DBPointer":
      return "dbPointer";
  }
  return "object";
}

export const TYPE_NUMBERS: Record<TypeName, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
  missing: 0,
};

/** Canonical order of type groups in comparisons and sorts (MongoDB's BSON comparison order). */
export function typeRank(t: TypeName): number {
  switch (t) {
    case "minKey":
      return 1;
    case "missing":
    case "undefined":
    case "null":
      return 2;
    case "int":
    case "long":
    case "double":
    case "decimal":
      return 3;
    case "string":
    case "symbol":
      return 4;
    case "object":
      return 5;
    case "array":
      return 6;
    case "binData":
      return 7;
    case "objectId":
      return 8;
    case "bool":
      return 9;
    case "date":
      return 10;
    case "timestamp":
      return 11;
    case "regex":
      return 12;
    case "dbPointer":
      return 13;
    case "javascript":
      return 14;
    case "maxKey":
      return 100;
  }
}

export function isNumberType(t: TypeName): boolean {
  return t === "int" || t === "long" || t === "double" || t === "decimal";
}

/** A numeric value as a JS number (precision beyond 2^53 is not preserved). */
export function toNumber(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  const tag = (v as Tagged)?._bsontype;
  if (tag === "Long") return (v as Long).toNumber();
  if (tag === "Int32" || tag === "Double") return (v as { value: number }).value;
  if (tag === "Decimal128") return Number((v as Decimal128).toString());
  return NaN;
}

export function isPlainObject(v: Value): v is Doc {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeOf(v) === "object";
}

export function stringValue(v: Value): string {
  if (typeof v === "string") return v;
  if ((v as Tagged)?._bsontype === "BSONSymbol") return (v as { value: string }).value;
  return String(v);
}

export function regexOf(v: Value): RegExp {
  if (v instanceof RegExp) return v;
  const r = v as BSONRegExp;
  return compileRegex(r.pattern, r.options);
}

const REGEX_CACHE = new Map<string, RegExp>();

/**
 * A PCRE-style pattern with MongoDB options (i, m, s, x, u) as a JS RegExp. `x` (extended) is
 * applied by removing unescaped whitespace and `#` comments outside character classes, since JS
 * has no such flag. Compiled patterns are cached: the same few recur in every query.
 * @throws 51108 for an unknown option, 51091 for a pattern JS cannot compile.
 */
export function compileRegex(pattern: string, options: string): RegExp {
  const cacheKey = `${options}/${pattern}`;
  const cached = REGEX_CACHE.get(cacheKey);
  if (cached) return cached;
  let flags = "";
  let extended = false;
  for (const o of options) {
    if (o === "i" || o === "m" || o === "s" || o === "u") {
      if (!flags.includes(o)) flags += o;
    } else if (o === "x") extended = true;
    else throw new MongoError(51108, `invalid flag in regex options: ${o}`);
  }
  let re: RegExp;
  try {
    re = new RegExp(extended ? stripExtended(pattern) : pattern, flags);
  } catch (e) {
    throw new MongoError(51091, `Regular expression is invalid: ${(e as Error).message}`);
  }
  if (REGEX_CACHE.size > 1000) REGEX_CACHE.clear();
  REGEX_CACHE.set(cacheKey, re);
  return re;
}

function stripExtended(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      out += ch + (pattern[i + 1] ?? "");
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
    } else if (ch === "#") {
      while (i < pattern.length && pattern[i] !== "\n") i++;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

/** MongoDB regex options i, m, s, x, u → JS flags (x is handled by `compileRegex`). */
export function translateRegexOptions(options: string): string {
  let flags = "";
  for (const o of options) if ((o === "i" || o === "m" || o === "s" || o === "u") && !flags.includes(o)) flags += o;
  return flags;
}

export { Binary, Long, ObjectId, Timestamp, Decimal128 };

/**
 * Wraps a computed number in the BSON type mongod would produce from these operands: decimal if
 * any is decimal, else double if any is double (or the result is fractional), else long if any is
 * long or the result leaves the int32 range, else int.
 */
export function numberLike(result: number, operands: Value[]): Value {
  let rank = 0;
  for (const v of operands) {
    const t = typeOf(v);
    if (t === "decimal") rank = 3;
    else if (t === "double") rank = Math.max(rank, 2);
    else if (t === "long") rank = Math.max(rank, 1);
  }
  if (rank === 3) return Decimal128.fromString(String(result));
  if (rank === 2 || !Number.isInteger(result)) return new Double(result);
  if (rank === 1 || result > 2147483647 || result < -2147483648) return Long.fromNumber(result);
  return new Int32(result);
}
