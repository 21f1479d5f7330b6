import { serialize } from "bson";
import type { Collation } from "../bson/compare";
import { isPlainObject, toNumber, typeOf, type Doc } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { MAX_BSON_SIZE } from "../wire/protocol";

/** The collection name of a command (`{ find: "users" }`), validated. */
export function collectionArg(cmd: Doc, name: string): string {
  const v = cmd[name];
  if (typeof v !== "string") {
    fail(ErrorCodes.InvalidNamespace, `collection name has invalid type ${typeOf(v)}`);
  }
  if (v === "") fail(ErrorCodes.InvalidNamespace, `Invalid namespace specified '.'`);
  return v as string;
}

export function optionalDoc(cmd: Doc, field: string, command: string): Doc | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) fail(ErrorCodes.TypeMismatch, `BSON field '${command}.${field}' is the wrong type '${typeOf(v)}', expected type 'object'`);
  return v as Doc;
}

export function optionalNumber(cmd: Doc, field: string, command: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  if (Number.isNaN(n)) fail(ErrorCodes.TypeMismatch, `BSON field '${command}.${field}' is the wrong type '${typeOf(v)}', expected types '[long, int, decimal, double]'`);
  return n;
}

export function optionalBool(cmd: Doc, field: string, command: string): boolean | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (typeOf(v) === "int" || typeOf(v) === "double" || typeOf(v) === "long") return toNumber(v) !== 0;
  return fail(ErrorCodes.TypeMismatch, `BSON field '${command}.${field}' is the wrong type '${typeOf(v)}', expected types '[bool, long, int, decimal, double]'`);
}

/** A collation argument; `simple` means binary comparison. Only strength 1–3 semantics are honoured. */
export function collationArg(v: unknown): Collation | null {
  if (v === undefined || v === null) return null;
  if (!isPlainObject(v)) return fail(ErrorCodes.TypeMismatch, "collation must be an object");
  if (typeof v.locale !== "string") return fail(ErrorCodes.BadValue, "Missing expected field \"locale\"");
  if (v.locale === "simple") return null;
  const strength = v.strength === undefined ? 3 : toNumber(v.strength);
  if (![1, 2, 3, 4, 5].includes(strength)) fail(ErrorCodes.BadValue, `strength must be between 1 and 5, found ${strength}`);
  for (const k of Object.keys(v)) {
    if (!["locale", "strength", "caseLevel", "caseFirst", "numericOrdering", "alternate", "maxVariable", "normalization", "backwards", "version"].includes(k)) {
      fail(ErrorCodes.BadValue, `unknown collation field: ${k}`);
    }
  }
  if (v.numericOrdering === true) fail(ErrorCodes.NotImplemented, "collation numericOrdering is not supported by the embedded server");
  return { locale: v.locale, strength };
}

export function checkDocumentSize(doc: Doc): void {
  const size = serialize(doc).length;
  if (size > MAX_BSON_SIZE) fail(ErrorCodes.BSONObjectTooLarge, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_SIZE}`);
}

/** Top-level field names of stored documents may not start with `$`. */
export function checkStorableFieldNames(doc: Doc): void {
  for (const k of Object.keys(doc)) {
    if (k.startsWith("$")) fail(ErrorCodes.DollarPrefixedFieldName, `Document can't have $ prefixed field names: ${k}`);
  }
  if (Array.isArray(doc._id)) fail(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type array");
  if (typeOf(doc._id) === "regex") fail(ErrorCodes.InvalidIdField, "can't use a regex for _id");
  if (typeOf(doc._id) === "undefined") fail(ErrorCodes.InvalidIdField, "can't use a undefined for _id");
}
