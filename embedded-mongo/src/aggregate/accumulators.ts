import { cloneValue } from "../bson/clone";
import { compareValues, hashKey } from "../bson/compare";
import { isNumberType, isPlainObject, toNumber, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { compileSort } from "../query/sort";
import { evaluate, REMOVE, type Vars } from "./expressions";
import { extreme, NumericSum, stdDev } from "./numeric";

export interface Accumulator {
  add(doc: Doc, vars: Vars): void;
  result(): Value;
}

function evaluator(expr: unknown): (doc: Doc, vars: Vars) => Value {
  return (doc, vars) => {
    const v = evaluate(expr, doc, vars);
    return v === REMOVE ? undefined : v;
  };
}

function nArg(spec: Doc, op: string, doc: Doc, vars: Vars): number {
  const n = evaluate(spec.n, doc, vars);
  if (!isNumberType(typeOf(n)) || !Number.isInteger(toNumber(n)) || toNumber(n) <= 0) fail(5787902, `'n' must be a positive integer for ${op}, found: ${String(n)}`);
  return toNumber(n);
}

function namedSpec(expr: unknown, op: string, fields: string[]): Doc {
  if (!isPlainObject(expr)) return fail(5787801, `specification must be an object; found ${typeOf(expr)} for ${op}`);
  for (const k of Object.keys(expr)) if (!fields.includes(k)) fail(5787901, `Unknown argument for ${op}: ${k}`);
  for (const k of fields) if (!(k in expr)) fail(5787906, `Missing value for '${k}' in ${op}`);
  return expr;
}

/** $topN / $bottomN / $top / $bottom: the first or last documents by `sortBy`, their `output`. */
function ranked(op: string, expr: unknown): Accumulator {
  const single = op === "$top" || op === "$bottom";
  const spec = namedSpec(expr, op, single ? ["sortBy", "output"] : ["n", "sortBy", "output"]);
  if (!isPlainObject(spec.sortBy)) fail(5788604, `${op} requires 'sortBy' to be an object`);
  const sort = compileSort(spec.sortBy as Doc);
  const out = evaluator(spec.output);
  const items: { key: ReturnType<typeof sort.keyOf>; value: Value; i: number }[] = [];
  let n = single ? 1 : 0;
  return {
    add(doc, vars) {
      if (!n) n = nArg(spec, op, doc, vars);
      const v = out(doc, vars);
      items.push({ key: sort.keyOf(doc), value: v === undefined ? null : cloneValue(v), i: items.length });
    },
    result() {
      const dir = op === "$bottom" || op === "$bottomN" ? -1 : 1;
      const sorted = [...items].sort((a, b) => dir * (sort.compareKeys(a.key, b.key) || a.i - b.i));
      const picked = sorted.slice(0, n).map((x) => x.value);
      if (dir < 0) picked.reverse();
      return single ? (picked[0] ?? null) : picked;
    },
  };
}

/** $firstN / $lastN / $maxN / $minN over `input`. */
function bounded(op: string, expr: unknown): Accumulator {
  const spec = namedSpec(expr, op, ["n", "input"]);
  const input = evaluator(spec.input);
  let n = 0;
  const values: Value[] = [];
  return {
    add(doc, vars) {
      if (!n) n = nArg(spec, op, doc, vars);
      const v = input(doc, vars);
      if ((op === "$maxN" || op === "$minN") && (v === undefined || v === null)) return;
      values.push(v === undefined ? null : cloneValue(v));
    },
    result() {
      if (op === "$firstN") return values.slice(0, n);
      if (op === "$lastN") return values.slice(Math.max(0, values.length - n));
      const dir = op === "$maxN" ? -1 : 1;
      return [...values].sort((a, b) => dir * compareValues(a, b)).slice(0, n);
    },
  };
}

/**
 * One `$group` accumulator: $sum, $avg, $min, $max, $first, $last, $push, $addToSet, $count,
 * $mergeObjects, $stdDevPop, $stdDevSamp, $top(N), $bottom(N), $firstN, $lastN, $maxN, $minN.
 * Others fail with 15952 (unknown group operator), or 238 / 31264 for known but unsupported ones.
 */
export function createAccumulator(op: string, expr: unknown): Accumulator {
  const ev = evaluator(expr);
  switch (op) {
    case "$sum":
    case "$avg": {
      const sum = new NumericSum();
      return { add: (d, v) => sum.add(ev(d, v)), result: () => (op === "$sum" ? sum.result() : sum.mean()) };
    }
    case "$count": {
      if (!isPlainObject(expr) || Object.keys(expr).length) fail(ErrorCodes.TypeMismatch, "$count takes no arguments, i.e. $count:{}");
      let n = 0;
      return { add: () => void n++, result: () => n };
    }
    case "$stdDevPop":
    case "$stdDevSamp": {
      const xs: number[] = [];
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (isNumberType(typeOf(x))) xs.push(toNumber(x));
        },
        result: () => stdDev(xs, op === "$stdDevSamp"),
      };
    }
    case "$min":
    case "$max": {
      let best: Value = null;
      return {
        add: (d, v) => {
          best = extreme([best, ev(d, v)], op);
        },
        result: () => best,
      };
    }
    case "$first": {
      let seen = false;
      let value: Value = null;
      return {
        add: (d, v) => {
          if (seen) return;
          seen = true;
          const x = ev(d, v);
          value = x === undefined ? null : x;
        },
        result: () => value,
      };
    }
    case "$last": {
      let value: Value = null;
      return {
        add: (d, v) => {
          const x = ev(d, v);
          value = x === undefined ? null : x;
        },
        result: () => value,
      };
    }
    case "$push": {
      const list: Value[] = [];
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (x !== undefined) list.push(cloneValue(x));
        },
        result: () => list,
      };
    }
    case "$addToSet": {
      const set = new Map<string, Value>();
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (x === undefined) return;
          const k = hashKey(x);
          if (!set.has(k)) set.set(k, cloneValue(x));
        },
        result: () => [...set.values()],
      };
    }
    case "$mergeObjects": {
      const out: Doc = {};
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (x === undefined || x === null) return;
          if (!isPlainObject(x)) fail(40400, `$mergeObjects requires object inputs, but input is of type ${typeOf(x)}`);
          Object.assign(out, cloneValue(x));
        },
        result: () => out,
      };
    }
    case "$top":
    case "$bottom":
    case "$topN":
    case "$bottomN":
      return ranked(op, expr);
    case "$firstN":
    case "$lastN":
    case "$maxN":
    case "$minN":
      return bounded(op, expr);
    case "$accumulator":
    case "$function":
      return fail(31264, `${op} is not allowed: server-side JavaScript is disabled on this server`);
    case "$median":
    case "$percentile":
      return fail(ErrorCodes.NotImplemented, `${op} is not supported by the embedded server`);
    default:
      return fail(15952, `unknown group operator '${op}'`);
  }
}

/** Group accumulator names (checked up front in $group, $bucket and $bucketAuto output specs). */
export const ACCUMULATORS = new Set([
  "$sum", "$avg", "$count", "$stdDevPop", "$stdDevSamp", "$min", "$max", "$first", "$last", "$push", "$addToSet",
  "$mergeObjects", "$top", "$bottom", "$topN", "$bottomN", "$firstN", "$lastN", "$maxN", "$minN",
]);
