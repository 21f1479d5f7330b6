import { ObjectId, Long, Decimal128 } from "bson";
import { compareValues, valuesEqual, hashKey } from "../bson/compare";
import { getPath } from "../bson/path";
import { compileRegex, isNumberType, isPlainObject, numberLike, regexOf, stringValue, toNumber, typeOf, type Doc, type Value } from "../bson/types";
import { Double } from "bson";
import { ErrorCodes, fail } from "../errors";


/** Operators `evaluate` implements (checked before a pipeline runs, as mongod parses it first). */
export const EXPRESSION_OPERATORS = new Set([
  "$abs",
  "$add",
  "$and",
  "$arrayElemAt",
  "$arrayToObject",
  "$avg",
  "$ceil",
  "$cmp",
  "$concat",
  "$concatArrays",
  "$cond",
  "$convert",
  "$dateAdd",
  "$dateDiff",
  "$dateFromString",
  "$dateSubtract",
  "$dateToString",
  "$dateTrunc",
  "$dayOfMonth",
  "$dayOfWeek",
  "$dayOfYear",
  "$divide",
  "$eq",
  "$exp",
  "$filter",
  "$first",
  "$floor",
  "$getField",
  "$gt",
  "$gte",
  "$hour",
  "$ifNull",
  "$in",
  "$indexOfArray",
  "$indexOfCP",
  "$isArray",
  "$isNumber",
  "$last",
  "$let",
  "$literal",
  "$ln",
  "$log10",
  "$lt",
  "$lte",
  "$ltrim",
  "$map",
  "$max",
  "$mergeObjects",
  "$millisecond",
  "$min",
  "$minute",
  "$mod",
  "$month",
  "$multiply",
  "$ne",
  "$not",
  "$objectToArray",
  "$or",
  "$pow",
  "$range",
  "$reduce",
  "$regexFind",
  "$regexMatch",
  "$replaceAll",
  "$replaceOne",
  "$reverseArray",
  "$round",
  "$rtrim",
  "$second",
  "$setDifference",
  "$setEquals",
  "$setIntersection",
  "$setIsSubset",
  "$setUnion",
  "$size",
  "$slice",
  "$sortArray",
  "$split",
  "$sqrt",
  "$strLenBytes",
  "$strLenCP",
  "$substr",
  "$substrBytes",
  "$substrCP",
  "$subtract",
  "$sum",
  "$switch",
  "$toBool",
  "$toDate",
  "$toDecimal",
  "$toDouble",
  "$toInt",
  "$toLong",
  "$toLower",
  "$toObjectId",
  "$toString",
  "$toUpper",
  "$trim",
  "$trunc",
  "$type",
  "$year",
]);

/**
 * Checks an expression tree without evaluating it: unknown operators fail with 168 and
 * server-side JavaScript with 31264, even when no document would reach them.
 */
export function checkExpression(expr: unknown): void {
  if (Array.isArray(expr)) {
    expr.forEach(checkExpression);
    return;
  }
  if (!isPlainObject(expr)) return;
  const keys = Object.keys(expr);
  if (keys.length === 1 && keys[0].startsWith("$")) {
    const op = keys[0];
    if (op === "$literal") return;
    if (op === "$function" || op === "$accumulator") fail(31264, `${op} is not allowed: server-side JavaScript is disabled on this server`);
    if (!EXPRESSION_OPERATORS.has(op)) fail(ErrorCodes.InvalidPipelineOperator, `Unrecognized expression '${op}'`);
    checkExpression(expr[op]);
    return;
  }
  for (const k of keys) checkExpression(expr[k]);
}

export type Vars = Record<string, Value>;
export const REMOVE = Symbol("$$REMOVE");

/**
 * Evaluates an aggregation expression against a document. Field paths (`"$a.b"`), variables
 * (`"$$ROOT"`, `"$$NOW"`, `$let` names), literals, object and array expressions and the operators
 * below are supported; any other operator fails with 168 InvalidPipelineOperator.
 */
