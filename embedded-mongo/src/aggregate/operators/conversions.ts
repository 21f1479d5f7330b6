import { Decimal128, Double, Int32, Long, ObjectId, type Timestamp } from "bson";
import { isNumberType, isPlainObject, toNumber, TYPE_NUMBERS, typeOf, type TypeName, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { arity, isNullish, REMOVE, type Operator } from "./context";
import { parseDateString } from "./dateParsing";

const CONVERSION_FAILURE = 241;

function failConversion(message: string): never {
  return fail(CONVERSION_FAILURE, message);
}

/** A double as mongod prints it ($toString): shortest round-trip form, integers without ".0". */
function doubleToString(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return String(n);
}

function parseInteger(s: string, to: "int" | "long", op: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) failConversion(`Failed to parse number '${s}' in ${op} with no onError value: Did not consume whole string.`);
  const n = Number(s);
  if (to === "int" && (n > 2147483647 || n < -2147483648)) failConversion(`Failed to parse number '${s}' in ${op} with no onError value: Overflow`);
  return n;
}

function checkRange(n: number, to: "int" | "long", from: string): number {
  if (!Number.isFinite(n)) failConversion(`Attempt to convert ${Number.isNaN(n) ? "NaN" : "infinity"} value to integer type in $convert with no onError value`);
  const t = Math.trunc(n);
  const limit = to === "int" ? 2 ** 31 : 2 ** 63;
  if (t >= limit || t < -limit) failConversion(`Conversion would overflow target type in $convert with no onError value: ${from} ${n}`);
  return t;
}

/**
 * Converts a value to a BSON type the way `$convert` does.
 * @throws 241 ConversionFailure for unsupported or malformed conversions.
 */
export function convert(v: Value, to: string, op: string): Value {
  if (isNullish(v)) return null;
  const t = typeOf(v);
  const unsupported = (): never => failConversion(`Unsupported conversion from ${t} to ${to} in ${op} with no onError value`);
  switch (to) {
    case "string":
      if (t === "string") return v;
      if (t === "symbol") return String((v as { value: string }).value);
      if (t === "date") return (v as Date).toISOString();
      if (t === "objectId") return (v as ObjectId).toHexString();
      if (t === "bool") return String(v);
      if (t === "double") return doubleToString(toNumber(v));
      if (t === "decimal" || t === "long" || t === "int") return String(t === "int" ? toNumber(v) : v);
      return unsupported();
    case "int":
    case "long": {
      let n: number;
      if (t === "bool") n = v ? 1 : 0;
      else if (t === "string") n = parseInteger(v as string, to, op);
      else if (t === "date" && to === "long") n = (v as Date).getTime();
      else if (isNumberType(t)) n = checkRange(toNumber(v), to, t);
      else return unsupported();
      return to === "long" ? Long.fromNumber(n) : new Int32(n);
    }
    case "double":
    case "decimal": {
      if (t === "decimal" && to === "decimal") return v;
      let n: number;
      if (t === "bool") n = v ? 1 : 0;
      else if (t === "string") {
        const s = (v as string).trim();
        if (to === "decimal" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Decimal128.fromString(s);
        n = Number(s);
        if (s === "" || (Number.isNaN(n) && !/^[+-]?nan$/i.test(s))) failConversion(`Failed to parse number '${v}' in ${op} with no onError value: Did not consume whole string.`);
      } else if (t === "date") n = (v as Date).getTime();
      else if (isNumberType(t)) n = toNumber(v);
      else return unsupported();
      if (to === "double") return new Double(n);
      return t === "long" || t === "int" ? Decimal128.fromString(String(v)) : Decimal128.fromString(Number.isInteger(n) ? String(n) : n.toPrecision(15).replace(/\.?0+$/, ""));
    }
    case "bool":
      if (t === "bool") return v;
      if (isNumberType(t)) return toNumber(v) !== 0;
      return true;
    case "date":
      if (t === "date") return v;
      if (t === "string") {
        const d = parseDateString(v as string, undefined, undefined);
        if (!d) failConversion(`Error parsing date string '${v}'; ${op} with no onError value`);
        return d;
      }
      if (t === "long" || t === "double" || t === "decimal") return new Date(toNumber(v));
      if (t === "objectId") return (v as ObjectId).getTimestamp();
      if (t === "timestamp") return new Date((v as Timestamp).high * 1000);
      return unsupported();
    case "objectId":
      if (t === "objectId") return v;
      if (t === "string" && /^[0-9a-fA-F]{24}$/.test(v as string)) return new ObjectId(v as string);
      if (t === "string") failConversion(`Failed to parse objectId '${String(v)}' in ${op} with no onError value: Invalid string length for parsing to OID, expected 24 but found ${(v as string).length}`);
      return unsupported();
    default:
      return fail(ErrorCodes.BadValue, `Unknown type name: ${to}`);
  }
}

/** The target of `$convert`: a type name or a numeric type code. */
function targetName(to: Value): string {
  if (typeof to === "string") {
    if (!(to in TYPE_NUMBERS) || to === "missing") fail(ErrorCodes.BadValue, `Unknown type name: ${to}`);
    return to;
  }
  if (isNumberType(typeOf(to))) {
    const name = (Object.entries(TYPE_NUMBERS) as [TypeName, number][]).find(([n, code]) => code === toNumber(to) && n !== "missing")?.[0];
    if (!name) fail(ErrorCodes.BadValue, `In $convert, numeric value for 'to' does not correspond to a BSON type: ${toNumber(to)}`);
    return name!;
  }
  if (isPlainObject(to)) return fail(ErrorCodes.NotImplemented, "$convert 'to' as an object is not supported by the embedded server");
  return fail(ErrorCodes.FailedToParse, `$convert's 'to' argument must be a string or number, but is ${typeOf(to)}`);
}

function to(target: string): Operator {
  return (arg, c) => {
    const vals = c.args(arg);
    arity(vals, c.op, 1);
    return convert(vals[0], target, c.op);
  };
}

/** Type inspection and conversion operators. */
export const CONVERSIONS: Record<string, Operator> = {
  $type(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$type", 1);
    const t = typeOf(vals[0] === REMOVE ? undefined : vals[0]);
    return t;
  },
  $isNumber(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$isNumber", 1);
    return isNumberType(typeOf(vals[0]));
  },
  $toString: to("string"),
  $toInt: to("int"),
  $toLong: to("long"),
  $toDouble: to("double"),
  $toDecimal: to("decimal"),
  $toBool: to("bool"),
  $toDate: to("date"),
  $toObjectId: to("objectId"),
  $convert(arg, c) {
    if (!isPlainObject(arg)) return fail(ErrorCodes.FailedToParse, "$convert expects an object of named arguments");
    for (const k of Object.keys(arg)) if (!["input", "to", "onError", "onNull", "format", "base", "byteOrder"].includes(k)) fail(ErrorCodes.FailedToParse, `$convert found an unknown argument: ${k}`);
    if (!("input" in arg)) fail(ErrorCodes.FailedToParse, "Missing 'input' parameter to $convert");
    if (!("to" in arg)) fail(ErrorCodes.FailedToParse, "Missing 'to' parameter to $convert");
    const input = c.ev(arg.input);
    const target = c.ev(arg.to);
    if (isNullish(input)) return "onNull" in arg ? c.ev(arg.onNull) : null;
    if (isNullish(target)) return null;
    const name = targetName(target);
    try {
      return convert(input, name, "$convert");
    } catch (e) {
      if ("onError" in arg && (e as { code?: number }).code === CONVERSION_FAILURE) return c.ev(arg.onError);
      throw e;
    }
  },
};
