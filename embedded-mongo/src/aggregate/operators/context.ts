import { isNumberType, stringValue, toNumber, typeOf, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";

export type Vars = Record<string, Value>;

/** The `$$REMOVE` value: a field assigned it is left out. */
export const REMOVE = Symbol("$$REMOVE");

/** What an operator implementation gets besides its argument. */
export interface OpContext {
  /** The operator's name (`$add`), for error messages. */
  op: string;
  /** The document being evaluated ($$ROOT). */
  doc: Value;
  vars: Vars;
  /** Evaluates a sub-expression in the current scope. */
  ev(expr: unknown): Value;
  /** Evaluates a sub-expression with extra variables ($map, $filter, $let …). */
  evWith(expr: unknown, vars: Vars): Value;
  /** Evaluates the operator's argument list (a single argument is a list of one). */
  args(arg: unknown): Value[];
}

/** An expression operator: its argument (unevaluated) and context → value. */
export type Operator = (arg: unknown, c: OpContext) => Value;

export function isNullish(v: Value): boolean {
  return v === undefined || v === null || v === REMOVE;
}

export function num(v: Value, op: string): number {
  if (!isNumberType(typeOf(v))) fail(ErrorCodes.TypeMismatch, `${op} only supports numeric types, not ${typeOf(v)}`);
  return toNumber(v);
}

export function str(v: Value, op: string): string {
  if (isNullish(v)) return "";
  const t = typeOf(v);
  if (t !== "string" && t !== "symbol") fail(ErrorCodes.TypeMismatch, `${op} requires a string argument, found: ${t}`);
  return stringValue(v);
}

export function arr(v: Value, op: string, code: number = ErrorCodes.TypeMismatch): Value[] {
  if (!Array.isArray(v)) fail(code, `${op} requires an array argument, found: ${typeOf(v === REMOVE ? undefined : v)}`);
  return v as Value[];
}

/** Aggregation truthiness: false, null, missing, 0 are false; everything else true. */
export function toBool(v: Value): boolean {
  if (isNullish(v) || v === false) return false;
  if (isNumberType(typeOf(v))) return toNumber(v) !== 0;
  return true;
}

/** Checks an argument count (mongod's "Expression $x takes exactly N arguments"). */
export function arity(values: unknown[], op: string, min: number, max = min): void {
  if (values.length < min || values.length > max) {
    const what = min === max ? `exactly ${min}` : `at least ${min} and at most ${max}`;
    fail(16020, `Expression ${op} takes ${what} arguments. ${values.length} were passed in.`);
  }
}

/** The argument as a list without evaluating it. */
export function rawArgs(arg: unknown): unknown[] {
  return Array.isArray(arg) ? arg : [arg];
}
