import { isPlainObject, type Doc, type Value } from "./types";

/**
 * Deep copy of plain documents and arrays. BSON value objects (ObjectId, Long, Binary, …) are
 * immutable in this server and are shared; Dates are copied because JS Dates are mutable.
 */
export function cloneValue<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x !== undefined) out[k] = cloneValue(x);
    }
    return out as T;
  }
  return v;
}

export function cloneDoc(d: Doc): Doc {
  return cloneValue(d);
}
