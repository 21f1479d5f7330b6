import { compareValues, valuesEqual, type Collation } from "../bson/compare";
import { valuesAtPath } from "../bson/path";
import {
  isNumberType,
  isPlainObject,
  regexOf,
  stringValue,
  toNumber,
  compileRegex,
  typeOf,
  typeRank,
  TYPE_NUMBERS,
  type Doc,
  type TypeName,
  type Value,
} from "../bson/types";
import { ErrorCodes, MongoError, fail } from "../errors";
import { evaluate } from "../aggregate/expressions";

export type Predicate = (doc: Doc) => boolean;
type ValueTest = (v: Value) => boolean;

export interface MatchOptions {
  collation?: Collation | null;
  /** Variables visible to $expr (e.g. from $lookup `let`). */
  variables?: Record<string, Value>;
}

/**
 * Compiles a MongoDB query filter into a predicate. Unknown operators fail with MongoDB's
 * error code (2 BadValue, "unknown operator") rather than matching nothing.
 */
export function compileFilter(filter: unknown, options: MatchOptions = {}): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isPlainObject(filter)) fail(ErrorCodes.BadValue, "query filter must be an object");
  const tests: Predicate[] = [];
  for (const [key, cond] of Object.entries(filter as Doc)) {
    if (cond === undefined) continue;
    if (key.startsWith("$")) tests.push(compileTopLevel(key, cond, options));
    else tests.push(compileField(key, cond, options));
  }
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  return (doc) => {
    for (const t of tests) if (!t(doc)) return false;
    return true;
  };
}

function compileTopLevel(op: string, cond: unknown, options: MatchOptions): Predicate {
  switch (op) {
    case "$and":
    case "$or":
    case "$nor": {
      if (!Array.isArray(cond) || cond.length === 0) fail(ErrorCodes.BadValue, `${op} must be a nonempty array`);
      const parts = (cond as unknown[]).map((c) => {
        if (!isPlainObject(c)) fail(ErrorCodes.BadValue, `${op} argument's entries must be objects`);
        return compileFilter(c, options);
      });
      if (op === "$and") return (doc) => parts.every((p) => p(doc));
      if (op === "$or") return (doc) => parts.some((p) => p(doc));
      return (doc) => !parts.some((p) => p(doc));
    }
    case "$expr": {
      const vars = options.variables ?? {};
      return (doc) => truthy(evaluate(cond, doc, vars));
    }
    case "$comment":
      return () => true;
    case "$where":
      return fail(ErrorCodes.BadValue, "$where is not allowed: server-side JavaScript is disabled on this server");
    case "$text":
      return fail(ErrorCodes.IndexNotFound, "text index required for $text query");
    case "$jsonSchema":
      return fail(ErrorCodes.NotImplemented, "$jsonSchema is not supported by the embedded server");
    default:
      return fail(ErrorCodes.BadValue, `unknown top level operator: ${op}`);
  }
}

export function truthy(v: Value): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (isNumberType(typeOf(v))) return toNumber(v) !== 0;
  return true;
}

function isOperatorDoc(v: unknown): v is Doc {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length === 0) return false;
  const dollar = keys.filter((k) => k.startsWith("$"));
  if (dollar.length === 0) return false;
  if (dollar.length !== keys.length) {
    // { $gt: 1, b: 2 } is an error in MongoDB
    fail(ErrorCodes.BadValue, `unknown operator: ${keys.find((k) => !k.startsWith("$"))}`);
  }
  return true;
}

/** Applies a value test to each reachable value and, for arrays, to each element. */
function anyValue(path: string, test: ValueTest, arrays: "elements" | "whole-and-elements" = "whole-and-elements"): Predicate {
  return (doc) => {
    for (const v of valuesAtPath(doc, path)) {
      if (Array.isArray(v)) {
        if (arrays === "whole-and-elements" && test(v)) return true;
        for (const el of v) if (test(el)) return true;
      } else if (test(v)) return true;
    }
    return false;
  };
}

function compileField(path: string, cond: unknown, options: MatchOptions): Predicate {
  if (cond instanceof RegExp || typeOf(cond) === "regex") return regexPredicate(path, regexOf(cond));
  if (!isOperatorDoc(cond)) return eqPredicate(path, cond, options);
  const ops = cond as Doc;
  const tests: Predicate[] = [];
  if ("$regex" in ops || "$options" in ops) {
    tests.push(regexPredicate(path, buildRegex(ops.$regex, ops.$options)));
  }
  for (const [op, arg] of Object.entries(ops)) {
    if (op === "$regex" || op === "$options") continue;
    tests.push(compileOperator(path, op, arg, options));
  }
  return (doc) => tests.every((t) => t(doc));
}

