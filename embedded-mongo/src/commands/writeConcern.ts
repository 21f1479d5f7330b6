import { isNumberType, isPlainObject, toNumber, typeOf, type Doc } from "../bson/types";
import { ErrorCodes, fail } from "../errors";

/**
 * Checks a command's `writeConcern` as mongod does before running it (malformed values fail the
 * command) and returns the `writeConcernError` a single-node deployment reports after the write
 * when the concern cannot be satisfied (more acknowledging members than exist, unknown tag sets).
 * @param cmd the command document.
 * @param replicaSet whether the server runs as a (single-member) replica set.
 * @returns the error document to attach to an otherwise successful reply, or null.
 */
export function checkWriteConcern(cmd: Doc, replicaSet: boolean): Doc | null {
  const wc = cmd.writeConcern;
  if (wc === undefined || wc === null) return null;
  if (!isPlainObject(wc)) return fail(ErrorCodes.TypeMismatch, `BSON field 'writeConcern' is the wrong type '${typeOf(wc)}', expected type 'object'`);
  for (const k of Object.keys(wc)) {
    if (!["w", "j", "wtimeout", "wtimeoutMS", "fsync", "provenance", "getLastError"].includes(k)) fail(40415, `BSON field 'writeConcern.${k}' is an unknown field.`);
  }
  const w = wc.w;
  if (w === undefined) return null;
  if (isNumberType(typeOf(w))) {
    const n = toNumber(w);
    if (!Number.isInteger(n) || n < 0 || n > 50) fail(ErrorCodes.FailedToParse, `w has to be a non-negative number and not greater than 50; found: ${n}`);
    if (n <= 1) return null;
    if (!replicaSet) fail(ErrorCodes.BadValue, "cannot use 'w' > 1 on a standalone");
    return { code: 100, codeName: "UnsatisfiableWriteConcern", errmsg: "Not enough data-bearing nodes", errInfo: { writeConcern: wc } };
  }
  if (typeof w === "string") {
    if (w === "majority") return null;
    if (!replicaSet) return null;
    return { code: 79, codeName: "UnknownReplWriteConcern", errmsg: `No write concern mode named '${w}' found in replica set configuration`, errInfo: { writeConcern: wc } };
  }
  if (isPlainObject(w)) return fail(ErrorCodes.NotImplemented, "write concern tag sets are not supported by the embedded server");
  return fail(ErrorCodes.FailedToParse, "w has to be a number, a string or an object");
}
