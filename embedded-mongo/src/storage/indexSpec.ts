import { collationSpec, parseCollation } from "../bson/collation";
import { compareValues, hashKey, type Collation } from "../bson/compare";
import { SortedEntries } from "./sortedEntries";
import { valuesAtPath } from "../bson/path";
import { isNumberType, isPlainObject, toNumber, typeOf, type Doc, type Value } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { compileFilter, type Predicate } from "../query/matcher";

/** An index as stored in the catalog (the `createIndexes` spec, normalised). */
export interface IndexDefinition {
  name: string;
  key: Doc;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  /** The full collation document, as listIndexes shows it. */
  collation?: Doc;
  [option: string]: unknown;
}

const SUPPORTED_OPTIONS = new Set([
  "name",
  "key",
  "unique",
  "sparse",
  "partialFilterExpression",
  "expireAfterSeconds",
  "collation",
  "background",
  "v",
  "ns",
  "hidden",
]);

/**
 * Checks an index spec and returns it normalised. Text, 2d, 2dsphere, hashed and wildcard indexes
 * are refused (they would need query support this server does not have).
 */
export function normaliseIndexSpec(spec: Doc): IndexDefinition {
  if (!isPlainObject(spec.key) || Object.keys(spec.key).length === 0) fail(ErrorCodes.CannotCreateIndex, "Index keys cannot be empty.");
  if (typeof spec.name !== "string" || spec.name === "") fail(ErrorCodes.CannotCreateIndex, "index name must be a non-empty string");
  for (const k of Object.keys(spec)) {
    if (!SUPPORTED_OPTIONS.has(k)) {
      if (["weights", "default_language", "language_override", "textIndexVersion", "2dsphereIndexVersion", "bits", "min", "max", "wildcardProjection"].includes(k)) {
        fail(ErrorCodes.NotImplemented, `index option '${k}' is not supported by the embedded server`);
      }
      fail(197, `The field '${k}' is not valid for an index specification. Specification: ${JSON.stringify(spec)}`);
    }
  }
  for (const [field, dir] of Object.entries(spec.key as Doc)) {
    if (typeof dir === "string") fail(ErrorCodes.NotImplemented, `index type '${dir}' on '${field}' is not supported by the embedded server`);
    if (!isNumberType(typeOf(dir)) || toNumber(dir) === 0) fail(ErrorCodes.CannotCreateIndex, `Values in the index key pattern can't be all zero: ${field}`);
    if (field.includes("$**")) fail(ErrorCodes.NotImplemented, "wildcard indexes are not supported by the embedded server");
  }
  if (spec.expireAfterSeconds !== undefined) {
    const n = toNumber(spec.expireAfterSeconds);
    if (!isNumberType(typeOf(spec.expireAfterSeconds)) || n < 0) fail(ErrorCodes.CannotCreateIndex, "TTL index 'expireAfterSeconds' option must be a non-negative number");
    if (Object.keys(spec.key as Doc).length !== 1) fail(ErrorCodes.CannotCreateIndex, "TTL indexes are single-field indexes, compound indexes do not support TTL");
  }
  const out: IndexDefinition = { v: 2, key: spec.key as Doc, name: spec.name as string };
  if (spec.unique) out.unique = true;
  if (spec.sparse) out.sparse = true;
  if (spec.partialFilterExpression !== undefined) {
    if (!isPlainObject(spec.partialFilterExpression)) fail(ErrorCodes.CannotCreateIndex, "partialFilterExpression must be an object");
    compileFilter(spec.partialFilterExpression);
    out.partialFilterExpression = spec.partialFilterExpression as Doc;
  }
  if (spec.expireAfterSeconds !== undefined) out.expireAfterSeconds = toNumber(spec.expireAfterSeconds);
  const collation = parseCollation(spec.collation);
  if (collation) out.collation = collationSpec(collation);
  if (spec.hidden) out.hidden = true;
  return out;
}

/** Two specs describe the same index (for the "already exists" / conflict checks). */
export function sameIndexOptions(a: IndexDefinition, b: IndexDefinition): boolean {
  const pick = (d: IndexDefinition) =>
    JSON.stringify([d.key, !!d.unique, !!d.sparse, d.partialFilterExpression ?? null, d.expireAfterSeconds ?? null, d.collation ?? null]);
  return pick(a) === pick(b);
}

/** Document keys filed under one index key: a single key, or a set once there are several. */
export type Postings = string | Set<string>;

/** The document keys a posting list holds (never copied for a single key). */
export function postingKeys(p: Postings | undefined): Iterable<string> {
  if (p === undefined) return [];
  return typeof p === "string" ? [p] : p;
}

/** How many document keys a posting list holds. */
export function postingSize(p: Postings | undefined): number {
  return p === undefined ? 0 : typeof p === "string" ? 1 : p.size;
}

