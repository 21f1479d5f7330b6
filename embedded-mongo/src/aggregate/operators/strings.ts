import { Int32 } from "bson";
import { compileRegex, isNumberType, isPlainObject, regexOf, stringValue, toNumber, typeOf, type Doc, type Value } from "../../bson/types";
import { fail } from "../../errors";
import { arity, isNullish, num, str, type OpContext, type Operator } from "./context";

/** Characters $trim removes by default (mongod's list: NUL, ASCII and Unicode white space). */
const TRIM_DEFAULT = new Set(["\0", " ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]);

function requireString(v: Value, op: string, code: number): string {
  const t = typeOf(v === undefined ? undefined : v);
  if (t !== "string" && t !== "symbol") fail(code, `${op} requires a string argument, found: ${t}`);
  return stringValue(v);
}

function trim(arg: unknown, c: OpContext): Value {
  if (!isPlainObject(arg) || !("input" in arg)) return fail(50696, `${c.op} requires an 'input' field`);
  const input = c.ev(arg.input);
  if (isNullish(input)) return null;
  const s = requireString(input, c.op, 50699);
  let set = TRIM_DEFAULT;
  if (arg.chars !== undefined) {
    const chars = c.ev(arg.chars);
    if (isNullish(chars)) return null;
    set = new Set([...requireString(chars, c.op, 50700)]);
  }
  const cps = [...s];
  let start = 0;
  let end = cps.length;
  if (c.op !== "$rtrim") while (start < end && set.has(cps[start])) start++;
  if (c.op !== "$ltrim") while (end > start && set.has(cps[end - 1])) end--;
  return cps.slice(start, end).join("");
}

/** UTF-16 index → code point index (for $regexFind's idx and $indexOfCP). */
function codePointIndex(s: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) i++;
    n++;
  }
  return n;
}

function regexArgs(arg: unknown, c: OpContext): { input: string | null; re: RegExp } {
  if (!isPlainObject(arg)) return fail(51103, `${c.op} expects an object of named arguments but found: ${typeOf(arg)}`);
  for (const k of Object.keys(arg)) if (!["input", "regex", "options"].includes(k)) fail(31024, `${c.op} found an unknown argument: ${k}`);
  const input = c.ev(arg.input);
  const reV = c.ev(arg.regex);
  const optV = arg.options === undefined ? undefined : c.ev(arg.options);
  if (!isNullish(input) && typeOf(input) !== "string") fail(51104, `${c.op} needs 'input' to be of type string`);
  let re: RegExp | null = null;
  if (typeOf(reV) === "regex") {
    if (optV !== undefined && !isNullish(optV) && (reV as { options?: string }).options) fail(51075, `${c.op}: regex option(s) specified in both 'regex' and 'option' fields`);
    re = isNullish(optV) || optV === undefined ? regexOf(reV) : compileRegex(reV instanceof RegExp ? reV.source : String((reV as { pattern: string }).pattern), String(optV));
  } else if (typeof reV === "string") {
    if (optV !== undefined && !isNullish(optV) && typeof optV !== "string") fail(51106, `${c.op} needs 'options' to be of type string`);
    re = compileRegex(reV, isNullish(optV) || optV === undefined ? "" : String(optV));
  } else if (!isNullish(reV)) fail(51105, `${c.op} needs 'regex' to be of type string or regex`);
  return { input: isNullish(input) || re === null ? null : (input as string), re: re ?? /(?!)/ };
}

function matchDoc(s: string, m: RegExpExecArray): Doc {
  return { match: m[0], idx: new Int32(codePointIndex(s, m.index)), captures: m.slice(1).map((x) => (x === undefined ? null : x)) };
}

function substrBytes(arg: unknown, c: OpContext): Value {
  const vals = c.args(arg);
  arity(vals, c.op, 3);
  const [s, startV, lenV] = vals;
  const text = isNullish(s) ? "" : isNumberType(typeOf(s)) ? String(toNumber(s)) : str(s, c.op);
  const bytes = Buffer.from(text, "utf8");
  const start = Math.max(0, Math.trunc(num(startV, c.op)));
  const len = num(lenV, c.op);
  if (start > bytes.length) return "";
  const end = len < 0 ? bytes.length : Math.min(bytes.length, start + Math.trunc(len));
  const cont = (i: number) => i < bytes.length && (bytes[i] & 0xc0) === 0x80;
  if (cont(start)) fail(28656, `${c.op}:  Invalid range, starting index is a UTF-8 continuation byte.`);
  if (cont(end)) fail(28657, `${c.op}:  Invalid range, ending index is in the middle of a UTF-8 character.`);
  return bytes.subarray(start, end).toString("utf8");
}