function buildRegex(pattern: unknown, opts: unknown): RegExp {
  if (opts !== undefined && typeof opts !== "string") fail(ErrorCodes.BadValue, "$options has to be a string");
  if (pattern instanceof RegExp || typeOf(pattern) === "regex") {
    if (!opts) return regexOf(pattern);
    if (typeOf(pattern) === "regex" && (pattern as { options?: string }).options) fail(51075, "options set in both $regex and $options");
    return compileRegex(pattern instanceof RegExp ? pattern.source : String((pattern as { pattern: string }).pattern), opts as string);
  }
  if (typeof pattern !== "string") fail(ErrorCodes.BadValue, "$regex has to be a string");
  if ((pattern as string).includes("\0")) fail(51109, "Regular expression cannot contain an embedded null byte");
  return compileRegex(pattern as string, (opts as string) ?? "");
}

function regexPredicate(path: string, re: RegExp): Predicate {
  return anyValue(path, (v) => {
    const t = typeOf(v);
    if (t === "string" || t === "symbol") {
      re.lastIndex = 0;
      return re.test(stringValue(v));
    }
    if (t === "regex") return String(regexOf(v)) === String(re);
    return false;
  }, "elements");
}

function isNullish(v: Value): boolean {
  return v === undefined || v === null;
}

function eqTest(target: Value, options: MatchOptions): ValueTest {
  if (target instanceof RegExp || typeOf(target) === "regex") {
    const re = regexOf(target);
    return (v) => {
      const t = typeOf(v);
      if (t === "string" || t === "symbol") {
        re.lastIndex = 0;
        return re.test(stringValue(v));
      }
      return t === "regex" && String(regexOf(v)) === String(re);
    };
  }
  return (v) => valuesEqual(v, target, options.collation);
}

function eqPredicate(path: string, target: Value, options: MatchOptions): Predicate {
  if (isNullish(target)) {
    return (doc) => {
      for (const v of valuesAtPath(doc, path)) {
        if (isNullish(v)) return true;
        if (Array.isArray(v) && v.some((el) => el === null)) return true;
      }
      return false;
    };
  }
  return anyValue(path, eqTest(target, options));
}

function sameBracket(a: Value, b: Value): boolean {
  return typeRank(typeOf(a)) === typeRank(typeOf(b));
}

function comparison(path: string, op: string, target: Value, options: MatchOptions): Predicate {
  if (target instanceof RegExp || typeOf(target) === "regex") {
    fail(ErrorCodes.BadValue, `Can't have RegEx as arg to predicate over field '${path}'.`);
  }
  const t = typeOf(target);
  if (t === "minKey" || t === "maxKey") {
    return anyValue(path, (v) => {
      const c = compareValues(v, target);
      return op === "$gt" ? c > 0 : op === "$gte" ? c >= 0 : op === "$lt" ? c < 0 : c <= 0;
    });
  }
  if (isNullish(target)) {
    if (op === "$gte" || op === "$lte") return eqPredicate(path, null, options);
    return () => false;
  }
  return anyValue(path, (v) => {
    if (!sameBracket(v, target)) return false;
    const c = compareValues(v, target, options.collation);
    switch (op) {
      case "$gt":
        return c > 0;
      case "$gte":
        return c >= 0;
      case "$lt":
        return c < 0;
      default:
        return c <= 0;
    }
  });
}

const TYPE_ALIASES: Record<string, TypeName[]> = {
  double: ["double"],
  string: ["string"],
  object: ["object"],
  array: ["array"],
  binData: ["binData"],
  undefined: ["undefined"],
  objectId: ["objectId"],
  bool: ["bool"],
  date: ["date"],
  null: ["null"],
  regex: ["regex"],
  dbPointer: ["dbPointer"],
  javascript: ["javascript"],
  symbol: ["symbol"],
  int: ["int"],
  timestamp: ["timestamp"],
  long: ["long"],
  decimal: ["decimal"],
  minKey: ["minKey"],
  maxKey: ["maxKey"],
  number: ["int", "long", "double", "decimal"],
};

