import { calculateObjectSize, Int32 } from "bson";
import { isPlainObject, typeOf, type Doc, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { arity, isNullish, REMOVE, type Operator, type Vars } from "./context";

/** Object, variable and size operators. */
export const OBJECTS: Record<string, Operator> = {
  $literal: (arg) => arg,
  $mergeObjects(arg, c) {
    const out: Doc = {};
    for (const v of c.args(arg)) {
      if (isNullish(v)) continue;
      if (!isPlainObject(v)) fail(40400, `$mergeObjects requires object inputs, but input is of type ${typeOf(v)}`);
      Object.assign(out, v);
    }
    return out;
  },
  $getField(arg, c) {
    const spec = isPlainObject(arg) && "field" in arg ? arg : { field: arg };
    for (const k of Object.keys(spec)) if (k !== "field" && k !== "input") fail(3041401, `$getField found an unknown argument: ${k}`);
    const field = c.ev(spec.field);
    if (typeof field !== "string") return fail(5654602, "$getField requires 'field' to evaluate to type String");
    const input = spec.input === undefined ? c.doc : c.ev(spec.input);
    if (isNullish(input)) return null;
    return isPlainObject(input) ? input[field] : undefined;
  },
  $setField(arg, c) {
    if (!isPlainObject(arg)) return fail(4161100, "$setField only supports an object as its argument");
    for (const k of ["field", "input", "value"]) if (!(k in arg)) fail(4161102, `$setField requires '${k}' to be specified`);
    const field = c.ev(arg.field);
    if (typeof field !== "string") return fail(4161106, "$setField requires 'field' to evaluate to type String");
    const input = c.ev(arg.input);
    if (isNullish(input)) return null;
    if (!isPlainObject(input)) return fail(4161105, `$setField requires 'input' to evaluate to type Object`);
    const value = c.ev(arg.value);
    const out = { ...input };
    if (value === REMOVE) delete out[field];
    else out[field] = value;
    return out;
  },
  $unsetField(arg, c) {
    if (!isPlainObject(arg)) return fail(4161100, "$unsetField only supports an object as its argument");
    const field = c.ev(arg.field);
    if (typeof field !== "string") return fail(4161106, "$unsetField requires 'field' to evaluate to type String");
    const input = c.ev(arg.input);
    if (isNullish(input)) return null;
    if (!isPlainObject(input)) return fail(4161105, `$unsetField requires 'input' to evaluate to type Object`);
    const out = { ...input };
    delete out[field];
    return out;
  },
  $objectToArray(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$objectToArray", 1);
    const [v] = vals;
    if (isNullish(v)) return null;
    if (!isPlainObject(v)) fail(40390, `$objectToArray requires a document input, found: ${typeOf(v)}`);
    return Object.entries(v as Doc)
      .filter(([, val]) => val !== undefined)
      .map(([k, val]) => ({ k, v: val }));
  },
  $arrayToObject(arg, c) {
    const vals = c.args(arg);
    arity(vals, "$arrayToObject", 1);
    const [v] = vals;
    if (isNullish(v)) return null;
    if (!Array.isArray(v)) fail(40386, `$arrayToObject requires an array input, found: ${typeOf(v)}`);
    const out: Doc = {};
    for (const el of v as Value[]) {
      if (Array.isArray(el)) {
        if (el.length !== 2) fail(40397, `$arrayToObject requires an array of size 2 arrays,found array of size: ${el.length}`);
        if (typeof el[0] !== "string") fail(40395, `$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: ${typeOf(el[0])}`);
        out[el[0]] = el[1];
      } else if (isPlainObject(el)) {
        if (Object.keys(el).length !== 2 || !("k" in el) || !("v" in el)) fail(40392, "$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys");
        if (typeof el.k !== "string") fail(40394, `$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k' must be of type string. Found type: ${typeOf(el.k)}`);
        out[el.k as string] = el.v;
      } else fail(40398, `Unrecognised input type format for $arrayToObject: ${typeOf(el)}`);
    }
    return out;
  },
  $let(arg, c) {
    if (!isPlainObject(arg) || !isPlainObject(arg.vars) || !("in" in arg)) return fail(16711, "$let requires 'vars' (an object) and 'in'");
    const scope: Vars = { ...c.vars };
    for (const [k, e] of Object.entries(arg.vars)) {
      if (!/^[a-z_\u0080-\uffff][\w\u0080-\uffff]*$/.test(k)) fail(ErrorCodes.FailedToParse, `'${k}' starts with an invalid character for a user variable name`);
      scope[k] = c.ev(e);
    }
    return c.evWith(arg.in, scope);
  },
  $bsonSize(arg, c) {
    const [v] = c.args(arg);
    if (isNullish(v)) return null;
    if (!isPlainObject(v)) fail(31393, `$bsonSize requires a document input, found: ${typeOf(v)}`);
    return new Int32(calculateObjectSize(v as Doc));
  },
  $binarySize(arg, c) {
    const [v] = c.args(arg);
    if (isNullish(v)) return null;
    if (typeof v === "string") return new Int32(Buffer.byteLength(v));
    if (typeOf(v) === "binData") return new Int32((v as { length(): number }).length());
    return fail(51276, `$binarySize requires a string or BinData argument, found: ${typeOf(v)}`);
  },
  $toHashedIndexKey: () => fail(ErrorCodes.NotImplemented, "$toHashedIndexKey is not supported by the embedded server"),
  $meta: () => fail(ErrorCodes.NotImplemented, "$meta is not supported by the embedded server (no text or search indexes)"),
};

