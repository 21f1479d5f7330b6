import { Double, Int32, Long, Decimal128 } from "bson";
import { anyDecimal, decAdd, decDiv, decMul, decSub, fromDec, toDec, type Dec } from "../../bson/decimal";
import { numberLike, toNumber, typeOf, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { arity, isNullish, num, rawArgs, type Operator } from "./context";

/** A number in the BSON type of `like` (int widens to long when it no longer fits). */
function sameType(n: number, like: Value): Value {
  switch (typeOf(like)) {
    case "int":
      return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? new Int32(n) : Long.fromNumber(n);
    case "long":
      return Long.fromNumber(n);
    case "decimal":
      return Decimal128.fromString(String(n));
    default:
      return new Double(n);
  }
}

/** Rounds (half to even) or truncates at `places` decimal places, through exact decimals as mongod does. */
function roundTo(v: Value, places: number, mode: "round" | "trunc"): Value {
  if (places < -20 || places > 100) fail(51083, `cannot apply ${mode === "round" ? "$round" : "$trunc"} with precision value ${places} value must be in [-20, 100]`);
  const t = typeOf(v);
  if ((t === "int" || t === "long") && places >= 0) return v;
  const d = toDec(v);
  if (d.kind !== "finite") return v;
  const shift = -places - d.e;
  let out: Dec = d;
  if (shift > 0) {
    const div = 10n ** BigInt(shift);
    let q = d.c / div;
    const r = d.c % div;
    if (mode === "round") {
      const twice = (r < 0n ? -r : r) * 2n;
      if (twice > div || (twice === div && (q < 0n ? -q : q) % 2n === 1n)) q += d.c < 0n ? -1n : 1n;
    }
    out = { kind: "finite", c: q, e: -places };
  }
  if (t === "decimal") return fromDec(out);
  const n = Number(String(fromDec(out)));
  return t === "double" ? new Double(n) : sameType(n, v);
}

function unaryMath(fn: (n: number) => number, check?: (n: number, op: string) => void): Operator {
  return (arg, c) => {
    const [a] = c.args(arg);
    if (isNullish(a)) return null;
    const n = num(a, c.op);
    check?.(n, c.op);
    const r = fn(n);
    return typeOf(a) === "decimal" ? Decimal128.fromString(String(r)) : new Double(r);
  };
}

const positive = (n: number, op: string) => {
  if (!(n > 0)) fail(28766, `${op}'s argument must be a positive number, but is ${n}`);
};

export const ARITHMETIC: Record<string, Operator> = {
  $add(arg, c) {
    const vals = c.args(arg);
    if (vals.some(isNullish)) return null;
    let date: Date | null = null;
    const nums: Value[] = [];
    for (const v of vals) {
      if (v instanceof Date) {
        if (date) fail(16612, "only one date allowed in an $add expression");
        date = v;
      } else {
        num(v, "$add");
        nums.push(v);
      }
    }
    if (date) return new Date(date.getTime() + nums.reduce<number>((s, v) => s + toNumber(v), 0));
    if (anyDecimal(nums)) return fromDec(nums.reduce<Dec>((s, v) => decAdd(s, toDec(v)), { kind: "finite", c: 0n, e: 0 }));
    return numberLike(nums.reduce<number>((s, v) => s + toNumber(v), 0), nums);
  },
  $subtract(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$subtract", 2);
    const [a, b] = vals;
    if (isNullish(a) || isNullish(b)) return null;
    if (a instanceof Date && b instanceof Date) return Long.fromNumber(a.getTime() - b.getTime());
    if (a instanceof Date) return new Date(a.getTime() - num(b, "$subtract"));
    if (b instanceof Date) return fail(16556, `cant $subtract a date from a ${typeOf(a)}`);
    num(a, "$subtract");
    num(b, "$subtract");
    if (anyDecimal([a, b])) return fromDec(decSub(toDec(a), toDec(b)));
    return numberLike(toNumber(a) - toNumber(b), [a, b]);
  },
  $multiply(arg, c) {
    const vals = c.args(arg);
    if (vals.some(isNullish)) return null;
    for (const v of vals) num(v, "$multiply");
    if (anyDecimal(vals)) return fromDec(vals.reduce<Dec>((p, v) => decMul(p, toDec(v)), { kind: "finite", c: 1n, e: 0 }));
    return numberLike(vals.reduce<number>((p, v) => p * toNumber(v), 1), vals);
  },
  $divide(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$divide", 2);
    const [a, b] = vals;
    if (isNullish(a) || isNullish(b)) return null;
    const x = num(a, "$divide");
    const d = num(b, "$divide");
    if (d === 0) fail(ErrorCodes.BadValue, "can't $divide by zero");
    if (anyDecimal([a, b])) return fromDec(decDiv(toDec(a), toDec(b)), true);
    return new Double(x / d);
  },
  $mod(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$mod", 2);
    const [a, b] = vals;
    if (isNullish(a) || isNullish(b)) return null;
    const d = num(b, "$mod");
    if (d === 0) fail(16610, "can't $mod by zero");
    return numberLike(num(a, "$mod") % d, [a, b]);
  },
  $abs(arg, c) {
    const [a] = c.args(arg);
    if (isNullish(a)) return null;
    const n = num(a, "$abs");
    if (typeOf(a) === "decimal") return Decimal128.fromString(String(a).replace(/^-/, ""));
    return sameType(Math.abs(n), a);
  },
  $ceil: (arg, c) => integral(arg, c, Math.ceil),
  $floor: (arg, c) => integral(arg, c, Math.floor),
  $sqrt: unaryMath(Math.sqrt, (n) => {
    if (n < 0) fail(28714, "$sqrt's argument must be greater than or equal to 0");
  }),
  $exp: unaryMath(Math.exp),
  $ln: unaryMath(Math.log, positive),
  $log10: unaryMath(Math.log10, positive),
  $log(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$log", 2);
    const [a, b] = vals;
    if (isNullish(a) || isNullish(b)) return null;
    const x = num(a, "$log");
    const base = num(b, "$log");
    if (!(x > 0)) fail(28758, `$log's argument must be a positive number, but is ${x}`);
    if (!(base > 0) || base === 1) fail(28759, `$log's base must be a positive number not equal to 1, but is ${base}`);
    return new Double(Math.log(x) / Math.log(base));
  },
  $pow(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$pow", 2);
    const [a, b] = vals;
    if (isNullish(a) || isNullish(b)) return null;
    const x = num(a, "$pow");
    const y = num(b, "$pow");
    if (x === 0 && y < 0) fail(28764, "$pow cannot take a base of 0 and a negative exponent");
    const r = Math.pow(x, y);
    const ta = typeOf(a);
    const tb = typeOf(b);
    if (ta === "decimal" || tb === "decimal") return Decimal128.fromString(String(r));
    if ((ta === "int" || ta === "long") && (tb === "int" || tb === "long") && y >= 0 && Number.isSafeInteger(r)) {
      return ta === "long" || tb === "long" || r > 2147483647 || r < -2147483648 ? Long.fromNumber(r) : new Int32(r);
    }
    return new Double(r);
  },
  $round: (arg, c) => rounding(arg, c, "round"),
  $trunc: (arg, c) => rounding(arg, c, "trunc"),
  $sin: unaryMath(Math.sin),
  $cos: unaryMath(Math.cos),
  $tan: unaryMath(Math.tan),
  $asin: unaryMath(Math.asin),
  $acos: unaryMath(Math.acos),
  $atan: unaryMath(Math.atan),
  $sinh: unaryMath(Math.sinh),
  $cosh: unaryMath(Math.cosh),
  $tanh: unaryMath(Math.tanh),
  $asinh: unaryMath(Math.asinh),
  $acosh: unaryMath(Math.acosh),
  $atanh: unaryMath(Math.atanh),
  $degreesToRadians: unaryMath((n) => (n * Math.PI) / 180),
  $radiansToDegrees: unaryMath((n) => (n * 180) / Math.PI),
  $atan2(arg, c) {
    const [a, b] = c.args(arg);
    if (isNullish(a) || isNullish(b)) return null;
    return new Double(Math.atan2(num(a, "$atan2"), num(b, "$atan2")));
  },
  $rand(arg) {
    if (rawArgs(arg).length && !(typeof arg === "object" && arg !== null && Object.keys(arg).length === 0)) fail(3040500, "$rand does not currently accept arguments");
    return new Double(Math.random());
  },
};

function integral(arg: unknown, c: Parameters<Operator>[1], fn: (n: number) => number): Value {
  const [a] = c.args(arg);
  if (isNullish(a)) return null;
  const n = num(a, c.op);
  const t = typeOf(a);
  if (t === "int" || t === "long") return a;
  if (t === "decimal") return Decimal128.fromString(String(fn(n)));
  return new Double(fn(n));
}

function rounding(arg: unknown, c: Parameters<Operator>[1], mode: "round" | "trunc"): Value {
  const vals = c.args(arg);
  arity(vals, `$${mode}`, 1, 2);
  const [a, placesV] = vals;
  if (isNullish(a) || (vals.length === 2 && isNullish(placesV))) return null;
  num(a, `$${mode}`);
  const places = placesV === undefined ? 0 : num(placesV, `$${mode}`);
  if (!Number.isInteger(places)) fail(51082, `precision argument to  $${mode} must be a integral value`);
  return roundTo(a, places, mode);
}