/** String operators (code point semantics for *CP, UTF-8 bytes for *Bytes, as in mongod). */
export const STRINGS: Record<string, Operator> = {
  $concat(arg, c) {
    const vals = c.args(arg);
    if (vals.some(isNullish)) return null;
    return vals
      .map((v) => {
        if (typeOf(v) !== "string") fail(16702, `$concat only supports strings, not ${typeOf(v)}`);
        return v as string;
      })
      .join("");
  },
  $toLower: (arg, c) => caseChange(arg, c, (s) => s.toLowerCase()),
  $toUpper: (arg, c) => caseChange(arg, c, (s) => s.toUpperCase()),
  $trim: trim,
  $ltrim: trim,
  $rtrim: trim,
  $substr: substrBytes,
  $substrBytes: substrBytes,
  $substrCP(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$substrCP", 3);
    const [s, startV, lenV] = vals;
    const text = isNullish(s) ? "" : isNumberType(typeOf(s)) ? String(toNumber(s)) : str(s, "$substrCP");
    const start = num(startV, "$substrCP");
    const len = num(lenV, "$substrCP");
    if (start < 0 || !Number.isInteger(start)) fail(34455, "$substrCP: starting index must be non-negative integer");
    if (len < 0 || !Number.isInteger(len)) fail(34456, "$substrCP: length must be a nonnegative integer");
    return [...text].slice(start, start + len).join("");
  },
  $strLenCP(arg, c) {
    const [s] = c.args(arg);
    return new Int32([...requireString(s, "$strLenCP", 34471)].length);
  },
  $strLenBytes(arg, c) {
    const [s] = c.args(arg);
    return new Int32(Buffer.byteLength(requireString(s, "$strLenBytes", 34473)));
  },
  $split(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$split", 2);
    const [s, d] = vals;
    if (isNullish(s)) return null;
    if (typeOf(s) !== "string") fail(40085, `$split requires an expression that evaluates to a string as a first argument, found: ${typeOf(s)}`);
    if (typeOf(d) !== "string") fail(40086, `$split requires an expression that evaluates to a string as a second argument, found: ${typeOf(d)}`);
    if (d === "") fail(40087, "$split requires a non-empty separator");
    return (s as string).split(d as string);
  },
  $indexOfCP(arg, c) {
    return indexOf(arg, c, (s) => [...s]);
  },
  $indexOfBytes(arg, c) {
    return indexOf(arg, c, (s) => [...Buffer.from(s, "utf8")].map(String));
  },
  $strcasecmp(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$strcasecmp", 2);
    const [a, b] = vals.map((v) => (isNullish(v) ? "" : isNumberType(typeOf(v)) ? String(toNumber(v)) : str(v, "$strcasecmp").toUpperCase()));
    return a < b ? -1 : a > b ? 1 : 0;
  },
  $regexMatch(arg, c) {
    const { input, re } = regexArgs(arg, c);
    return input === null ? false : re.test(input);
  },
  $regexFind(arg, c) {
    const { input, re } = regexArgs(arg, c);
    if (input === null) return null;
    const m = re.exec(input);
    return m ? matchDoc(input, m) : null;
  },
  $regexFindAll(arg, c) {
    const { input, re } = regexArgs(arg, c);
    if (input === null) return [];
    const global = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
    const out: Doc[] = [];
    for (let m = global.exec(input); m; m = global.exec(input)) {
      out.push(matchDoc(input, m));
      if (m[0] === "") global.lastIndex++;
    }
    return out;
  },
  $replaceOne: (arg, c) => replace(arg, c, false),
  $replaceAll: (arg, c) => replace(arg, c, true),
};

function caseChange(arg: unknown, c: OpContext, fn: (s: string) => string): Value {
  const vals = c.args(arg);
  arity(vals, c.op, 1);
  const [a] = vals;
  if (isNullish(a)) return "";
  const t = typeOf(a);
  if (t === "string" || t === "symbol") return fn(stringValue(a));
  if (isNumberType(t)) return String(toNumber(a));
  if (t === "date") return (a as Date).toISOString();
  return fail(16007, `can't convert from BSON type ${t} to String`);
}

function indexOf(arg: unknown, c: OpContext, units: (s: string) => string[]): Value {
  const vals = c.args(arg);
  arity(vals, c.op, 2, 4);
  const [s, sub, startV, endV] = vals;
  if (isNullish(s)) return null;
  if (typeOf(s) !== "string") fail(40091, `${c.op} requires a string as the first argument, found: ${typeOf(s)}`);
  if (typeOf(sub) !== "string") fail(40092, `${c.op} requires a string as the second argument, found: ${typeOf(sub)}`);
  const hay = units(s as string);
  const needle = units(sub as string);
  const start = startV === undefined ? 0 : num(startV, c.op);
  const end = endV === undefined ? hay.length : Math.min(hay.length, num(endV, c.op));
  if (start < 0 || !Number.isInteger(start)) fail(40097, `${c.op} requires a nonnegative integral starting index`);
  for (let i = start; i + needle.length <= end; i++) {
    let ok = true;
    for (let j = 0; j < needle.length && ok; j++) ok = hay[i + j] === needle[j];
    if (ok) return new Int32(i);
  }
  return new Int32(-1);
}

function replace(arg: unknown, c: OpContext, all: boolean): Value {
  if (!isPlainObject(arg)) return fail(51751, `${c.op} requires an object as an argument`);
  for (const k of ["input", "find", "replacement"]) if (!(k in arg)) fail(51749, `${c.op} requires '${k}' to be specified`);
  const [input, find, repl] = [c.ev(arg.input), c.ev(arg.find), c.ev(arg.replacement)];
  for (const [name, v] of [["input", input], ["find", find], ["replacement", repl]] as const) {
    if (!isNullish(v) && typeOf(v) !== "string") fail(51746, `${c.op} requires that '${name}' be a string, found: ${typeOf(v)}`);
  }
  if (isNullish(input) || isNullish(find) || isNullish(repl)) return null;
  const s = input as string;
  return all ? s.split(find as string).join(repl as string) : s.replace(find as string, () => repl as string);
}

