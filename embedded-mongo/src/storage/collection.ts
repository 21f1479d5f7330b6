import { parseCollation, sameCollation } from "../bson/collation";
import { hashKey, type Collation } from "../bson/compare";
import { isPlainObject, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, MongoError } from "../errors";
import { Index, normaliseIndexSpec, postingKeys, type IndexDefinition } from "./indexSpec";

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


/** One collection: documents by `_id` key, in insertion order, plus its indexes. */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, Index>();
  /** Every index but `_id_` (which is the document map itself). */
  private secondary: Index[] = [];
  /** Bumped on every document change (lets the TTL monitor skip unchanged collections). */
  version = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    // listIndexes shows the _id index without `unique`, though it is unique (Index knows by name).
    this.indexes.set("_id_", new Index({ v: 2, key: { _id: 1 }, name: "_id_" }));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** The collection's default collation, when created with one. */
  get collation(): Collation | null {
    return this.options.collation ? parseCollation(this.options.collation) : null;
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

  /**
   * While the journal is replayed, documents change many times before anyone reads an index:
   * indexes are then built once at the end (`buildDeferredIndexes`) instead of on every change.
   */
  deferIndexing = false;

  /** Builds the secondary indexes from the documents after a replay with `deferIndexing`. */
  buildDeferredIndexes(): void {
    if (!this.deferIndexing) return;
    this.deferIndexing = false;
    for (const index of this.secondary) {
      index.clear();
      for (const [key, doc] of this.docs) index.add(key, doc);
    }
  }

  /** Stores a document (insert or replace) and files it in every index. Constraints are checked by the caller. */
  put(key: string, doc: Doc): void {
    const before = this.docs.get(key);
    this.docs.set(key, doc);
    this.version++;
    if (this.deferIndexing) return;
    for (const index of this.secondary) {
      if (before) index.replace(key, before, doc);
      else index.add(key, doc);
    }
  }

  delete(key: string): boolean {
    const before = this.docs.get(key);
    if (!before) return false;
    if (!this.deferIndexing) for (const index of this.secondary) index.remove(key, before);
    this.docs.delete(key);
    this.version++;
    return true;
  }

  /** Builds a new index over the existing documents; fails without side effects on duplicates. */
  createIndex(spec: Doc): IndexDefinition {
    const def = normaliseIndexSpec(spec);
    const index = new Index(def);
    if (this.deferIndexing) {
      this.indexes.set(def.name, index);
      this.secondary = [...this.indexes.values()].filter((i) => !i.isId);
      return def;
    }
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
    this.secondary = [...this.indexes.values()].filter((i) => !i.isId);
    return def;
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
    this.secondary = [...this.indexes.values()].filter((i) => !i.isId);
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
      if (index.name === "_id_" || index.def.hidden) continue;
      if (index.def.partialFilterExpression && !partialIndexApplies(index, conds)) continue;
      if (!sameCollation(index.collation, collation ?? this.collation)) continue;
      const values = equalityValues(conds.get(index.first));
      if (!values) continue;
      if (index.def.sparse && values.some((v) => v === null || v === undefined)) continue;
      if (!best || (index.def.unique && !best.index.def.unique)) best = { index, values };
    }
    if (best) {
      const { index, values } = best;
      // One value: hand out the live posting list (callers only read it before writing).
      if (values.length === 1) return { stage: "IXSCAN", indexName: index.name, keys: postingKeys(index.lookup.get(hashKey(values[0], index.collation))) };
      const keys = new Set<string>();
      for (const v of values) for (const k of postingKeys(index.lookup.get(hashKey(v, index.collation)))) keys.add(k);
      return { stage: "IXSCAN", indexName: index.name, keys };
    }
    return { stage: "COLLSCAN", keys: null };
  }
}

/**
 * A partial index may answer a query only when the query pins, by equality, every field its filter
 * mentions and those values satisfy the filter: then every matching document is in the index.
 */
function partialIndexApplies(index: Index, conds: Map<string, unknown>): boolean {
  const partial = index.def.partialFilterExpression as Doc;
  const fields = new Set<string>();
  const collect = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === "$and" && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && collect(x));
      else if (k.startsWith("$")) fields.add("\u0000unsupported");
      else fields.add(k);
    }
  };
  collect(partial);
  const seed: Doc = {};
  for (const f of fields) {
    const values = equalityValues(conds.get(f));
    if (!values || values.length !== 1 || f.includes(".")) return false;
    seed[f] = values[0];
  }
  return index.covers(seed);
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
