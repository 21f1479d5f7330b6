import { Decimal128, Double, Int32, Long } from "bson";
import { compareValues } from "../bson/compare";
import { decAdd, fromDec, toDec, type Dec } from "../bson/decimal";
import { isNumberType, toNumber, typeOf, type Value } from "../bson/types";

/**
 * A running numeric sum with mongod's result typing: int while every addend is an int and the
 * total fits, then long, double once a double is seen, decimal (exact) once a decimal is seen.
 * Non-numeric values are ignored, as $sum ignores them.
 */
export class NumericSum {
  private rank = 0; // 0 int, 1 long, 2 double, 3 decimal
  private total = 0;
  private dec: Dec | null = null;
  count = 0;

  add(v: Value): void {
    const t = typeOf(v);
    if (!isNumberType(t)) return;
    this.count++;
    if (t === "decimal" && this.dec === null) this.dec = toDec(this.total);
    if (this.dec !== null) this.dec = decAdd(this.dec, toDec(v));
    this.total += toNumber(v);
    const r = t === "decimal" ? 3 : t === "double" ? 2 : t === "long" ? 1 : 0;
    if (r > this.rank) this.rank = r;
  }

  /** The sum in its BSON type. */
  result(): Value {
    if (this.rank === 3 && this.dec) return fromDec(this.dec);
    if (this.rank === 2) return new Double(this.total);
    if (this.rank === 1 || this.total > 2147483647 || this.total < -2147483648) {
      return Number.isSafeInteger(this.total) || Math.abs(this.total) < 2 ** 63 ? Long.fromNumber(this.total) : new Double(this.total);
    }
    return new Int32(this.total);
  }

  /** The mean (double, or decimal when a decimal was summed); null without numbers. */
  mean(): Value {
    if (this.count === 0) return null;
    if (this.rank === 3 && this.dec) return Decimal128.fromString(String(Number(String(fromDec(this.dec))) / this.count));
    return new Double(this.total / this.count);
  }
}

/** Population or sample standard deviation of the numeric values (null when undefined). */
export function stdDev(values: number[], sample: boolean): Value {
  const n = values.length;
  if (n === 0 || (sample && n < 2)) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return new Double(Math.sqrt(ss / (sample ? n - 1 : n)));
}

/** The smallest or largest value in BSON order, ignoring null and missing (null if none). */
export function extreme(values: Value[], op: "$min" | "$max"): Value {
  let best: Value = undefined;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    if (best === undefined || compareValues(v, best) * (op === "$min" ? -1 : 1) > 0) best = v;
  }
  return best === undefined ? null : best;
}