export function evaluate(expr: unknown, doc: Value, vars: Vars = {}): Value {
  if (typeof expr === "string") {
    if (expr.startsWith("$$")) return variable(expr.slice(2), doc, vars);
    if (expr.startsWith("$")) {
      if (expr.length === 1) fail(16872, "'$' by itself is not a valid FieldPath");
      return getPath(doc, expr.slice(1));
    }
    return expr;
  }
  if (Array.isArray(expr)) return expr.map((e) => nonRemoved(evaluate(e, doc, vars)));
  if (isPlainObject(expr)) {
    const keys = Object.keys(expr);
    if (keys.length === 1 && keys[0].startsWith("$")) return operator(keys[0], expr[keys[0]], doc, vars);
    if (keys.some((k) => k.startsWith("$"))) {
      fail(16410, `FieldPath field names may not start with '$'. Consider using $getField or $setField.`);
    }
    const out: Doc = {};
    for (const k of keys) {
      const v = evaluate(expr[k], doc, vars);
      if (v !== undefined && v !== REMOVE) out[k] = v;
    }
    return out;
  }
  return expr;
}

function nonRemoved(v: Value): Value {
  return v === REMOVE || v === undefined ? null : v;
}

function variable(spec: string, doc: Value, vars: Vars): Value {
  const dot = spec.indexOf(".");
  const name = dot === -1 ? spec : spec.slice(0, dot);
  const rest = dot === -1 ? null : spec.slice(dot + 1);
  let base: Value;
  if (name === "ROOT" || name === "CURRENT") base = vars.ROOT ?? doc;
  else if (name === "NOW") base = vars.NOW ?? new Date();
  else if (name === "REMOVE") return REMOVE;
  else if (name in vars) base = vars[name];
  else return fail(17276, `Use of undefined variable: ${name}`);
  return rest === null ? base : getPath(base, rest);
}

function args(arg: unknown, doc: Value, vars: Vars): Value[] {
  if (Array.isArray(arg)) return arg.map((a) => evaluate(a, doc, vars));
  return [evaluate(arg, doc, vars)];
}

function isNullish(v: Value): boolean {
  return v === undefined || v === null || v === REMOVE;
}

function num(v: Value, op: string): number {
  if (!isNumberType(typeOf(v))) fail(ErrorCodes.TypeMismatch, `${op} only supports numeric types, not ${typeOf(v)}`);
  return toNumber(v);
}

function str(v: Value, op: string): string {
  if (isNullish(v)) return "";
  const t = typeOf(v);
  if (t !== "string" && t !== "symbol") fail(ErrorCodes.TypeMismatch, `${op} requires a string argument, found: ${t}`);
  return stringValue(v);
}

function arr(v: Value, op: string): Value[] {
  if (!Array.isArray(v)) fail(ErrorCodes.TypeMismatch, `${op} requires an array argument, found: ${typeOf(v)}`);
  return v as Value[];
}

function dateOf(v: Value, op: string): Date {
  if (v instanceof Date) return v;
  if (typeOf(v) === "objectId") return (v as ObjectId).getTimestamp();
  if (typeOf(v) === "timestamp") return new Date((v as { high: number }).high * 1000);
  return fail(16006, `can't convert from BSON type ${typeOf(v)} to Date (${op})`);
}