function typeSet(arg: Value): Set<TypeName> {
  const list = Array.isArray(arg) ? arg : [arg];
  const out = new Set<TypeName>();
  for (const a of list) {
    if (typeof a === "string") {
      const names = TYPE_ALIASES[a];
      if (!names) fail(ErrorCodes.BadValue, `Unknown type name alias: ${a}`);
      names!.forEach((n) => out.add(n));
    } else if (isNumberType(typeOf(a))) {
      const num = toNumber(a);
      const name = (Object.entries(TYPE_NUMBERS) as [TypeName, number][]).find(([, n]) => n === num)?.[0];
      if (!name || name === "missing") fail(ErrorCodes.BadValue, `Invalid numerical type code: ${num}`);
      out.add(name!);
    } else {
      fail(ErrorCodes.TypeMismatch, "type must be represented as a number or a string");
    }
  }
  return out;
}

function compileOperator(path: string, op: string, arg: Value, options: MatchOptions): Predicate {
  switch (op) {
    case "$eq":
      return eqPredicate(path, arg, options);
    case "$ne": {
      const eq = eqPredicate(path, arg, options);
      return (doc) => !eq(doc);
    }
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      return comparison(path, op, arg, options);
    case "$in":
    case "$nin": {
      if (!Array.isArray(arg)) fail(ErrorCodes.BadValue, `${op} needs an array`);
      const list = arg as Value[];
      for (const item of list) {
        if (isPlainObject(item) && Object.keys(item).some((k) => k.startsWith("$"))) {
          fail(ErrorCodes.BadValue, "cannot nest $ under $in");
        }
      }
      const preds = list.map((item) => (isNullish(item) ? eqPredicate(path, null, options) : anyValue(path, eqTest(item, options))));
      if (op === "$in") return (doc) => preds.some((p) => p(doc));
      return (doc) => !preds.some((p) => p(doc));
    }
    case "$exists": {
      const want = truthy(arg);
      return (doc) => {
        const found = valuesAtPath(doc, path).some((v) => v !== undefined);
        return want ? found : !found;
      };
    }
    case "$type": {
      const types = typeSet(arg);
      return (doc) => {
        for (const v of valuesAtPath(doc, path)) {
          if (v === undefined) continue;
          if (types.has(typeOf(v))) return true;
          if (Array.isArray(v) && v.some((el) => types.has(typeOf(el)))) return true;
        }
        return false;
      };
    }
    case "$size": {
      const t = typeOf(arg);
      if (!isNumberType(t)) fail(ErrorCodes.BadValue, "$size needs a number");
      const n = toNumber(arg);
      if (!Number.isInteger(n)) fail(ErrorCodes.BadValue, "$size must be a whole number");
      if (n < 0) fail(ErrorCodes.BadValue, "$size may not be negative");
      return (doc) => valuesAtPath(doc, path).some((v) => Array.isArray(v) && v.length === n);
    }
    case "$all": {
      if (!Array.isArray(arg)) fail(ErrorCodes.BadValue, "$all needs an array");
      const list = arg as Value[];
      if (list.length === 0) return () => false;
      const preds = list.map((item) => {
        if (isPlainObject(item) && "$elemMatch" in item) return compileOperator(path, "$elemMatch", item.$elemMatch, options);
        return eqPredicate(path, item, options);
      });
      return (doc) => preds.every((p) => p(doc));
    }
    case "$elemMatch": {
      if (!isPlainObject(arg)) fail(ErrorCodes.BadValue, "$elemMatch needs an Object");
      const keys = Object.keys(arg as Doc);
      const operatorForm = keys.length > 0 && keys.every((k) => k.startsWith("$") && !["$and", "$or", "$nor", "$expr"].includes(k));
      let test: ValueTest;
      if (operatorForm) {
        const inner = compileField("v", arg, options);
        test = (el) => inner({ v: el });
      } else {
        const inner = compileFilter(arg, options);
        test = (el) => isPlainObject(el) && inner(el);
      }
      return (doc) => valuesAtPath(doc, path).some((v) => Array.isArray(v) && v.some(test));
    }
    case "$not": {
      let inner: Predicate;
      if (arg instanceof RegExp || typeOf(arg) === "regex") inner = regexPredicate(path, regexOf(arg));
      else if (isPlainObject(arg) && Object.keys(arg).length > 0 && Object.keys(arg).every((k) => k.startsWith("$"))) {
        inner = compileField(path, arg, options);
      } else return fail(ErrorCodes.BadValue, "$not needs a regex or a document");
      return (doc) => !inner(doc);
    }
    case "$mod": {
      if (!Array.isArray(arg) || arg.length !== 2) fail(ErrorCodes.BadValue, "malformed mod, needs to be an array of two numbers");
      const [d, r] = (arg as Value[]).map(toNumber);
      if (Number.isNaN(d) || Number.isNaN(r)) fail(ErrorCodes.BadValue, "malformed mod, divisor and remainder must be numbers");
      if (Math.trunc(d) === 0) fail(ErrorCodes.BadValue, "divisor cannot be 0");
      return anyValue(path, (v) => isNumberType(typeOf(v)) && Math.trunc(toNumber(v)) % Math.trunc(d) === Math.trunc(r), "elements");
    }
    case "$comment":
      return () => true;
    case "$where":
      return fail(ErrorCodes.BadValue, "$where is not allowed: server-side JavaScript is disabled on this server");
    case "$bitsAllSet":
    case "$bitsAnySet":
    case "$bitsAllClear":
    case "$bitsAnyClear":
      return bitsPredicate(path, op, arg);
    case "$geoWithin":
    case "$geoIntersects":
    case "$near":
    case "$nearSphere":
    case "$jsonSchema":
      throw new MongoError(ErrorCodes.NotImplemented, `${op} is not supported by the embedded server`);
    default:
      return fail(ErrorCodes.BadValue, `unknown operator: ${op}`);
  }
}

