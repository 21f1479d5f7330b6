import type { Collation } from "../bson/compare";
import type { Doc } from "../bson/types";
import { compileFilter } from "../query/matcher";
import type { Transaction } from "../txn/transaction";
import { Collection, type Plan } from "./collection";
import type { Change } from "./store";

export interface Found {
  key: string;
  doc: Doc;
}

/**
 * A collection as one operation sees it: the committed documents, overlaid with the transaction's
 * own uncommitted writes when it runs inside one. Writes outside a transaction go straight to the
 * collection and are collected as changes for the journal.
 */
export class CollectionView {
  constructor(
    readonly coll: Collection,
    private readonly txn: Transaction | null,
    private readonly changes: Change[],
  ) {}

  private get overlay(): Map<string, Doc | null> | undefined {
    return this.txn?.overlay.get(this.coll.ns);
  }

  get(key: string): Doc | undefined {
    const o = this.overlay;
    if (o && o.has(key)) return o.get(key) ?? undefined;
    return this.coll.get(key);
  }

  /** Every visible document, in natural order. */
  *all(): Generator<Found> {
    const o = this.overlay;
    for (const [key, doc] of this.coll.docs) {
      if (o && o.has(key)) {
        const d = o.get(key);
        if (d) yield { key, doc: d };
      } else yield { key, doc };
    }
    if (o) for (const [key, d] of o) if (d && !this.coll.docs.has(key)) yield { key, doc: d };
  }

  count(): number {
    if (!this.overlay) return this.coll.docs.size;
    let n = 0;
    for (const _ of this.all()) n++;
    return n;
  }

  /**
   * The number of documents matching a filter when an index answers it exactly (no transaction
   * writes pending here), else null.
   */
  countExact(filter: Doc, collation: Collation | null): number | null {
    if (this.overlay) return null;
    const plan = this.coll.plan(filter, collation, null, false);
    if (!plan.exact || plan.keys === null) return null;
    // A posting list or a union of them: distinct keys of documents that exist (outside a
    // transaction's overlay the indexes and the documents change together).
    if (plan.keys instanceof Set) return plan.keys.size;
    let n = 0;
    for (const key of new Set(plan.keys)) if (this.coll.docs.has(key)) n++;
    return n;
  }

  /**
   * Documents matching a filter, using an index when one applies.
   * @param limit stop after this many matches — honoured only when the matches come out in their
   *   final order (no `sort`, or an index delivers it: `plan.sorted`).
   * @param sort the order the caller will want, so an index can deliver it.
   * @returns the matches (natural order for scans, index order otherwise) and the plan used; sort
   *   them unless `plan.sorted`.
   */
  find(filter: Doc, collation: Collation | null, limit = Infinity, variables?: Doc, sort?: Doc | null): { found: Found[]; plan: Plan } {
    const pred = compileFilter(filter, { collation: collation ?? this.coll.collation, variables });
    // Inside a transaction with its own writes here, the committed index order is not the truth.
    const plan = this.coll.plan(filter, collation, sort ?? null, !this.overlay);
    if (sort && !plan.sorted) limit = Infinity;
    const found: Found[] = [];
    if (plan.keys === null) {
      for (const f of this.all()) {
        if (pred(f.doc)) {
          found.push(f);
          if (found.length >= limit) break;
        }
      }
      return { found, plan };
    }
    const o = this.overlay;
    if (!o) {
      const docs = this.coll.docs;
      for (const key of plan.keys) {
        const doc = docs.get(key);
        if (doc && pred(doc)) {
          found.push({ key, doc });
          if (found.length >= limit) break;
        }
      }
      return { found, plan };
    }
    // Inside a transaction the index knows only committed documents: also look at the overlay.
    const seen = new Set<string>();
    for (const key of plan.keys) {
      seen.add(key);
      const doc = this.get(key);
      if (doc && pred(doc)) {
        found.push({ key, doc });
        if (found.length >= limit) return { found, plan };
      }
    }
    {
      for (const [key, d] of o) {
        if (!seen.has(key) && d && pred(d)) {
          found.push({ key, doc: d });
          if (found.length >= limit) break;
        }
      }
    }
    return { found, plan };
  }

  /** Checks unique indexes for a document about to be stored under `key`. */
  private checkUnique(doc: Doc, key: string | null): void {
    const o = this.overlay;
    this.coll.checkUnique(doc, key, o ? (holder) => o.has(holder) : undefined);
    if (!this.txn) return;
    const byIndex = this.txn.uniqueKeys.get(this.coll.ns);
    if (!byIndex) return;
    for (const index of this.coll.indexes.values()) {
      if (!index.def.unique || !index.covers(doc)) continue;
      const keys = byIndex.get(index.name);
      if (!keys) continue;
      for (const k of index.uniqueKeysOf(doc)) {
        const holder = keys.get(k);
        if (holder !== undefined && holder !== key) throw this.coll.duplicateKeyError(index, doc);
      }
    }
  }

  /** Files (or unfiles, when doc is null) a transaction document's unique keys. */
  private fileUnique(key: string, doc: Doc | null): void {
    const txn = this.txn!;
    const fileId = `${this.coll.ns}\u0000${key}`;
    let byIndex = txn.uniqueKeys.get(this.coll.ns);
    if (!byIndex) {
      byIndex = new Map();
      txn.uniqueKeys.set(this.coll.ns, byIndex);
    }
    for (const [indexName, k] of txn.filedKeys.get(fileId) ?? []) {
      const keys = byIndex.get(indexName);
      if (keys?.get(k) === key) keys.delete(k);
    }
    const filed: [string, string][] = [];
    if (doc) {
      for (const index of this.coll.indexes.values()) {
        if (!index.def.unique || !index.covers(doc)) continue;
        let keys = byIndex.get(index.name);
        if (!keys) {
          keys = new Map();
          byIndex.set(index.name, keys);
        }
        for (const k of index.uniqueKeysOf(doc)) {
          keys.set(k, key);
          filed.push([index.name, k]);
        }
      }
    }
    txn.filedKeys.set(fileId, filed);
  }

  insert(doc: Doc): void {
    const key = Collection.keyOf(doc._id);
    if (this.get(key)) throw this.coll.duplicateKeyError(this.coll.indexes.get("_id_")!, doc);
    this.checkUnique(doc, null);
    this.write(key, doc);
  }

  replace(key: string, doc: Doc): void {
    this.checkUnique(doc, key);
    this.write(key, doc);
  }

  delete(key: string): void {
    const doc = this.get(key);
    if (!doc) return;
    if (this.txn) {
      this.txn.overlayFor(this.coll.ns).set(key, null);
      this.txn.ids.set(`${this.coll.ns}\u0000${key}`, doc._id);
      this.fileUnique(key, null);
      return;
    }
    this.coll.delete(key);
    this.changes.push({ ns: this.coll.ns, id: doc._id, doc: null });
  }

  private write(key: string, doc: Doc): void {
    if (this.txn) {
      this.txn.overlayFor(this.coll.ns).set(key, doc);
      this.txn.ids.set(`${this.coll.ns}\u0000${key}`, doc._id);
      this.fileUnique(key, doc);
      return;
    }
    this.coll.put(key, doc);
    this.changes.push({ ns: this.coll.ns, id: doc._id, doc });
  }
}
