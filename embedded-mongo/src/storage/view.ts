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
   * Documents matching a filter, using an index when one applies.
   * @returns the matches (in natural order for scans, index order otherwise) and the plan used.
   */
  find(filter: Doc, collation: Collation | null, limit = Infinity, variables?: Doc): { found: Found[]; plan: Plan } {
    const pred = compileFilter(filter, { collation: collation ?? this.coll.collation, variables });
    const plan = this.coll.plan(filter, collation);
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
    const seen = new Set<string>();
    for (const key of plan.keys) {
      seen.add(key);
      const doc = this.get(key);
      if (doc && pred(doc)) {
        found.push({ key, doc });
        if (found.length >= limit) return { found, plan };
      }
    }
    if (o) {
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
    if (!o) return;
    for (const index of this.coll.indexes.values()) {
      if (!index.def.unique || !index.covers(doc)) continue;
      const mine = new Set(index.uniqueKeysOf(doc));
      for (const [k, other] of o) {
        if (k === key || !other || !index.covers(other)) continue;
        if (index.uniqueKeysOf(other).some((x) => mine.has(x))) throw this.coll.duplicateKeyError(index, doc);
      }
    }
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
      return;
    }
    this.coll.delete(key);
    this.changes.push({ ns: this.coll.ns, id: doc._id, doc: null });
  }

  private write(key: string, doc: Doc): void {
    if (this.txn) {
      this.txn.overlayFor(this.coll.ns).set(key, doc);
      this.txn.ids.set(`${this.coll.ns}\u0000${key}`, doc._id);
      return;
    }
    this.coll.put(key, doc);
    this.changes.push({ ns: this.coll.ns, id: doc._id, doc });
  }
}
