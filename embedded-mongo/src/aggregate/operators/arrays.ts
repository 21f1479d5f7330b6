import { Int32 } from "bson";
import { compareValues, hashKey, valuesEqual } from "../../bson/compare";
import { getPath } from "../../bson/path";
import { isNumberType, isPlainObject, toNumber, typeOf, type Doc, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { arity, arr, isNullish, num, REMOVE, toBool, type OpContext, type Operator } from "./context";

function nonRemoved(v: Value): Value {
  return v === REMOVE || v === undefined ? null : v;
}

function named(arg: unknown, op: string, allowed: string[], required: string[]): Doc {
  if (!isPlainObject(arg)) return fail(28646, `${op} only supports an object as its argument`);
  for (const k of Object.keys(arg)) if (!allowed.includes(k)) fail(28647, `Unrecognized parameter to ${op}: ${k}`);
  for (const k of required) if (!(k in arg)) fail(28648, `Missing '${k}' parameter to ${op}`);
  return arg;
}

function varName(v: unknown, op: string): string {
  if (v === undefined) return "this";
  if (typeof v !== "string" || !/^[a-z_\u0080-\uffff][\w\u0080-\uffff]*$/.test(v)) fail(ErrorCodes.FailedToParse, `'${String(v)}' starts with an invalid character for a user variable name (${op})`);
  return v as string;
}

/** n for $firstN/$lastN/$maxN/$minN: a positive integer. */
function countArg(v: Value, op: string): number {
  if (!isNumberType(typeOf(v)) || !Number.isInteger(toNumber(v)) || toNumber(v) <= 0) fail(5787908, `${op} requires 'n' to be a positive integer, found: ${String(v)}`);
  return toNumber(v);
}

function nArray(arg: unknown, c: OpContext, pick: (list: Value[], n: number) => Value[]): Value {
  const spec = named(arg, c.op, ["n", "input"], ["n", "input"]);
  const n = countArg(c.ev(spec.n), c.op);
  const input = c.ev(spec.input);
  if (isNullish(input)) return null;
  if (!Array.isArray(input)) fail(5788200, `Input to ${c.op} must be an array, found: ${typeOf(input)}`);
  return pick(input as Value[], n);
}

function uniq(l: Value[]): Map<string, Value> {
  const seen = new Map<string, Value>();
  for (const v of l) {
    const k = hashKey(v);
    if (!seen.has(k)) seen.set(k, v);
  }
  return seen;
}

function setOp(arg: unknown, c: OpContext): Value {
  const vals = c.args(arg);
  if (c.op === "$setDifference" || c.op === "$setIsSubset") arity(vals, c.op, 2);
  if (c.op !== "$setIsSubset" && c.op !== "$setEquals" && vals.some(isNullish)) return null;
  const lists = vals.map((v) => arr(v, c.op, 17044));
  if (c.op === "$setUnion") return [...uniq(lists.flat()).values()];
  const first = uniq(lists[0] ?? []);
  const others = lists.slice(1).map(uniq);
  if (c.op === "$setIntersection") return [...first.entries()].filter(([k]) => others.every((o) => o.has(k))).map(([, v]) => v);
  if (c.op === "$setDifference") return [...first.entries()].filter(([k]) => !others[0].has(k)).map(([, v]) => v);
  if (c.op === "$setIsSubset") return [...first.keys()].every((k) => others[0].has(k));
  if (lists.length < 2) fail(17045, "$setEquals needs at least two arguments");
  return others.every((o) => o.size === first.size && [...first.keys()].every((k) => o.has(k)));
}

/** Array and set operators. */
export const ARRAYS: Record<string, Operator> = {
  $size(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$size", 1);
    const [a] = vals;
    if (!Array.isArray(a)) fail(17124, `The argument to $size must be an array. Type of argument: ${typeOf(a === REMOVE ? undefined : a)}`);
    return new Int32((a as Value[]).length);
  },
  $isArray(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$isArray", 1);
    return Array.isArray(vals[0]);
  },
  $arrayElemAt(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$arrayElemAt", 2);
    const [a, i] = vals;
    if (isNullish(a) || isNullish(i)) return null;
    const list = arr(a, "$arrayElemAt", 28689);
    if (!isNumberType(typeOf(i)) || !Number.isInteger(toNumber(i))) fail(28690, `$arrayElemAt's second argument must be a numeric value, but is ${typeOf(i)}`);
    const idx = toNumber(i);
    return idx < 0 ? list[list.length + idx] : list[idx];
  },
  $first(arg, c) {
    const [a] = c.args(arg);
    if (isNullish(a)) return null;
    return arr(a, "$first", 28689)[0];
  },
  $last(arg, c) {
    const [a] = c.args(arg);
    if (isNullish(a)) return null;
    const list = arr(a, "$last", 28689);
    return list[list.length - 1];
  },
  $firstN: (arg, c) => nArray(arg, c, (l, n) => l.slice(0, n)),
  $lastN: (arg, c) => nArray(arg, c, (l, n) => l.slice(Math.max(0, l.length - n))),
  $maxN: (arg, c) => nArray(arg, c, (l, n) => l.filter((v) => !isNullish(v)).sort((a, b) => compareValues(b, a)).slice(0, n)),
  $minN: (arg, c) => nArray(arg, c, (l, n) => l.filter((v) => !isNullish(v)).sort((a, b) => compareValues(a, b)).slice(0, n)),
  $in(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$in", 2);
    const [v, list] = vals;
    if (!Array.isArray(list)) fail(40081, `$in requires an array as a second argument, found: ${typeOf(list === REMOVE ? undefined : list)}`);
    return (list as Value[]).some((x) => valuesEqual(x, v === REMOVE ? undefined : v));
  },
  $indexOfArray(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$indexOfArray", 2, 4);
    const [a, v, s, e] = vals;
    if (isNullish(a)) return null;
    const list = arr(a, "$indexOfArray", 40090);
    const start = s === undefined ? 0 : num(s, "$indexOfArray");
    const end = e === undefined ? list.length : Math.min(list.length, num(e, "$indexOfArray"));
    for (let i = start; i < end; i++) if (valuesEqual(list[i], v)) return new Int32(i);
    return new Int32(-1);
  },
  $concatArrays(arg, c) {
    const vals = c.args(arg);
    if (vals.some(isNullish)) return null;
    return vals.flatMap((v) => arr(v, "$concatArrays", 28664));
  },
  $reverseArray(arg, c) {
    const [a] = c.args(arg);
    if (isNullish(a)) return null;
    return [...arr(a, "$reverseArray", 34435)].reverse();
  },
  $slice(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$slice", 2, 3);
    if (vals.some(isNullish)) return null;
    const list = arr(vals[0], "$slice", 28724);
    if (vals.length === 2) {
      const n = num(vals[1], "$slice");
      return n >= 0 ? list.slice(0, n) : list.slice(Math.max(0, list.length + n));
    }
    const pos = num(vals[1], "$slice");
    const n = num(vals[2], "$slice");
    if (n <= 0) fail(28729, `Third argument to $slice must be positive: ${n}`);
    const start = pos < 0 ? Math.max(0, list.length + pos) : Math.min(pos, list.length);
    return list.slice(start, start + n);
  },
  $range(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$range", 2, 3);
    const [s, e, stepV] = vals;
    for (const v of vals) if (!isNumberType(typeOf(v)) || !Number.isInteger(toNumber(v))) fail(34443, `$range requires a numeric starting value, found value of type: ${typeOf(v)}`);
    const step = stepV === undefined ? 1 : toNumber(stepV);
    if (step === 0) fail(34449, "$range requires a non-zero step value");
    const out: number[] = [];
    const end = toNumber(e);
    for (let i = toNumber(s); step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  $filter(arg, c) {
    const spec = named(arg, "$filter", ["input", "as", "cond", "limit"], ["input", "cond"]);
    const name = varName(spec.as, "$filter");
    const input = c.ev(spec.input);
    if (isNullish(input)) return null;
    const list = arr(input, "$filter", 28651);
    const limitV = spec.limit === undefined ? undefined : c.ev(spec.limit);
    const limit = limitV === undefined || limitV === null ? Infinity : num(limitV, "$filter");
    const out: Value[] = [];
    for (const el of list) {
      if (out.length >= limit) break;
      if (toBool(c.evWith(spec.cond, { ...c.vars, [name]: el }))) out.push(el);
    }
    return out;
  },
  $map(arg, c) {
    const spec = named(arg, "$map", ["input", "as", "in"], ["input", "in"]);
    const name = varName(spec.as, "$map");
    const input = c.ev(spec.input);
    if (isNullish(input)) return null;
    return arr(input, "$map", 16883).map((el) => nonRemoved(c.evWith(spec.in, { ...c.vars, [name]: el })));
  },
  $reduce(arg, c) {
    const spec = named(arg, "$reduce", ["input", "initialValue", "in"], ["input", "initialValue", "in"]);
    const input = c.ev(spec.input);
    if (isNullish(input)) return null;
    let acc = c.ev(spec.initialValue);
    for (const el of arr(input, "$reduce", 40080)) acc = c.evWith(spec.in, { ...c.vars, value: acc, this: el });
    return acc;
  },
  $zip(arg, c) {
    const spec = named(arg, "$zip", ["inputs", "useLongestLength", "defaults"], ["inputs"]);
    const inputs = c.ev(spec.inputs);
    if (!Array.isArray(inputs)) fail(34461, "inputs must be an array of expressions");
    if ((inputs as Value[]).some(isNullish)) return null;
    const lists = (inputs as Value[]).map((v) => arr(v, "$zip", 34468));
    const longest = spec.useLongestLength === true;
    const defaults = spec.defaults === undefined ? [] : (c.ev(spec.defaults) as Value[]);
    const len = lists.length === 0 ? 0 : longest ? Math.max(...lists.map((l) => l.length)) : Math.min(...lists.map((l) => l.length));
    return Array.from({ length: len }, (_, i) => lists.map((l, j) => (i < l.length ? l[i] : (defaults[j] ?? null))));
  },
  $setUnion: setOp,
  $setIntersection: setOp,
  $setDifference: setOp,
  $setEquals: setOp,
  $setIsSubset: setOp,
  $allElementsTrue(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$allElementsTrue", 1);
    return arr(vals[0], "$allElementsTrue", 17040).every(toBool);
  },
  $anyElementTrue(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$anyElementTrue", 1);
    return arr(vals[0], "$anyElementTrue", 17041).some(toBool);
  },
  $sortArray(arg, c) {
    const spec = named(arg, "$sortArray", ["input", "sortBy"], ["input", "sortBy"]);
    const input = c.ev(spec.input);
    if (isNullish(input)) return null;
    const list = [...arr(input, "$sortArray", 2942504)];
    const by = spec.sortBy;
    if (isPlainObject(by)) {
      const keys = Object.entries(by);
      list.sort((a, b) => {
        for (const [k, dir] of keys) {
          const x = isPlainObject(a) ? getPath(a, k) : undefined;
          const y = isPlainObject(b) ? getPath(b, k) : undefined;
          const r = compareValues(x === undefined ? null : x, y === undefined ? null : y);
          if (r !== 0) return r * (toNumber(dir) < 0 ? -1 : 1);
        }
        return 0;
      });
    } else {
      const dir = toNumber(by);
      if (dir !== 1 && dir !== -1) fail(2942505, "$sortArray 'sortBy' must be 1, -1 or a sort specification object");
      list.sort((a, b) => compareValues(a, b) * dir);
    }
    return list;
  },
};
