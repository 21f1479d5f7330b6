import { hashKey, type Collation } from "../bson/compare";
import { isPlainObject, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, MongoError } from "../errors";
import { Index, normaliseIndexSpec, type IndexDefinition } from "./indexSpec";

export interface Plan {
  /** Candidate document keys, or null for a full collection scan. */
  keys: Iterable<string> | null;
  stage: "IDHACK" | "IXSCAN" | "COLLSCAN";
  indexName?: string;
}

/** Renders a key value the way MongoDB's duplicate-key messages do. */
function renderValue(v: Value): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || v === undefined) return "null";
  const t = typeOf(v);
  if (t === "objectId") return `ObjectId('${String(v)}')`;
  if (t === "date") return `new Date(${(v as Date).getTime()})`;
  if (isPlainObject(v)) return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${renderValue(x)}`).join(", ")} }`;
  if (Array.isArray(v)) return `[ ${v.map(renderValue).join(", ")} ]`;
  return String(v);
}

function sameCollation(a: Collation | null | undefined, b: Collation | null | undefined): boolean {
  if (!a || a.locale === "simple") return !b || b.locale === "simple";
  return !!b && a.locale === b.locale && a.strength === b.strength;
}

/** One collection: documents by `_id` key, in insertion order, plus its indexes. */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, Index>();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    this.indexes.set("_id_", new Index({ v: 2, key: { _id: 1 }, name: "_id_", unique: true }));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** The collection's default collation, when created with one. */
  get collation(): Collation | null {
    const c = this.options.collation as Doc | undefined;
    if (!c || c.locale === "simple") return null;
    return { locale: String(c.locale), strength: c.strength === undefined ? 3 : Number(c.strength) };
  }

  static keyOf(id: Value): string {
    return hashKey(id);
  }

  get(key: string): Doc | undefined {
    return this.docs.get(key);
  }

  /**
   * Throws E11000 when the document would duplicate a unique key held by another document.
   * @param doc the document as it would be stored.
   * @param self its own key (updates) or null (inserts).
   * @param ignore holders to disregard (documents a transaction has changed or removed).
   */
  checkUnique(doc: Doc, self: string | null, ignore?: (holder: string) => boolean): void {
    for (const index of this.indexes.values()) {
      const hit = index.conflict(doc, self);
      if (hit && !(ignore && ignore(hit.holder))) throw this.duplicateKeyError(index, doc);
    }
  }

  duplicateKeyError(index: Index, doc: Doc): MongoError {
    const { keyPattern, keyValue } = index.describeKey(doc);
    const rendered = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${renderValue(v)}`)
      .join(", ");
    return new MongoError(
      ErrorCodes.DuplicateKey,
      `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: { ${rendered} }`,
      { keyPattern, keyValue },
    );
  }

  /** Stores a document (insert or replace) and files it in every index. Constraints are checked by the caller. */
  put(key: string, doc: Doc): void {
    if (this.docs.has(key)) for (const index of this.indexes.values()) index.remove(key);
    this.docs.set(key, doc);
    for (const index of this.indexes.values()) index.add(key, doc);
  }

  delete(key: string): boolean {
    if (!this.docs.has(key)) return false;
    for (const index of this.indexes.values()) index.remove(key);
    this.docs.delete(key);
    return true;
  }

  /** Builds a new index over the existing documents; fails without side effects on duplicates. */
  createIndex(spec: Doc): IndexDefinition {
    const def = normaliseIndexSpec(spec);
    const index = new Index(def);
    for (const [key, doc] of this.docs) {
      const hit = index.conflict(doc, key);
      if (hit) {
        const err = this.duplicateKeyError(index, doc);
        index.clear();
        throw err;
      }
      index.add(key, doc);
    }
    this.indexes.set(def.name, index);
    return def;
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
  }

  /**
   * Chooses how to find candidates for a filter: `_id` lookups, then equality/$in on the first
   * field of a non-partial index with the same collation, else a collection scan.
   */
  plan(filter: Doc, collation: Collation | null): Plan {
    const conds = flattenAnd(filter);
    const idValues = equalityValues(conds.get("_id"));
    if (idValues) {
      return { stage: "IDHACK", indexName: "_id_", keys: idValues.map((v) => hashKey(v)).filter((k) => this.docs.has(k)) };
    }
    let best: { index: Index; values: Value[] } | null = null;
    for (const index of this.indexes.values()) {
      if (index.name === "_id_" || index.def.partialFilterExpression || index.def.hidden) continue;
      if (!sameCollation(index.collation, collation ?? this.collation)) continue;
      const values = equalityValues(conds.get(index.first));
      if (!values) continue;
      if (index.def.sparse && values.some((v) => v === null || v === undefined)) continue;
      if (!best || (index.def.unique && !best.index.def.unique)) best = { index, values };
    }
    if (best) {
      const keys = new Set<string>();
      for (const v of best.values) {
        for (const k of best.index.lookup.get(hashKey(v, best.index.collation)) ?? []) keys.add(k);
      }
      return { stage: "IXSCAN", indexName: best.index.name, keys };
    }
    return { stage: "COLLSCAN", keys: null };
  }
}

function flattenAnd(filter: Doc): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === "$and" && Array.isArray(v)) {
        for (const part of v) if (isPlainObject(part)) visit(part);
      } else if (!k.startsWith("$") && !out.has(k)) out.set(k, v);
    }
  };
  visit(filter);
  return out;
}

/** The literal values an equality-like condition can take, or null if it is not one. */
function equalityValues(cond: unknown): Value[] | null {
  if (cond === undefined) return null;
  const t = typeOf(cond);
  if (t === "regex") return null;
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length === 0 || !keys.some((k) => k.startsWith("$"))) return [cond];
    if (keys.length === 1 && keys[0] === "$eq") {
      const v = cond.$eq;
      return typeOf(v) === "regex" ? null : [v];
    }
    if (keys.length === 1 && keys[0] === "$in" && Array.isArray(cond.$in)) {
      const list = cond.$in as Value[];
      if (list.some((v) => typeOf(v) === "regex" || isPlainObject(v))) return null;
      return list;
    }
    return null;
  }
  return [cond];
}
