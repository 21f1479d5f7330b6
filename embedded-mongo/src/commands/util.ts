import { calculateObjectSize } from "bson";
import { parseCollation, type Collation } from "../bson/collation";
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

/** A collation argument; `simple` (or none) means binary comparison. */
export function collationArg(v: unknown): Collation | null {
  return parseCollation(v);
}

export function checkDocumentSize(doc: Doc): void {
  const size = calculateObjectSize(doc);
  if (size > MAX_BSON_SIZE) fail(ErrorCodes.BSONObjectTooLarge, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_SIZE}`);
}

/**
 * Checks a document about to be inserted. Since MongoDB 5.0, `$`-prefixed and dotted field names
 * are allowed in inserted documents (top level and nested); only `_id` has restrictions.
 */
export function checkStorableFieldNames(doc: Doc): void {
  if (Array.isArray(doc._id)) fail(ErrorCodes.InvalidIdField, "The '_id' value cannot be of type array");
  if (typeOf(doc._id) === "regex") fail(ErrorCodes.InvalidIdField, "can't use a regex for _id");
  if (typeOf(doc._id) === "undefined") fail(ErrorCodes.InvalidIdField, "can't use a undefined for _id");
}
