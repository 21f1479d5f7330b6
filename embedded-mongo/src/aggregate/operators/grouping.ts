import { isNumberType, toNumber, typeOf, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { extreme, NumericSum, stdDev } from "../numeric";
import { REMOVE, type OpContext, type Operator } from "./context";

/** The values an accumulator-style expression works on: one array argument is its elements. */
function operands(arg: unknown, c: OpContext): Value[] {
  const vals = c.args(arg).map((v) => (v === REMOVE ? undefined : v));
  if (!Array.isArray(arg) || arg.length === 1) {
    const [v] = vals;
    return Array.isArray(v) ? v : [v];
  }
  return vals;
}

/** $sum, $avg, $min, $max, $stdDevPop, $stdDevSamp used as expressions (in $project etc.). */
export const GROUPING: Record<string, Operator> = {
  $sum(arg, c) {
    const s = new NumericSum();
    for (const v of operands(arg, c)) s.add(v);
    return s.result();
  },
  $avg(arg, c) {
    const s = new NumericSum();
    for (const v of operands(arg, c)) s.add(v);
    return s.mean();
  },
  $min: (arg, c) => extreme(operands(arg, c), "$min"),
  $max: (arg, c) => extreme(operands(arg, c), "$max"),
  $stdDevPop: (arg, c) => stdDev(operands(arg, c).filter((v) => isNumberType(typeOf(v))).map(toNumber), false),
  $stdDevSamp: (arg, c) => stdDev(operands(arg, c).filter((v) => isNumberType(typeOf(v))).map(toNumber), true),
  $median: (_arg, c) => fail(ErrorCodes.NotImplemented, `${c.op} is not supported by the embedded server`),
  $percentile: (_arg, c) => fail(ErrorCodes.NotImplemented, `${c.op} is not supported by the embedded server`),
};
