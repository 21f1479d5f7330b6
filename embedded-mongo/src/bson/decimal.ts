import { Decimal128 } from "bson";
import { toNumber, typeOf, type Value } from "./types";

/**
 * Exact decimal arithmetic for Decimal128 operands (value = coefficient × 10^exponent), so that
 * `0.1 + 0.2` on decimals is `0.3` as in mongod, not the binary-float 0.30000000000000004.
 * NaN and infinities are carried as their own kinds.
 */
export type Dec = { kind: "finite"; c: bigint; e: number } | { kind: "nan" } | { kind: "inf"; negative: boolean };

const MAX_DIGITS = 34;

function parse(text: string): Dec {
  const s = text.trim();
  if (/^[+-]?nan$/i.test(s)) return { kind: "nan" };
  if (/^[+-]?inf(inity)?$/i.test(s)) return { kind: "inf", negative: s.startsWith("-") };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return { kind: "nan" };
  const digits = `${m[2] ?? ""}${m[3] ?? ""}` || "0";
  const c = BigInt(digits) * (m[1] === "-" ? -1n : 1n);
  return { kind: "finite", c, e: Number(m[4] ?? 0) - (m[3]?.length ?? 0) };
}

/** A numeric BSON value as a decimal (doubles convert with 15 significant digits, as mongod does). */
export function toDec(v: Value): Dec {
  const t = typeOf(v);
  if (t === "decimal") return parse(String(v));
  if (t === "long") return { kind: "finite", c: BigInt(String(v)), e: 0 };
  const n = toNumber(v);
  if (Number.isNaN(n)) return { kind: "nan" };
  if (!Number.isFinite(n)) return { kind: "inf", negative: n < 0 };
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return { kind: "finite", c: BigInt(n), e: 0 };
  return parse(n.toPrecision(15));
}

function align(a: { c: bigint; e: number }, b: { c: bigint; e: number }): [bigint, bigint, number] {
  if (a.e === b.e) return [a.c, b.c, a.e];
  if (a.e > b.e) return [a.c * 10n ** BigInt(a.e - b.e), b.c, b.e];
  return [a.c, b.c * 10n ** BigInt(b.e - a.e), a.e];
}

/** a + b. */
export function decAdd(a: Dec, b: Dec): Dec {
  if (a.kind === "nan" || b.kind === "nan") return { kind: "nan" };
  if (a.kind === "inf" || b.kind === "inf") {
    if (a.kind === "inf" && b.kind === "inf" && a.negative !== b.negative) return { kind: "nan" };
    return a.kind === "inf" ? a : b;
  }
  const [x, y, e] = align(a, b);
  return { kind: "finite", c: x + y, e };
}

/** a − b. */
export function decSub(a: Dec, b: Dec): Dec {
  if (b.kind === "finite") return decAdd(a, { kind: "finite", c: -b.c, e: b.e });
  if (b.kind === "inf") return decAdd(a, { kind: "inf", negative: !b.negative });
  return { kind: "nan" };
}

/** a × b. */
export function decMul(a: Dec, b: Dec): Dec {
  if (a.kind === "nan" || b.kind === "nan") return { kind: "nan" };
  if (a.kind === "inf" || b.kind === "inf") {
    const zero = (a.kind === "finite" && a.c === 0n) || (b.kind === "finite" && b.c === 0n);
    if (zero) return { kind: "nan" };
    const neg = (x: Dec) => (x.kind === "inf" ? x.negative : x.kind === "finite" && x.c < 0n);
    return { kind: "inf", negative: neg(a) !== neg(b) };
  }
  return { kind: "finite", c: a.c * b.c, e: a.e + b.e };
}

/** a ÷ b to 34 significant digits (division by zero gives ±Infinity, as in IEEE decimal). */
export function decDiv(a: Dec, b: Dec): Dec {
  if (a.kind !== "finite" || b.kind !== "finite") return { kind: "nan" };
  if (b.c === 0n) return a.c === 0n ? { kind: "nan" } : { kind: "inf", negative: (a.c < 0n) !== (b.c < 0n) };
  const scale = 40;
  const q = (a.c * 10n ** BigInt(scale)) / b.c;
  return { kind: "finite", c: q, e: a.e - b.e - scale };
}

