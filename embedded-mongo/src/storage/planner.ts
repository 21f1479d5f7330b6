import { sameCollation } from "../bson/collation";
import { compareValues, hashKey, type Collation } from "../bson/compare";
import { isNumberType, isPlainObject, toNumber, typeOf, typeRank, type Doc, type Value } from "../bson/types";
import type { Collection } from "./collection";
import { postingKeys, postingSize, type Index, type OrderedEntry } from "./indexSpec";

/** How a query finds its candidate documents. */
export interface Plan {
  /** Candidate document keys (lazily, possibly in sort order), or null for a collection scan. */
  keys: Iterable<string> | null;
  stage: "IDHACK" | "IXSCAN" | "COLLSCAN" | "EOF" | "OR";
  /**
   * The candidates are exactly the matches (a lone equality on an index, or a `$or` of such), so
   * a count needs no document reads.
   */
  exact?: boolean;
  /** For OR: the plan of each `$or` branch. */
  inputs?: Plan[];
  indexName?: string;
  /** The keys come in the order the caller asked for: no sort needed afterwards. */
  sorted: boolean;
  direction: "forward" | "backward";
  /** Index bounds per field, as explain shows them. */
  bounds?: Doc;
}

/** Below this many candidates an equality lookup plus an in-memory sort beats an ordered scan. */
const SMALL_CANDIDATE_SET = 256;

interface Range {
  rank: number;
  lo?: { v: Value; inc: boolean };
  hi?: { v: Value; inc: boolean };
}

interface OrderedCandidate {
  index: Index;
  /** Leading fields pinned by one equality value each. */
  eq: Value[];
  range: Range | null;
  /** Provides the requested sort: in index order, or reversed. */
  sort: "forward" | "backward" | null;
}

const BOUNDABLE = new Set(["int", "long", "double", "decimal", "string", "symbol", "date", "objectId", "bool", "timestamp"]);

/**
 * Chooses how to find candidates for a filter:
 * - `_id` equality / `$in`: IDHACK;
 * - equality / `$in` on an index's first field: a hash lookup (IXSCAN);
 * - equality on leading fields of an index, a range on the next one and/or a sort on the
 *   following ones: an ordered scan of the index, which also delivers the sort order (so
 *   `find().sort({ createdAt: -1 }).limit(20)` reads 20 entries, not the collection);
 * - otherwise a collection scan.
 * Indexes with another collation, hidden ones, partial ones whose filter the query does not
 * imply, and (for ordered scans) sparse or multikey ones are not used. The result is always a
 * superset of the matches: callers apply the full filter to every candidate.
 */
export function planQuery(coll: Collection, filter: Doc, collation: Collation | null, sort: Doc | null, allowOrdered: boolean): Plan {
  const conds = flattenAnd(filter);
  const idValues = equalityValues(conds.get("_id"));
  if (idValues && !(collation && idValues.some((v) => typeof v === "string"))) {
    return { stage: "IDHACK", indexName: "_id_", keys: idValues.map((v) => hashKey(v)).filter((k) => coll.docs.has(k)), sorted: false, direction: "forward" };
  }
  let hash: { index: Index; values: Value[]; size: number } | null = null;
  const ordered: OrderedCandidate[] = [];
  const sortKeys = sort && !("$natural" in sort) ? Object.entries(sort).map(([f, d]) => [f, toNumber(d) < 0 ? -1 : 1] as const) : [];
  for (const index of coll.indexes.values()) {
    if (index.def.hidden || !sameCollation(index.collation, collation)) continue;
    if (index.def.partialFilterExpression && !partialIndexApplies(index, conds)) continue;
    if (!index.isId) {
      const values = equalityValues(conds.get(index.first));
      if (values && !(index.def.sparse && values.some((v) => v === null || v === undefined))) {
        let size = 0;
        for (const v of values) size += postingSize(index.lookup.get(hashKey(v, index.collation)));
        if (!hash || size < hash.size || (size === hash.size && index.def.unique && !hash.index.def.unique)) hash = { index, values, size };
      }
    }
    if (allowOrdered && !index.multikey && !index.def.sparse) {
      const c = orderedCandidate(index, conds, sortKeys);
      if (c) ordered.push(c);
    }
  }
  const rank = (c: OrderedCandidate) => c.eq.length * 2 + (c.range ? 1 : 0);
  const best = (list: OrderedCandidate[]) => list.reduce<OrderedCandidate | null>((b, c) => (!b || rank(c) > rank(b) ? c : b), null);
  if (hash && !sortKeys.length && isLoneEquality(filter, hash.index, hash.values, collation)) return { ...hashPlan(hash), exact: true };
  if (sortKeys.length) {
    const sorting = best(ordered.filter((c) => c.sort));
    // An ordered scan that pins the same equality reads exactly the matches, already sorted.
    if (sorting && hash && sorting.eq.length > 0 && sorting.index === hash.index) return orderedPlan(coll, sorting, true);
    if (hash && (hash.size <= SMALL_CANDIDATE_SET || !sorting)) return hashPlan(hash);
    if (sorting) return orderedPlan(coll, sorting, true);
  } else if (hash) {
    const compound = best(ordered.filter((c) => c.eq.length >= 2));
    if (compound && hash.size > 64) return orderedPlan(coll, compound, false);
    return hashPlan(hash);
  }
  const union = orPlan(coll, filter, collation);
  if (union) return union;
  const narrowing = best(ordered.filter((c) => c.eq.length > 0 || c.range));
  if (narrowing) return orderedPlan(coll, narrowing, false);
  return { stage: "COLLSCAN", keys: null, sorted: false, direction: "forward" };
}

