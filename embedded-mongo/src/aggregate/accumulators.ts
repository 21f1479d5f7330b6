import { cloneValue } from "../bson/clone";
import { compareValues, hashKey } from "../bson/compare";
import { isNumberType, isPlainObject, numberLike, toNumber, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { evaluate, REMOVE, type Vars } from "./expressions";

export interface Accumulator {
  add(doc: Doc, vars: Vars): void;
  result(): Value;
}

/**
 * One `$group` accumulator. Supported: $sum, $avg, $min, $max, $first, $last, $push, $addToSet,
 * $count, $mergeObjects, $stdDevPop, $stdDevSamp. Others fail with 15952 (unknown group operator).
 */
export function createAccumulator(op: string, expr: unknown): Accumulator {
  const ev = (doc: Doc, vars: Vars) => {
    const v = evaluate(expr, doc, vars);
    return v === REMOVE ? undefined : v;
  };
  switch (op) {
    case "$sum": {
      let total = 0;
      let widest: Value = 0;
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (isNumberType(typeOf(x))) {
            total += toNumber(x);
            if (typeOf(x) === "decimal" || (typeOf(x) === "double" && typeOf(widest) !== "decimal") || (typeOf(x) === "long" && typeOf(widest) === "int")) widest = x;
          }
        },
        result: () => numberLike(total, [widest]),
      };
    }
    case "$count": {
      let n = 0;
      return { add: () => void n++, result: () => n };
    }
    case "$avg": {
      let total = 0;
      let n = 0;
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (isNumberType(typeOf(x))) {
            total += toNumber(x);
            n++;
          }
        },
        result: () => (n === 0 ? null : total / n),
      };
    }
    case "$stdDevPop":
    case "$stdDevSamp": {
      const xs: number[] = [];
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (isNumberType(typeOf(x))) xs.push(toNumber(x));
        },
        result: () => {
          const n = xs.length;
          if (n === 0 || (op === "$stdDevSamp" && n < 2)) return null;
          const mean = xs.reduce((a, b) => a + b, 0) / n;
          const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
          return Math.sqrt(ss / (op === "$stdDevPop" ? n : n - 1));
        },
      };
    }
    case "$min":
    case "$max": {
      let best: Value = undefined;
      return {
        add: (d, v) => {
          const x = ev(d, v);
          if (x === undefined || x === null) return;
          if (best === undefined || compareValues(x, best) * (op === "$min" ? -1 : 1) > 0) best = x;
        },
        result: () => (best === undefined ? null : best),
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
          if (x !== undefined && !set.has(hashKey(x))) set.set(hashKey(x), cloneValue(x));
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
    case "$accumulator":
    case "$function":
      return fail(31264, `${op} is not allowed: server-side JavaScript is disabled on this server`);
    case "$top":
    case "$bottom":
    case "$topN":
    case "$bottomN":
    case "$firstN":
    case "$lastN":
    case "$maxN":
    case "$minN":
    case "$median":
    case "$percentile":
      return fail(ErrorCodes.NotImplemented, `${op} is not supported by the embedded server`);
    default:
      return fail(15952, `unknown group operator '${op}'`);
  }
}
