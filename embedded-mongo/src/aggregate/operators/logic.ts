import { compareValues } from "../../bson/compare";
import { isPlainObject, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { arity, isNullish, rawArgs, REMOVE, toBool, type Operator } from "./context";

function comparison(test: (c: number) => boolean): Operator {
  return (arg, c) => {
    const vals = c.args(arg);
    arity(vals, c.op, 2);
    const [a, b] = vals.map((v) => (v === REMOVE ? undefined : v));
    return test(compareValues(a, b));
  };
}

/** Comparison, boolean and conditional operators. */
export const LOGIC: Record<string, Operator> = {
  $eq: comparison((c) => c === 0),
  $ne: comparison((c) => c !== 0),
  $gt: comparison((c) => c > 0),
  $gte: comparison((c) => c >= 0),
  $lt: comparison((c) => c < 0),
  $lte: comparison((c) => c <= 0),
  $cmp(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$cmp", 2);
    const r = compareValues(vals[0] === REMOVE ? undefined : vals[0], vals[1] === REMOVE ? undefined : vals[1]);
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  },
  // $and / $or evaluate lazily and stop early, as mongod does.
  $and: (arg, c) => rawArgs(arg).every((e) => toBool(c.ev(e))),
  $or: (arg, c) => rawArgs(arg).some((e) => toBool(c.ev(e))),
  $not(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$not", 1);
    return !toBool(vals[0]);
  },
  $cond(arg, c) {
    let ifE: unknown, thenE: unknown, elseE: unknown;
    if (Array.isArray(arg)) {
      arity(arg, "$cond", 3);
      [ifE, thenE, elseE] = arg;
    } else if (isPlainObject(arg)) {
      for (const k of Object.keys(arg)) if (!["if", "then", "else"].includes(k)) fail(17083, `Unrecognized parameter to $cond: ${k}`);
      if (!("if" in arg)) fail(17080, "Missing 'if' parameter to $cond");
      if (!("then" in arg)) fail(17081, "Missing 'then' parameter to $cond");
      if (!("else" in arg)) fail(17082, "Missing 'else' parameter to $cond");
      ({ if: ifE, then: thenE, else: elseE } = arg);
    } else return fail(ErrorCodes.BadValue, "$cond requires an array or object argument");
    return toBool(c.ev(ifE)) ? c.ev(thenE) : c.ev(elseE);
  },
  $ifNull(arg, c) {
    const list = rawArgs(arg);
    if (list.length < 2) fail(1257300, "$ifNull needs at least two arguments, had: " + list.length);
    for (let i = 0; i < list.length - 1; i++) {
      const v = c.ev(list[i]);
      if (!isNullish(v)) return v;
    }
    return c.ev(list[list.length - 1]);
  },
  $switch(arg, c) {
    if (!isPlainObject(arg)) return fail(40060, "$switch requires an object as an argument");
    const branches = arg.branches;
    if (!Array.isArray(branches)) return fail(40061, "$switch expected an array for 'branches'");
    for (const b of branches as Value[]) {
      if (!isPlainObject(b)) return fail(40062, "$switch expected each branch to be an object");
      if (!("case" in b)) fail(40064, "$switch requires each branch have a 'case' expression");
      if (!("then" in b)) fail(40065, "$switch requires each branch have a 'then' expression");
    }
    for (const b of branches as { case: unknown; then: unknown }[]) if (toBool(c.ev(b.case))) return c.ev(b.then);
    if ("default" in arg) return c.ev(arg.default);
    return fail(40066, "$switch could not find a matching branch for an input, and no default was specified.");
  },
};