/** The bit positions a $bits* argument names: a list of positions, a numeric mask or BinData. */
function bitPositions(op: string, arg: Value): number[] {
  if (Array.isArray(arg)) {
    return arg.map((p) => {
      if (!isNumberType(typeOf(p)) || !Number.isInteger(toNumber(p)) || toNumber(p) < 0) fail(ErrorCodes.BadValue, `bit positions must be non-negative integers in ${op}`);
      return toNumber(p);
    });
  }
  if (isNumberType(typeOf(arg))) {
    const n = toNumber(arg);
    if (!Number.isInteger(n) || n < 0) fail(ErrorCodes.BadValue, `${op} mask must be a non-negative integer, got ${n}`);
    const out: number[] = [];
    for (let i = 0, m = BigInt(n); m > 0n; i++, m >>= 1n) if (m & 1n) out.push(i);
    return out;
  }
  if (typeOf(arg) === "binData") return bitsOfBytes(Buffer.from((arg as { buffer: Uint8Array }).buffer));
  return fail(ErrorCodes.BadValue, `${op} takes an Array, a number, or a BinData but received: ${typeOf(arg)}`);
}

function bitsOfBytes(bytes: Buffer): number[] {
  const out: number[] = [];
  bytes.forEach((b, i) => {
    for (let j = 0; j < 8; j++) if (b & (1 << j)) out.push(i * 8 + j);
  });
  return out;
}

/** $bitsAllSet / $bitsAnySet / $bitsAllClear / $bitsAnyClear on integral numbers and BinData. */
function bitsPredicate(path: string, op: string, arg: Value): Predicate {
  const positions = bitPositions(op, arg);
  const wantSet = op === "$bitsAllSet" || op === "$bitsAnySet";
  const all = op === "$bitsAllSet" || op === "$bitsAllClear";
  const test = (v: Value): boolean => {
    let isSet: (p: number) => boolean;
    if (typeOf(v) === "binData") {
      const bytes = Buffer.from((v as { buffer: Uint8Array }).buffer);
      isSet = (p) => p < bytes.length * 8 && (bytes[p >> 3] & (1 << (p & 7))) !== 0;
    } else if (isNumberType(typeOf(v)) && Number.isInteger(toNumber(v)) && typeOf(v) !== "decimal") {
      // Two's complement: negative numbers have every high bit set.
      const n = BigInt.asUintN(64, BigInt(toNumber(v)));
      isSet = (p) => (p >= 64 ? toNumber(v) < 0 : ((n >> BigInt(p)) & 1n) === 1n);
    } else return false;
    return all ? positions.every((p) => isSet(p) === wantSet) : positions.some((p) => isSet(p) === wantSet);
  };
  return anyValue(path, test, "elements");
}