/** An entry of an index's ordered part: the document's key values (missing = null) and its key. */
export interface OrderedEntry {
  key: Value[];
  id: string;
}

/**
 * A live index, in two parts.
 * - A hash map from the first field's value to document keys, for equality and $in lookups, and
 *   for unique indexes a map from the full key to its document.
 * - An ordered list of (key values, document key) for range scans and sorts, holding the
 *   documents without arrays in the indexed fields; while any document has one (a multikey
 *   index) the planner does not use the ordered part, as its order would not be the sort order.
 * The `_id_` index keeps only the ordered part: the collection's document map is its hash part.
 * What a document was filed under is recomputed from the stored (immutable) document when it
 * leaves, rather than remembered.
 */
export class Index {
  readonly fields: string[];
  readonly first: string;
  /** 1 or -1 per field. */
  readonly directions: number[];
  /** The `_id_` index, answered by the collection's document map. */
  readonly isId: boolean;
  private readonly partial: Predicate | null;
  private readonly parsedCollation: Collation | null;
  /** hashKey(first-field value) → document keys. */
  readonly lookup = new Map<string, Postings>();
  /** Full compound key → document key (unique indexes only). */
  readonly uniqueKeys = new Map<string, string>();
  /** Documents with arrays in the indexed fields (they make the index multikey). */
  private multikeyDocs = 0;
  readonly ordered: SortedEntries<OrderedEntry>;
  /**
   * The ordered part is built the first time a plan scans it and kept up to date from then on:
   * indexes only ever used for equality (most unique keys, the fan-out's message indexes) never
   * pay for it, which halves the cost of bulk inserts.
   */
  private orderedLive = false;