/**
 * A `$or` (at the top or inside `$and`) whose every branch can use an index: the union of the
 * branches' candidates, as mongod's OR stage does ("my department or co-handled by it" counts
 * without reading the whole collection). One branch without an index means a collection scan.
 */
function orPlan(coll: Collection, filter: Doc, collation: Collation | null): Plan | null {
  const groups: Doc[][] = [];
  const visit = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === "$or" && Array.isArray(v) && v.length && v.every(isPlainObject)) groups.push(v as Doc[]);
      else if (k === "$and" && Array.isArray(v)) for (const part of v) if (isPlainObject(part)) visit(part);
    }
  };
  visit(filter);
  for (const branches of groups) {
    const inputs: Plan[] = [];
    for (const branch of branches) {
      const p = planQuery(coll, branch, collation, null, false);
      if (p.keys === null) break;
      inputs.push(p);
    }
    if (inputs.length !== branches.length) continue;
    const keys = new Set<string>();
    for (const p of inputs) for (const k of p.keys!) keys.add(k);
    const exact = Object.keys(filter).length === 1 && "$or" in filter && inputs.every((p) => p.exact);
    return { stage: "OR", keys, inputs, sorted: false, direction: "forward", exact };
  }
  return null;
}

function hashPlan(h: { index: Index; values: Value[] }): Plan {
  const { index, values } = h;
  // One value: hand out the live posting list (callers only read it before writing).
  if (values.length === 1) {
    return { stage: "IXSCAN", indexName: index.name, keys: postingKeys(index.lookup.get(hashKey(values[0], index.collation))), sorted: false, direction: "forward", bounds: { [index.first]: values.map((v) => `[${render(v)}, ${render(v)}]`) } };
  }
  const keys = new Set<string>();
  for (const v of values) for (const k of postingKeys(index.lookup.get(hashKey(v, index.collation)))) keys.add(k);
  return { stage: "IXSCAN", indexName: index.name, keys, sorted: false, direction: "forward", bounds: { [index.first]: values.map((v) => `[${render(v)}, ${render(v)}]`) } };
}

function orderedCandidate(index: Index, conds: Map<string, unknown>, sortKeys: readonly (readonly [string, number])[]): OrderedCandidate | null {
  const eq: Value[] = [];
  while (eq.length < index.fields.length) {
    const values = equalityValues(conds.get(index.fields[eq.length]));
    if (!values || values.length !== 1 || (values[0] !== null && !BOUNDABLE.has(typeOf(values[0])))) break;
    eq.push(values[0]);
  }
  const range = eq.length < index.fields.length ? rangeOf(conds.get(index.fields[eq.length])) : null;
  let sort: OrderedCandidate["sort"] = null;
  if (sortKeys.length) {
    // Sort fields pinned by equality do not affect the order.
    const pinned = new Set(index.fields.slice(0, eq.length));
    const rest = sortKeys.filter(([f]) => !pinned.has(f));
    let direction = 0;
    let ok = rest.length <= index.fields.length - eq.length;
    rest.forEach(([f, d], k) => {
      const i = eq.length + k;
      if (!ok || index.fields[i] !== f) {
        ok = false;
        return;
      }
      const dir = d * index.directions[i];
      if (direction === 0) direction = dir;
      else if (dir !== direction) ok = false;
    });
    if (ok) sort = direction < 0 ? "backward" : "forward";
  }
  if (!eq.length && !range && !sort) return null;
  return { index, eq, range, sort };
}