/** Local calendar fields of a date in a time zone (`+08:00`, `Asia/Shanghai` or UTC). */
function dateParts(d: Date, tz: Value) {
  const offsetMs = tzOffsetMs(d, tz);
  const local = new Date(d.getTime() + offsetMs);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    dayOfWeek: local.getUTCDay() + 1,
    dayOfYear: Math.floor((Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - Date.UTC(local.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
    offsetMs,
  };
}

export function tzOffsetMs(d: Date, tz: Value): number {
  if (tz === undefined || tz === null || tz === "UTC" || tz === "GMT" || tz === "Z") return 0;
  const s = String(tz);
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(s);
  if (m) return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  try {
    const fmt = new Intl.DateTimeFormat("en-US", {
      timeZone: s,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    return asUtc - Math.floor(d.getTime() / 1000) * 1000;
  } catch {
    return fail(40485, `unrecognized time zone identifier: "${s}"`);
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function formatDate(d: Date, format: string, tz: Value): string {
  const p = dateParts(d, tz);
  return format.replace(/%([YmdHMSLjuwVGzZ%])/g, (_, c: string) => {
    switch (c) {
      case "Y":
        return String(p.year);
      case "m":
        return pad(p.month);
      case "d":
        return pad(p.day);
      case "H":
        return pad(p.hour);
      case "M":
        return pad(p.minute);
      case "S":
        return pad(p.second);
      case "L":
        return pad(p.millisecond, 3);
      case "j":
        return pad(p.dayOfYear, 3);
      case "u":
        return String(p.dayOfWeek === 1 ? 7 : p.dayOfWeek - 1);
      case "w":
        return String(p.dayOfWeek - 1);
      case "z": {
        const m = p.offsetMs / 60_000;
        return `${m < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(m) / 60))}${pad(Math.abs(m) % 60)}`;
      }
      case "Z":
        return String(p.offsetMs / 60_000);
      case "%":
        return "%";
      default:
        return fail(18536, `Invalid format character '%${c}' in format string`);
    }
  });
}

const UNIT_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

function addUnits(d: Date, unit: string, amount: number, tz: Value): Date {
  if (unit in UNIT_MS) return new Date(d.getTime() + amount * UNIT_MS[unit]);
  const off = tzOffsetMs(d, tz);
  const local = new Date(d.getTime() + off);
  if (unit === "month" || unit === "quarter" || unit === "year") {
    const months = unit === "month" ? amount : unit === "quarter" ? amount * 3 : amount * 12;
    const y = local.getUTCFullYear();
    const m = local.getUTCMonth() + months;
    const target = new Date(Date.UTC(y, m, 1, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds()));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(local.getUTCDate(), lastDay));
    return new Date(target.getTime() - off);
  }
  return fail(ErrorCodes.BadValue, `unknown time unit value: ${unit}`);
}

function toBool(v: Value): boolean {
  if (isNullish(v) || v === false) return false;
  if (isNumberType(typeOf(v))) return toNumber(v) !== 0;
  return true;
}

function convert(v: Value, to: string, op: string): Value {
  if (isNullish(v)) return null;
  const t = typeOf(v);
  switch (to) {
    case "string":
    case "str":
      if (t === "string") return v;
      if (t === "date") return (v as Date).toISOString();
      if (t === "objectId") return (v as ObjectId).toHexString();
      if (t === "bool") return String(v);
      if (isNumberType(t)) return String(toNumber(v));
      return fail(241, `Unsupported conversion from ${t} to string in ${op}`);
    case "int":
    case "long": {
      if (t === "bool") return v ? 1 : 0;
      if (t === "string") {
        const n = Number(v);
        if (!/^\s*[+-]?\d+\s*$/.test(v as string) || !Number.isFinite(n)) fail(241, `Failed to parse number '${v}' in ${op}`);
        return to === "long" ? Long.fromNumber(n) : n;
      }
      if (t === "date") return (v as Date).getTime();
      if (isNumberType(t)) {
        const n = Math.trunc(toNumber(v));
        return to === "long" ? Long.fromNumber(n) : n;
      }
      return fail(241, `Unsupported conversion from ${t} to ${to} in ${op}`);
    }
    case "double":
    case "decimal": {
      if (t === "bool") return v ? 1 : 0;
      if (t === "string") {
        const n = Number(v);
        if (String(v).trim() === "" || Number.isNaN(n)) fail(241, `Failed to parse number '${v}' in ${op}`);
        return to === "decimal" ? Decimal128.fromString(String(n)) : n;
      }
      if (t === "date") return (v as Date).getTime();
      if (isNumberType(t)) return to === "decimal" ? Decimal128.fromString(String(toNumber(v))) : toNumber(v);
      return fail(241, `Unsupported conversion from ${t} to ${to} in ${op}`);
    }
    case "bool":
      return toBool(v);
    case "date":
      if (t === "date") return v;
      if (t === "string") {
        const d = new Date(v as string);
        if (Number.isNaN(d.getTime())) fail(241, `Error parsing date string '${v}'`);
        return d;
      }
      if (isNumberType(t)) return new Date(toNumber(v));
      if (t === "objectId") return (v as ObjectId).getTimestamp();
      return fail(241, `Unsupported conversion from ${t} to date in ${op}`);
    case "objectId":
      if (t === "objectId") return v;
      if (t === "string" && /^[0-9a-fA-F]{24}$/.test(v as string)) return new ObjectId(v as string);
      return fail(241, `Failed to parse objectId '${String(v)}' in ${op}`);
    default:
      return fail(ErrorCodes.BadValue, `Unknown type name: ${to}`);
  }
}

function sumOf(values: Value[]): number {
  let s = 0;
  for (const v of values) if (isNumberType(typeOf(v))) s += toNumber(v);
  return s;
}

function operator(op: string, arg: unknown, doc: Value, vars: Vars): Value {
  const ev = (e: unknown) => evaluate(e, doc, vars);
  switch (op) {
    case "$literal":
      return arg;
    // arithmetic
    case "$add": {
      const vals = args(arg, doc, vars);
      if (vals.some(isNullish)) return null;
      let date: Date | null = null;
      let total = 0;
      for (const v of vals) {
        if (v instanceof Date) {
          if (date) fail(16612, "only one date allowed in an $add expression");
          date = v;
        } else total += num(v, "$add");
      }
      return date ? new Date(date.getTime() + total) : numberLike(total, vals);
    }
    case "$subtract": {
      const [a, b] = args(arg, doc, vars);
      if (isNullish(a) || isNullish(b)) return null;
      if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
      if (a instanceof Date) return new Date(a.getTime() - num(b, "$subtract"));
      return numberLike(num(a, "$subtract") - num(b, "$subtract"), [a, b]);
    }
    case "$multiply": {
      const vals = args(arg, doc, vars);
      if (vals.some(isNullish)) return null;
      return numberLike(vals.reduce<number>((p, v) => p * num(v, "$multiply"), 1), vals);
    }
    case "$divide": {
      const [a, b] = args(arg, doc, vars);
      if (isNullish(a) || isNullish(b)) return null;
      const d = num(b, "$divide");
      if (d === 0) fail(2, "can't $divide by zero");
      return new Double(num(a, "$divide") / d);
    }
    case "$mod": {
      const [a, b] = args(arg, doc, vars);
      if (isNullish(a) || isNullish(b)) return null;
      const d = num(b, "$mod");
      if (d === 0) fail(16610, "can't $mod by zero");
      return numberLike(num(a, "$mod") % d, [a, b]);
    }
    case "$abs":
    case "$ceil":
    case "$floor":
    case "$sqrt":
    case "$exp":
    case "$ln":
    case "$log10": {
      const [a] = args(arg, doc, vars);
      if (isNullish(a)) return null;
      const n = num(a, op);
      const fn = { $abs: Math.abs, $ceil: Math.ceil, $floor: Math.floor, $sqrt: Math.sqrt, $exp: Math.exp, $ln: Math.log, $log10: Math.log10 }[op]!;
      return fn(n);
    }
    case "$pow": {
      const [a, b] = args(arg, doc, vars);
      if (isNullish(a) || isNullish(b)) return null;
      return Math.pow(num(a, op), num(b, op));
    }
    case "$round":
    case "$trunc": {
      const [a, placesV] = args(arg, doc, vars);
      if (isNullish(a)) return null;
      const places = placesV === undefined ? 0 : num(placesV, op);
      const f = Math.pow(10, places);
      const n = num(a, op) * f;
      if (op === "$trunc") return Math.trunc(n) / f;
      // MongoDB rounds half to even.
      const r = Math.round(n);
      const even = Math.abs(n % 1) === 0.5 ? (r % 2 === 0 ? r : r - Math.sign(n)) : r;
      return even / f;
    }
    // comparison
    case "$eq":
    case "$ne":
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
    case "$cmp": {
      const [a, b] = args(arg, doc, vars);
      const c = compareValues(a === REMOVE ? undefined : a, b === REMOVE ? undefined : b);
      switch (op) {
        case "$eq":
          return c === 0;
        case "$ne":
          return c !== 0;
        case "$gt":
          return c > 0;
        case "$gte":
          return c >= 0;
        case "$lt":
          return c < 0;
        case "$lte":
          return c <= 0;
        default:
          return c;
      }
    }
    // boolean
    case "$and":
      return (Array.isArray(arg) ? arg : [arg]).every((e) => toBool(ev(e)));
    case "$or":
      return (Array.isArray(arg) ? arg : [arg]).some((e) => toBool(ev(e)));
    case "$not":
      return !toBool(args(arg, doc, vars)[0]);
    // conditional
    case "$cond": {
      let ifE: unknown, thenE: unknown, elseE: unknown;
      if (Array.isArray(arg)) [ifE, thenE, elseE] = arg;
      else if (isPlainObject(arg)) ({ if: ifE, then: thenE, else: elseE } = arg as { if: unknown; then: unknown; else: unknown });
      else fail(ErrorCodes.BadValue, "$cond requires an array or object argument");
      return toBool(ev(ifE)) ? ev(thenE) : ev(elseE);
    }
    case "$ifNull": {
      const list = Array.isArray(arg) ? arg : [arg];
      for (let i = 0; i < list.length - 1; i++) {
        const v = ev(list[i]);
        if (!isNullish(v)) return v;
      }
      return ev(list[list.length - 1]);
    }
    case "$switch": {
      const spec = arg as { branches?: { case: unknown; then: unknown }[]; default?: unknown };
      for (const b of spec.branches ?? []) if (toBool(ev(b.case))) return ev(b.then);
      if ("default" in spec) return ev(spec.default);
      return fail(40066, "$switch could not find a matching branch for an input, and no default was specified.");
    }
    // strings
    case "$concat": {
      const vals = args(arg, doc, vars);
      if (vals.some(isNullish)) return null;
      return vals.map((v) => str(v, "$concat")).join("");
    }
    case "$toLower":
    case "$toUpper": {
      const [a] = args(arg, doc, vars);
      const s = isNullish(a) ? "" : typeOf(a) === "string" ? (a as string) : String(isNumberType(typeOf(a)) ? toNumber(a) : a);
      return op === "$toLower" ? s.toLowerCase() : s.toUpperCase();
    }
    case "$trim":
    case "$ltrim":
    case "$rtrim": {
      const spec = arg as { input: unknown; chars?: unknown };
      const input = ev(spec.input);
      if (isNullish(input)) return null;
      const s = str(input, op);
      const chars = spec.chars === undefined ? null : str(ev(spec.chars), op);
      const set = chars === null ? null : new Set([...chars]);
      const isTrim = (c: string) => (set ? set.has(c) : /\s/.test(c) || c === "\0");
      let start = 0;
      let end = s.length;
      if (op !== "$rtrim") while (start < end && isTrim(s[start])) start++;
      if (op !== "$ltrim") while (end > start && isTrim(s[end - 1])) end--;
      return s.slice(start, end);
    }
    case "$substr":
    case "$substrCP":
    case "$substrBytes": {
      const [s, start, len] = args(arg, doc, vars);
      if (isNullish(s)) return "";
      const chars = [...str(s, op)];
      const from = num(start, op);
      const n = num(len, op);
      return chars.slice(from, n < 0 ? undefined : from + n).join("");
    }
    case "$strLenCP":
    case "$strLenBytes": {
      const [s] = args(arg, doc, vars);
      const v = str(s, op);
      return op === "$strLenCP" ? [...v].length : Buffer.byteLength(v);
    }
    case "$split": {
      const [s, d] = args(arg, doc, vars);
      if (isNullish(s)) return null;
      return str(s, op).split(str(d, op));
    }
    case "$indexOfCP": {
      const [s, sub, start, end] = args(arg, doc, vars);
      if (isNullish(s)) return null;
      const chars = [...str(s, op)].slice(0, end === undefined ? undefined : num(end, op)).join("");
      return chars.indexOf(str(sub, op), start === undefined ? 0 : num(start, op));
    }
    case "$regexMatch":
    case "$regexFind": {
      const spec = arg as { input: unknown; regex: unknown; options?: unknown };
      const input = ev(spec.input);
      const reV = ev(spec.regex);
      const re = typeof reV === "string" ? compileRegex(reV, String(ev(spec.options) ?? "")) : regexOf(reV);
      if (isNullish(input)) return op === "$regexMatch" ? false : null;
      const m = re.exec(str(input, op));
      if (op === "$regexMatch") return m !== null;
      return m ? { match: m[0], idx: m.index, captures: m.slice(1) } : null;
    }
    case "$replaceOne":
    case "$replaceAll": {
      const spec = arg as { input: unknown; find: unknown; replacement: unknown };
      const [input, find, repl] = [ev(spec.input), ev(spec.find), ev(spec.replacement)];
      if (isNullish(input) || isNullish(find) || isNullish(repl)) return null;
      const s = str(input, op);
      return op === "$replaceAll" ? s.split(str(find, op)).join(str(repl, op)) : s.replace(str(find, op), () => str(repl, op));
    }
    case "$toString":
      return convert(args(arg, doc, vars)[0], "string", op);
    case "$toInt":
      return convert(args(arg, doc, vars)[0], "int", op);
    case "$toLong":
      return convert(args(arg, doc, vars)[0], "long", op);
    case "$toDouble":
      return convert(args(arg, doc, vars)[0], "double", op);
    case "$toDecimal":
      return convert(args(arg, doc, vars)[0], "decimal", op);
    case "$toBool":
      return convert(args(arg, doc, vars)[0], "bool", op);
    case "$toDate":
      return convert(args(arg, doc, vars)[0], "date", op);
    case "$toObjectId":
      return convert(args(arg, doc, vars)[0], "objectId", op);
    case "$convert": {
      const spec = arg as { input: unknown; to: unknown; onError?: unknown; onNull?: unknown };
      const input = ev(spec.input);
      if (isNullish(input)) return "onNull" in spec ? ev(spec.onNull) : null;
      try {
        return convert(input, String(ev(spec.to)), op);
      } catch (e) {
        if ("onError" in spec) return ev(spec.onError);
        throw e;
      }
    }
    case "$type": {
      const [v] = args(arg, doc, vars);
      const t = typeOf(v === REMOVE ? undefined : v);
      return t === "missing" ? "missing" : t;
    }
    case "$isNumber":
      return isNumberType(typeOf(args(arg, doc, vars)[0]));
    case "$isArray":
      return Array.isArray(args(arg, doc, vars)[0]);
    // arrays
    case "$size": {
      const [a] = args(arg, doc, vars);
      return arr(a, "$size").length;
    }
    case "$arrayElemAt": {
      const [a, i] = args(arg, doc, vars);
      if (isNullish(a)) return null;
      const list = arr(a, op);
      const idx = num(i, op);
      const v = idx < 0 ? list[list.length + idx] : list[idx];
      return v;
    }
    case "$first":
    case "$last": {
      const [a] = args(arg, doc, vars);
      if (isNullish(a)) return null;
      const list = arr(a, op);
      return op === "$first" ? list[0] : list[list.length - 1];
    }
    case "$in": {
      const [v, list] = args(arg, doc, vars);
      return arr(list, "$in").some((x) => valuesEqual(x, v));
    }
    case "$indexOfArray": {
      const [a, v] = args(arg, doc, vars);
      if (isNullish(a)) return null;
      return arr(a, op).findIndex((x) => valuesEqual(x, v));
    }
    case "$concatArrays": {
      const vals = args(arg, doc, vars);
      if (vals.some(isNullish)) return null;
      return vals.flatMap((v) => arr(v, op));
    }
    case "$reverseArray": {
      const [a] = args(arg, doc, vars);
      if (isNullish(a)) return null;
      return [...arr(a, op)].reverse();
    }
    case "$slice": {
      const vals = args(arg, doc, vars);
      if (isNullish(vals[0])) return null;
      const list = arr(vals[0], op);
      if (vals.length === 2) {
        const n = num(vals[1], op);
        return n >= 0 ? list.slice(0, n) : list.slice(n);
      }
      const pos = num(vals[1], op);
      const n = num(vals[2], op);
      const start = pos < 0 ? Math.max(0, list.length + pos) : pos;
      return list.slice(start, start + n);
    }
    case "$range": {
      const [s, e, stepV] = args(arg, doc, vars);
      const step = stepV === undefined ? 1 : num(stepV, op);
      if (step === 0) fail(34449, "$range requires a non-zero step value");
      const out: number[] = [];
      for (let i = num(s, op); step > 0 ? i < num(e, op) : i > num(e, op); i += step) out.push(i);
      return out;
    }
    case "$filter": {
      const spec = arg as { input: unknown; as?: string; cond: unknown; limit?: unknown };
      const input = ev(spec.input);
      if (isNullish(input)) return null;
      const name = spec.as ?? "this";
      const limit = spec.limit === undefined ? Infinity : num(ev(spec.limit), op);
      const out: Value[] = [];
      for (const el of arr(input, op)) {
        if (out.length >= limit) break;
        if (toBool(evaluate(spec.cond, doc, { ...vars, [name]: el }))) out.push(el);
      }
      return out;
    }
    case "$map": {
      const spec = arg as { input: unknown; as?: string; in: unknown };
      const input = ev(spec.input);
      if (isNullish(input)) return null;
      const name = spec.as ?? "this";
      return arr(input, op).map((el) => nonRemoved(evaluate(spec.in, doc, { ...vars, [name]: el })));
    }
    case "$reduce": {
      const spec = arg as { input: unknown; initialValue: unknown; in: unknown };
      const input = ev(spec.input);
      if (isNullish(input)) return null;
      let acc = ev(spec.initialValue);
      for (const el of arr(input, op)) acc = evaluate(spec.in, doc, { ...vars, value: acc, this: el });
      return acc;
    }
    case "$setUnion":
    case "$setIntersection":
    case "$setDifference":
    case "$setEquals":
    case "$setIsSubset": {
      const vals = args(arg, doc, vars);
      if (vals.some(isNullish)) return null;
      const lists = vals.map((v) => arr(v, op));
      const uniq = (l: Value[]) => {
        const seen = new Map<string, Value>();
        for (const v of l) if (!seen.has(hashKey(v))) seen.set(hashKey(v), v);
        return seen;
      };
      if (op === "$setUnion") return [...uniq(lists.flat()).values()];
      const first = uniq(lists[0] ?? []);
      const others = lists.slice(1).map(uniq);
      if (op === "$setIntersection") return [...first.entries()].filter(([k]) => others.every((o) => o.has(k))).map(([, v]) => v);
      if (op === "$setDifference") return [...first.entries()].filter(([k]) => !others[0].has(k)).map(([, v]) => v);
      if (op === "$setIsSubset") return [...first.keys()].every((k) => others[0].has(k));
      return others.every((o) => o.size === first.size && [...first.keys()].every((k) => o.has(k)));
    }
    case "$sortArray": {
      const spec = arg as { input: unknown; sortBy: unknown };
      const input = ev(spec.input);
      if (isNullish(input)) return null;
      const list = [...arr(input, op)];
      if (isPlainObject(spec.sortBy)) {
        const keys = Object.entries(spec.sortBy as Doc);
        list.sort((a, b) => {
          for (const [k, dir] of keys) {
            const c = compareValues(getPath(a, k), getPath(b, k));
            if (c !== 0) return c * (toNumber(dir) < 0 ? -1 : 1);
          }
          return 0;
        });
      } else list.sort((a, b) => compareValues(a, b) * (toNumber(spec.sortBy) < 0 ? -1 : 1));
      return list;
    }
    case "$sum":
    case "$avg":
    case "$min":
    case "$max": {
      const vals = Array.isArray(arg) && arg.length > 1 ? args(arg, doc, vars) : (() => {
        const v = args(arg, doc, vars)[0];
        return Array.isArray(v) ? v : [v];
      })();
      if (op === "$sum") return numberLike(sumOf(vals), vals.filter((v) => isNumberType(typeOf(v))));
      const nums = vals.filter((v) => !isNullish(v));
      if (op === "$avg") {
        const n = nums.filter((v) => isNumberType(typeOf(v)));
        return n.length ? sumOf(n) / n.length : null;
      }
      if (nums.length === 0) return null;
      return nums.reduce((m, v) => (compareValues(v, m) * (op === "$min" ? -1 : 1) > 0 ? v : m));
    }
    // objects
    case "$mergeObjects": {
      const vals = args(arg, doc, vars);
      const out: Doc = {};
      for (const v of vals) {
        if (isNullish(v)) continue;
        if (!isPlainObject(v)) fail(40400, `$mergeObjects requires object inputs, but input is of type ${typeOf(v)}`);
        Object.assign(out, v);
      }
      return out;
    }
    case "$getField": {
      const spec = isPlainObject(arg) ? (arg as { field: unknown; input?: unknown }) : { field: arg };
      const field = String(ev(spec.field));
      const input = spec.input === undefined ? (vars.ROOT ?? doc) : ev(spec.input);
      return isPlainObject(input) ? input[field] : undefined;
    }
    case "$objectToArray": {
      const [v] = args(arg, doc, vars);
      if (isNullish(v)) return null;
      if (!isPlainObject(v)) fail(40390, "$objectToArray requires a document input");
      return Object.entries(v as Doc).map(([k, val]) => ({ k, v: val }));
    }
    case "$arrayToObject": {
      const [v] = args(arg, doc, vars);
      if (isNullish(v)) return null;
      const out: Doc = {};
      for (const el of arr(v, op)) {
        if (Array.isArray(el)) out[String(el[0])] = el[1];
        else if (isPlainObject(el)) out[String(el.k)] = el.v;
      }
      return out;
    }
    case "$let": {
      const spec = arg as { vars: Doc; in: unknown };
      const scope: Vars = { ...vars };
      for (const [k, e] of Object.entries(spec.vars ?? {})) scope[k] = ev(e);
      return evaluate(spec.in, doc, scope);
    }
    // dates
    case "$year":
    case "$month":
    case "$dayOfMonth":
    case "$hour":
    case "$minute":
    case "$second":
    case "$millisecond":
    case "$dayOfWeek":
    case "$dayOfYear": {
      const spec = isPlainObject(arg) && "date" in (arg as Doc) ? (arg as { date: unknown; timezone?: unknown }) : { date: arg };
      const v = Array.isArray(spec.date) ? ev(spec.date[0]) : ev(spec.date);
      if (isNullish(v)) return null;
      const p = dateParts(dateOf(v, op), "timezone" in spec ? ev(spec.timezone) : undefined);
      const key = op === "$dayOfMonth" ? "day" : (op.slice(1) as keyof typeof p);
      return p[key];
    }
    case "$dateToString": {
      const spec = arg as { date: unknown; format?: unknown; timezone?: unknown; onNull?: unknown };
      const v = ev(spec.date);
      if (isNullish(v)) return "onNull" in spec ? ev(spec.onNull) : null;
      const fmt = spec.format === undefined ? "%Y-%m-%dT%H:%M:%S.%LZ" : String(ev(spec.format));
      return formatDate(dateOf(v, op), fmt, spec.timezone === undefined ? undefined : ev(spec.timezone));
    }
    case "$dateFromString": {
      const spec = arg as { dateString: unknown; onError?: unknown; onNull?: unknown };
      const v = ev(spec.dateString);
      if (isNullish(v)) return "onNull" in spec ? ev(spec.onNull) : null;
      const d = new Date(String(v));
      if (Number.isNaN(d.getTime())) {
        if ("onError" in spec) return ev(spec.onError);
        fail(241, `Error parsing date string '${String(v)}'`);
      }
      return d;
    }
    case "$dateAdd":
    case "$dateSubtract": {
      const spec = arg as { startDate: unknown; unit: unknown; amount: unknown; timezone?: unknown };
      const start = ev(spec.startDate);
      const amount = ev(spec.amount);
      if (isNullish(start) || isNullish(amount)) return null;
      const sign = op === "$dateAdd" ? 1 : -1;
      return addUnits(dateOf(start, op), String(ev(spec.unit)), sign * num(amount, op), ev(spec.timezone));
    }
    case "$dateDiff": {
      const spec = arg as { startDate: unknown; endDate: unknown; unit: unknown; timezone?: unknown };
      const a = ev(spec.startDate);
      const b = ev(spec.endDate);
      if (isNullish(a) || isNullish(b)) return null;
      const unit = String(ev(spec.unit));
      const tz = ev(spec.timezone);
      const s = dateOf(a, op);
      const e = dateOf(b, op);
      if (unit in UNIT_MS) {
        const floor = (d: Date) => Math.floor((d.getTime() + tzOffsetMs(d, tz)) / UNIT_MS[unit]);
        return floor(e) - floor(s);
      }
      const ps = dateParts(s, tz);
      const pe = dateParts(e, tz);
      const months = (pe.year - ps.year) * 12 + (pe.month - ps.month);
      if (unit === "month") return months;
      if (unit === "quarter") return Math.floor((pe.month - 1) / 3) - Math.floor((ps.month - 1) / 3) + (pe.year - ps.year) * 4;
      if (unit === "year") return pe.year - ps.year;
      return fail(ErrorCodes.BadValue, `unknown time unit value: ${unit}`);
    }
    case "$dateTrunc": {
      const spec = arg as { date: unknown; unit: unknown; binSize?: unknown; timezone?: unknown };
      const v = ev(spec.date);
      if (isNullish(v)) return null;
      const d = dateOf(v, op);
      const unit = String(ev(spec.unit));
      const tz = ev(spec.timezone);
      const off = tzOffsetMs(d, tz);
      const local = new Date(d.getTime() + off);
      let t: number;
      if (unit in UNIT_MS && unit !== "week") t = Math.floor(local.getTime() / UNIT_MS[unit]) * UNIT_MS[unit];
      else if (unit === "week") {
        const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
        t = day - local.getUTCDay() * 86_400_000;
      } else if (unit === "month") t = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
      else if (unit === "quarter") t = Date.UTC(local.getUTCFullYear(), Math.floor(local.getUTCMonth() / 3) * 3, 1);
      else if (unit === "year") t = Date.UTC(local.getUTCFullYear(), 0, 1);
      else return fail(ErrorCodes.BadValue, `unknown time unit value: ${unit}`);
      return new Date(t - off);
    }
    case "$function":
    case "$accumulator":
      return fail(31264, `${op} is not allowed: server-side JavaScript is disabled on this server`);
    default:
      return fail(ErrorCodes.InvalidPipelineOperator, `Unrecognized expression '${op}'`);
  }
}