/** Rounds to at most 34 significant digits (half to even) and strips trailing zeros of a quotient. */
function normalise(d: { c: bigint; e: number }, trim: boolean): { c: bigint; e: number } {
  let { c, e } = d;
  const negative = c < 0n;
  let abs = negative ? -c : c;
  let digits = abs.toString().length;
  if (digits > MAX_DIGITS) {
    const drop = BigInt(digits - MAX_DIGITS);
    const div = 10n ** drop;
    let q = abs / div;
    const r = abs % div;
    const half = div / 2n;
    if (r > half || (r === half && q % 2n === 1n)) q += 1n;
    abs = q;
    e += Number(drop);
    digits = abs.toString().length;
  }
  if (trim) {
    while (abs !== 0n && abs % 10n === 0n && e < 0) {
      abs /= 10n;
      e += 1;
    }
  }
  c = negative ? -abs : abs;
  return { c, e };
}

/** A decimal as a BSON Decimal128. */
export function fromDec(d: Dec, trimQuotient = false): Decimal128 {
  if (d.kind === "nan") return Decimal128.fromString("NaN");
  if (d.kind === "inf") return Decimal128.fromString(d.negative ? "-Infinity" : "Infinity");
  const { c, e } = normalise(d, trimQuotient);
  return Decimal128.fromString(`${c.toString()}E${e}`);
}

/** Whether any operand is a Decimal128 (the result of arithmetic on it is then decimal too). */
export function anyDecimal(values: Value[]): boolean {
  for (const v of values) if (typeOf(v) === "decimal") return true;
  return false;
}

/**
 * Exact comparison of two numbers of any BSON numeric type, in MongoDB's order (NaN below every
 * other number). Doubles enter with 17 significant digits, enough to tell any two doubles apart.
 */
export function compareNumbers(a: Value, b: Value): number {
  const x = exactDec(a);
  const y = exactDec(b);
  if (x.kind === "nan" || y.kind === "nan") return x.kind === y.kind ? 0 : x.kind === "nan" ? -1 : 1;
  if (x.kind === "inf" || y.kind === "inf") {
    const rank = (d: Dec) => (d.kind === "inf" ? (d.negative ? -1 : 1) : 0);
    return Math.sign(rank(x) - rank(y));
  }
  const [p, q] = align(x, y);
  return p < q ? -1 : p > q ? 1 : 0;
}

function exactDec(v: Value): Dec {
  const t = typeOf(v);
  if (t === "decimal" || t === "long") return toDec(v);
  const n = toNumber(v);
  if (Number.isNaN(n)) return { kind: "nan" };
  if (!Number.isFinite(n)) return { kind: "inf", negative: n < 0 };
  if (Number.isInteger(n)) return { kind: "finite", c: BigInt(n), e: 0 };
  return parse(n.toPrecision(17));
}

/**
 * A string equal for numbers that compare equal (across int, long, double and decimal): integral
 * values as exact integers (so distinct 64-bit longs never collide), others in canonical decimal
 * form. Used by hash indexes, $group and $addToSet.
 */
export function numberKey(v: Value): string {
  const t = typeOf(v);
  if (t === "int" || t === "double") {
    const n = toNumber(v);
    if (Number.isInteger(n)) return Object.is(n, -0) ? "0" : Math.abs(n) < 2 ** 53 ? String(n) : BigInt(n).toString();
    return String(n);
  }
  const d = toDec(v);
  if (d.kind === "nan") return "NaN";
  if (d.kind === "inf") return d.negative ? "-Infinity" : "Infinity";
  let { c, e } = d;
  if (c === 0n) return "0";
  while (e < 0 && c % 10n === 0n) {
    c /= 10n;
    e++;
  }
  if (e >= 0) return (c * 10n ** BigInt(e)).toString();
  // A non-integral decimal that a double represents exactly (0.5) must key like that double.
  const asNumber = Number(`${c}e${e}`);
  if (exactDec(asNumber).kind === "finite" && compareNumbers(asNumber, v) === 0) return String(asNumber);
  return `${c}e${e}`;
}