function orderedPlan(collection: Collection, c: OrderedCandidate, sorted: boolean): Plan {
  const { index, eq, range } = c;
  index.ensureOrdered(collection.docs);
  const coll = index.collation;
  const dirs = index.directions;
  const j = eq.length;
  const test = (e: OrderedEntry): number => {
    for (let i = 0; i < j; i++) {
      const r = compareValues(e.key[i], eq[i], coll);
      if (r !== 0) return r * dirs[i];
    }
    if (range) return rangeTest(e.key[j], range, coll) * dirs[j];
    return 0;
  };
  const backward = sorted && c.sort === "backward";
  function* scan(): Generator<string> {
    if (!backward) {
      for (const e of index.ordered.forward(index.ordered.seek(test))) {
        if (test(e) > 0) return;
        yield e.id;
      }
    } else {
      for (const e of index.ordered.backward(index.ordered.seekAfter(test))) {
        if (test(e) < 0) return;
        yield e.id;
      }
    }
  }
  const bounds: Doc = {};
  index.fields.forEach((f, i) => {
    if (i < j) bounds[f] = [`[${render(eq[i])}, ${render(eq[i])}]`];
    else if (i === j && range) bounds[f] = [`${range.lo?.inc ? "[" : "("}${range.lo ? render(range.lo.v) : "MinKey"}, ${range.hi ? render(range.hi.v) : "MaxKey"}${range.hi?.inc ? "]" : ")"}`];
    else bounds[f] = ["[MinKey, MaxKey]"];
  });
  return { stage: "IXSCAN", indexName: index.name, keys: { [Symbol.iterator]: scan }, sorted, direction: backward ? "backward" : "forward", bounds };
}

/** -1 below the range, 0 inside, 1 above, in value order (BSON type brackets first). */
function rangeTest(x: Value, range: Range, coll: Collation | null): number {
  const rx = typeRank(typeOf(x));
  if (rx !== range.rank) return rx < range.rank ? -1 : 1;
  if (range.lo) {
    const c = compareValues(x, range.lo.v, coll);
    if (c < 0 || (c === 0 && !range.lo.inc)) return -1;
  }
  if (range.hi) {
    const c = compareValues(x, range.hi.v, coll);
    if (c > 0 || (c === 0 && !range.hi.inc)) return 1;
  }
  return 0;
}

/** The $gt/$gte/$lt/$lte bounds of a condition (each alone is implied by the condition). */
function rangeOf(cond: unknown): Range | null {
  if (!isPlainObject(cond)) return null;
  let lo: Range["lo"];
  let hi: Range["hi"];
  for (const [op, v] of Object.entries(cond)) {
    if (!BOUNDABLE.has(typeOf(v))) continue;
    if ((op === "$gt" || op === "$gte") && !lo) lo = { v, inc: op === "$gte" };
    if ((op === "$lt" || op === "$lte") && !hi) hi = { v, inc: op === "$lte" };
  }
  if (!lo && !hi) return null;
  const rLo = lo ? typeRank(typeOf(lo.v)) : null;
  const rHi = hi ? typeRank(typeOf(hi.v)) : null;
  if (rLo !== null && rHi !== null && rLo !== rHi) return { rank: rLo, lo };
  return { rank: (rLo ?? rHi)!, lo, hi };
}

function render(v: Value): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || v === undefined) return "null";
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (isNumberType(typeOf(v))) return String(toNumber(v));
  return String(v);
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

/** Top-level field conditions of a filter, including those inside `$and`. */
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
    if (keys.includes("$eq")) {
      const v = cond.$eq;
      return typeOf(v) === "regex" ? null : [v];
    }
    if (keys.includes("$in") && Array.isArray(cond.$in)) {
      const list = cond.$in as Value[];
      if (list.some((v) => typeOf(v) === "regex" || isPlainObject(v))) return null;
      return list;
    }
    return null;
  }
  return [cond];
}

const EXACT_TYPES = new Set(["int", "long", "double", "string", "objectId", "bool", "date"]);

/**
 * Whether a filter is nothing but one equality (or `$in`) on an index's first field with plain
 * scalar values, so the index's entries for those values are exactly the matches: missing fields
 * (null), arrays, documents, collations and sparse or partial indexes are left to the matcher.
 */
function isLoneEquality(filter: Doc, index: Index, values: Value[], collation: Collation | null): boolean {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== index.first || index.fields.length < 1) return false;
  if (index.def.sparse || index.def.partialFilterExpression || index.collation || collation) return false;
  const cond = filter[keys[0]];
  if (isPlainObject(cond) && !(Object.keys(cond).length === 1 && ("$eq" in cond || "$in" in cond))) return false;
  return values.length > 0 && values.every((v) => EXACT_TYPES.has(typeOf(v)) && !(typeof v === "number" && Number.isNaN(v)));
}
