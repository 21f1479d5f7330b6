import { parseCollation } from "../bson/collation";
import { hashKey, type Collation } from "../bson/compare";
import { isPlainObject, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, MongoError } from "../errors";
import { Index, normaliseIndexSpec, type IndexDefinition } from "./indexSpec";
import { planQuery, type Plan } from "./planner";

export type { Plan };

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
  /** Every index, `_id_` included (for its ordered part), in creation order. */
  private maintained: Index[] = [];
  /** Bumped on every document change (lets the TTL monitor skip unchanged collections). */
  version = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    // listIndexes shows the _id index without `unique`, though it is unique (Index knows by name).
    this.indexes.set("_id_", new Index({ v: 2, key: { _id: 1 }, name: "_id_" }));
    this.maintained = [...this.indexes.values()];
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
    for (const index of this.maintained) index.build(this.docs);
  }

  /** Stores a document (insert or replace) and files it in every index. Constraints are checked by the caller. */
  put(key: string, doc: Doc): void {
    const before = this.docs.get(key);
    this.docs.set(key, doc);
    this.version++;
    if (this.deferIndexing) return;
    for (const index of this.maintained) {
      if (before) index.replace(key, before, doc);
      else index.add(key, doc);
    }
  }

  delete(key: string): boolean {
    const before = this.docs.get(key);
    if (!before) return false;
    if (!this.deferIndexing) for (const index of this.maintained) index.remove(key, before);
    this.docs.delete(key);
    this.version++;
    return true;
  }

  /** Builds a new index over the existing documents; fails without side effects on duplicates. */
  createIndex(spec: Doc): IndexDefinition {
    const def = normaliseIndexSpec(spec);
    const index = new Index(def);
    if (!this.deferIndexing) {
      const duplicate = index.build(this.docs);
      if (duplicate) throw this.duplicateKeyError(index, duplicate);
    }
    this.indexes.set(def.name, index);
    this.maintained = [...this.indexes.values()];
    return def;
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
    this.maintained = [...this.indexes.values()];
  }

  /** Chooses how to find the candidates of a filter (see `planQuery`). */
  plan(filter: Doc, collation: Collation | null, sort: Doc | null = null, allowOrdered = true): Plan {
    return planQuery(this, filter, collation ?? this.collation, sort, allowOrdered);
  }
}