  constructor(readonly def: IndexDefinition) {
    this.fields = Object.keys(def.key);
    this.first = this.fields[0];
    this.directions = this.fields.map((f) => (toNumber(def.key[f]) < 0 ? -1 : 1));
    this.isId = def.name === "_id_";
    this.partial = def.partialFilterExpression ? compileFilter(def.partialFilterExpression) : null;
    this.parsedCollation = parseCollation(def.collation);
    const collation = this.parsedCollation;
    const dirs = this.directions;
    this.ordered = new SortedEntries<OrderedEntry>((a, b) => {
      for (let i = 0; i < dirs.length; i++) {
        const c = compareValues(a.key[i], b.key[i], collation);
        if (c !== 0) return c * dirs[i];
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  }

  get name(): string {
    return this.def.name;
  }

  get collation(): Collation | null {
    return this.parsedCollation;
  }

  /** Some document has an array in an indexed field: the ordered part is not a sort order. */
  get multikey(): boolean {
    return this.multikeyDocs > 0;
  }

  /** Whether the document belongs in this index at all (partial and sparse rules). */
  covers(doc: Doc): boolean {
    if (this.partial && !this.partial(doc)) return false;
    if (this.def.sparse && this.fields.every((f) => valuesAtPath(doc, f).every((v) => v === undefined))) return false;
    return true;
  }

  /** The ordered-part key of a document, or null when an indexed field holds an array. */
  private orderedKeyOf(doc: Doc): Value[] | null {
    const key: Value[] = [];
    for (const f of this.fields) {
      const vals = valuesAtPath(doc, f);
      if (vals.length !== 1 || Array.isArray(vals[0])) return null;
      key.push(vals[0] === undefined ? null : vals[0]);
    }
    return key;
  }

  private fieldValues(doc: Doc, field: string): Value[] {
    const out: Value[] = [];
    for (const v of valuesAtPath(doc, field)) {
      if (Array.isArray(v)) {
        if (v.length === 0) out.push(undefined);
        else out.push(...v);
      } else out.push(v);
    }
    return out.length ? out : [undefined];
  }

  /** Keys used for unique enforcement: one per combination of (multikey) field values. */
  uniqueKeysOf(doc: Doc): string[] {
    if (this.fields.length === 1) {
      const vals = this.fieldValues(doc, this.first);
      if (vals.length === 1) return [hashKey(vals[0], this.collation)];
      return [...new Set(vals.map((v) => hashKey(v, this.collation)))];
    }
    let combos: string[] = [""];
    for (const f of this.fields) {
      const vals = [...new Set(this.fieldValues(doc, f).map((v) => hashKey(v, this.collation)))];
      const next: string[] = [];
      for (const c of combos) for (const v of vals) next.push(c ? `${c}|${v}` : v);
      combos = next;
    }
    return [...new Set(combos)];
  }

  /** Keys used for lookups on the first field: each element of arrays and the whole array. */
  lookupKeysOf(doc: Doc): string[] {
    const values = valuesAtPath(doc, this.first);
    if (values.length === 1 && !Array.isArray(values[0])) return [hashKey(values[0], this.collation)];
    const keys = new Set<string>();
    for (const v of values) {
      keys.add(hashKey(v, this.collation));
      if (Array.isArray(v)) for (const el of v) keys.add(hashKey(el, this.collation));
    }
    if (keys.size === 0) keys.add(hashKey(undefined));
    return [...keys];
  }

  /** The document holding a unique key other than `self`, if any. */
  conflict(doc: Doc, self: string | null): { key: string; holder: string } | null {
    if (this.isId || !this.def.unique || !this.covers(doc)) return null;
    for (const k of this.uniqueKeysOf(doc)) {
      const holder = this.uniqueKeys.get(k);
      if (holder !== undefined && holder !== self) return { key: k, holder };
    }
    return null;
  }

  /**
   * Makes the ordered part current (sorted once from the documents) before a plan scans it.
   * @param docs every document of the collection.
   */
  ensureOrdered(docs: Iterable<[string, Doc]>): void {
    if (this.orderedLive) return;
    const entries: OrderedEntry[] = [];
    for (const [id, doc] of docs) {
      if (!this.covers(doc)) continue;
      const key = this.orderedKeyOf(doc);
      if (key !== null) entries.push({ key, id });
    }
    this.ordered.load(entries);
    this.orderedLive = true;
  }

  /** Files a document under its keys. */
  add(docKey: string, doc: Doc): void {
    if (!this.covers(doc)) return;
    const key = this.orderedKeyOf(doc);
    if (key === null) this.multikeyDocs++;
    else if (this.orderedLive) this.ordered.insert({ key, id: docKey });
    if (this.isId) return;
    for (const k of this.lookupKeysOf(doc)) {
      const p = this.lookup.get(k);
      if (p === undefined) this.lookup.set(k, docKey);
      else if (typeof p === "string") {
        if (p !== docKey) this.lookup.set(k, new Set([p, docKey]));
      } else p.add(docKey);
    }
    if (this.def.unique) for (const k of this.uniqueKeysOf(doc)) this.uniqueKeys.set(k, docKey);
  }

  /** Unfiles a document; `doc` is the version that was filed. */
  remove(docKey: string, doc: Doc): void {
    if (!this.covers(doc)) return;
    const key = this.orderedKeyOf(doc);
    if (key === null) this.multikeyDocs--;
    else if (this.orderedLive) this.ordered.delete({ key, id: docKey });
    if (this.isId) return;
    for (const k of this.lookupKeysOf(doc)) {
      const p = this.lookup.get(k);
      if (p === undefined) continue;
      if (typeof p === "string") {
        if (p === docKey) this.lookup.delete(k);
      } else {
        p.delete(docKey);
        if (p.size === 1) this.lookup.set(k, p.values().next().value as string);
        else if (p.size === 0) this.lookup.delete(k);
      }
    }
    if (this.def.unique) for (const k of this.uniqueKeysOf(doc)) if (this.uniqueKeys.get(k) === docKey) this.uniqueKeys.delete(k);
  }

  /** Refiles a changed document; nothing happens when its indexed values did not change. */
  replace(docKey: string, before: Doc, after: Doc): void {
    if (this.sameKeys(before, after)) return;
    this.remove(docKey, before);
    this.add(docKey, after);
  }

  /**
   * Rebuilds the index over all documents (the ordered part waits for its first use).
   * @returns the first document that duplicates a unique key (the index is then left empty).
   */
  build(docs: Iterable<[string, Doc]>): Doc | null {
    this.clear();
    for (const [key, doc] of docs) {
      if (this.conflict(doc, key)) {
        this.clear();
        return doc;
      }
      this.add(key, doc);
    }
    return null;
  }

  private sameKeys(a: Doc, b: Doc): boolean {
    if (this.partial && this.partial(a) !== this.partial(b)) return false;
    for (const f of this.fields) {
      const x = valuesAtPath(a, f);
      const y = valuesAtPath(b, f);
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        if (x[i] === y[i]) continue;
        if (typeOf(x[i]) !== typeOf(y[i]) || hashKey(x[i]) !== hashKey(y[i])) return false;
      }
    }
    return true;
  }

  clear(): void {
    this.lookup.clear();
    this.uniqueKeys.clear();
    this.ordered.clear();
    this.orderedLive = false;
    this.multikeyDocs = 0;
  }

  /** keyPattern / keyValue of a document for duplicate-key errors. */
  describeKey(doc: Doc): { keyPattern: Doc; keyValue: Doc } {
    const keyValue: Doc = {};
    for (const f of this.fields) {
      const vals = valuesAtPath(doc, f);
      const v = vals.find((x) => x !== undefined);
      keyValue[f] = Array.isArray(v) ? v[0] : v === undefined ? null : v;
    }
    return { keyPattern: this.def.key, keyValue };
  }
}
