import { isPlainObject, type Doc, type Value } from "./types";

export function isArrayIndex(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key);
}

/**
 * Every value a query path reaches, following MongoDB's implicit traversal of arrays of documents
 * (`a.b` reads `b` from each element of array `a`) and explicit numeric indexes (`a.0`).
 * A branch that does not reach a value contributes `undefined` (missing).
 */
export function valuesAtPath(doc: Value, path: string): Value[] {
  // Fast path: a top-level field of a document (the common index and filter case).
  if (path.indexOf(".") < 0 && isPlainObject(doc)) return [doc[path]];
  const out: Value[] = [];
  collect(doc, splitPath(path), 0, out);
  return out;
}

const SPLIT_CACHE = new Map<string, string[]>();

/** `path.split(".")`, memoised: the same few paths are split for every document of a scan. */
export function splitPath(path: string): string[] {
  let parts = SPLIT_CACHE.get(path);
  if (!parts) {
    parts = path.split(".");
    if (SPLIT_CACHE.size > 10_000) SPLIT_CACHE.clear();
    SPLIT_CACHE.set(path, parts);
  }
  return parts;
}

function collect(value: Value, parts: string[], i: number, out: Value[]): void {
  if (i === parts.length) {
    out.push(value);
    return;
  }
  const key = parts[i];
  if (Array.isArray(value)) {
    let reached = false;
    if (isArrayIndex(key)) {
      const idx = Number(key);
      if (idx < value.length) {
        collect(value[idx], parts, i + 1, out);
        reached = true;
      }
    }
    for (const el of value) {
      if (isPlainObject(el)) {
        collect(el, parts, i, out);
        reached = true;
      }
    }
    if (!reached) out.push(undefined);
    return;
  }
  if (isPlainObject(value)) {
    collect(value[key], parts, i + 1, out);
    return;
  }
  out.push(undefined);
}

/**
 * The value of a path for projections, sorts and expressions: through arrays it yields the array
 * of each element's value (as `$a.b` does in aggregation).
 */
export function getPath(doc: Value, path: string): Value {
  if (path.indexOf(".") < 0) return isPlainObject(doc) ? doc[path] : Array.isArray(doc) ? getParts(doc, [path], 0) : undefined;
  return getParts(doc, splitPath(path), 0);
}

function getParts(value: Value, parts: string[], i: number): Value {
  if (i === parts.length) return value;
  if (Array.isArray(value)) {
    const out: Value[] = [];
    for (const el of value) {
      if (isPlainObject(el) || Array.isArray(el)) {
        const v = getParts(el, parts, i);
        if (v !== undefined) out.push(v);
      }
    }
    return out;
  }
  if (isPlainObject(value)) return getParts(value[parts[i]], parts, i + 1);
  return undefined;
}

/** A plain dotted-path read without array traversal (numeric parts index arrays). */
export function getStrict(doc: Value, path: string): Value {
  let cur: Value = doc;
  for (const part of path.split(".")) {
    if (Array.isArray(cur) && isArrayIndex(part)) cur = cur[Number(part)];
    else if (isPlainObject(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

/** Sets a dotted path on a plain document, creating intermediate documents (projection output). */
export function setPathCreate(doc: Doc, path: string, value: Value): void {
  const parts = path.split(".");
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    if (!isPlainObject(next)) cur[parts[i]] = {};
    cur = cur[parts[i]] as Doc;
  }
  cur[parts[parts.length - 1]] = value;
}
