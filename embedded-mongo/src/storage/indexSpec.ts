import { hashKey, type Collation } from "../bson/compare";
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
  collation?: Collation;
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
  if (spec.collation !== undefined) {
    const c = spec.collation as Doc;
    if (!isPlainObject(c) || typeof c.locale !== "string") fail(ErrorCodes.BadValue, "collation must specify a locale");
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
  if (spec.collation !== undefined) {
    const c = spec.collation as Doc;
    if (c.locale !== "simple") out.collation = { locale: String(c.locale), strength: c.strength === undefined ? 3 : toNumber(c.strength) };
  }
  if (spec.hidden) out.hidden = true;
  return out;
}

/** Two specs describe the same index (for the "already exists" / conflict checks). */
export function sameIndexOptions(a: IndexDefinition, b: IndexDefinition): boolean {
  const pick = (d: IndexDefinition) =>
    JSON.stringify([d.key, !!d.unique, !!d.sparse, d.partialFilterExpression ?? null, d.expireAfterSeconds ?? null, d.collation ?? null]);
  return pick(a) === pick(b);
}

/**
 * A live index: a hash map from the first field's value to document keys (for equality and $in
 * lookups) and, for unique indexes, a map from the full key to its document.
 */
export class Index {
  readonly fields: string[];
  readonly first: string;
  private readonly partial: Predicate | null;
  /** hashKey(first-field value) → document keys. */
  readonly lookup = new Map<string, Set<string>>();
  /** Full compound key → document key (unique indexes only). */
  readonly uniqueKeys = new Map<string, string>();
  /** Document key → the lookup keys and unique keys it was filed under (for removal). */
  private readonly filed = new Map<string, { lookup: string[]; unique: string[] }>();

  constructor(readonly def: IndexDefinition) {
    this.fields = Object.keys(def.key);
    this.first = this.fields[0];
    this.partial = def.partialFilterExpression ? compileFilter(def.partialFilterExpression) : null;
  }

  get name(): string {
    return this.def.name;
  }

  get collation(): Collation | null {
    return this.def.collation ?? null;
  }

  /** Whether the document belongs in this index at all (partial and sparse rules). */
  covers(doc: Doc): boolean {
    if (this.partial && !this.partial(doc)) return false;
    if (this.def.sparse && this.fields.every((f) => valuesAtPath(doc, f).every((v) => v === undefined))) return false;
    return true;
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
    const keys = new Set<string>();
    for (const v of valuesAtPath(doc, this.first)) {
      keys.add(hashKey(v, this.collation));
      if (Array.isArray(v)) for (const el of v) keys.add(hashKey(el, this.collation));
    }
    if (keys.size === 0) keys.add(hashKey(undefined));
    return [...keys];
  }

  /** The document holding a unique key other than `self`, if any. */
  conflict(doc: Doc, self: string | null): { key: string; holder: string } | null {
    if (!this.def.unique || !this.covers(doc)) return null;
    for (const k of this.uniqueKeysOf(doc)) {
      const holder = this.uniqueKeys.get(k);
      if (holder !== undefined && holder !== self) return { key: k, holder };
    }
    return null;
  }

  add(docKey: string, doc: Doc): void {
    if (!this.covers(doc)) return;
    const lookup = this.lookupKeysOf(doc);
    for (const k of lookup) {
      let set = this.lookup.get(k);
      if (!set) {
        set = new Set();
        this.lookup.set(k, set);
      }
      set.add(docKey);
    }
    const unique = this.def.unique ? this.uniqueKeysOf(doc) : [];
    for (const k of unique) this.uniqueKeys.set(k, docKey);
    this.filed.set(docKey, { lookup, unique });
  }

  remove(docKey: string): void {
    const filed = this.filed.get(docKey);
    if (!filed) return;
    for (const k of filed.lookup) {
      const set = this.lookup.get(k);
      if (set) {
        set.delete(docKey);
        if (set.size === 0) this.lookup.delete(k);
      }
    }
    for (const k of filed.unique) if (this.uniqueKeys.get(k) === docKey) this.uniqueKeys.delete(k);
    this.filed.delete(docKey);
  }

  clear(): void {
    this.lookup.clear();
    this.uniqueKeys.clear();
    this.filed.clear();
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
