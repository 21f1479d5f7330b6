import type { Doc } from "../bson/types";
import { ErrorCodes, fail } from "../errors";
import { Collection } from "./collection";
import { Journal, type JournalRecord } from "./journal";
import { Collection as C } from "./collection";

/** One document change as journaled: a put of the whole document or a delete by `_id`. */
export interface Change {
  ns: string;
  /** The document's `_id` value. */
  id: unknown;
  /** The new document, or null for a delete. */
  doc: Doc | null;
}

const NAME_RE = /^[^\0$]+$/;

export function splitNs(ns: string): [string, string] {
  const i = ns.indexOf(".");
  return [ns.slice(0, i), ns.slice(i + 1)];
}

/** Validates a database name as mongod does. */
export function checkDbName(db: unknown): string {
  if (typeof db !== "string" || db === "" || /[/\\. "$*<>:|?\0]/.test(db) || db.length > 64) {
    fail(ErrorCodes.InvalidNamespace, `Invalid database name: '${String(db)}'`);
  }
  return db as string;
}

/** Validates a collection name as mongod does. */
export function checkCollectionName(name: unknown): string {
  if (typeof name !== "string") return fail(ErrorCodes.InvalidNamespace, "collection name has invalid type");
  if (name === "" || !NAME_RE.test(name) || name.startsWith(".") || name.endsWith(".")) {
    fail(ErrorCodes.InvalidNamespace, `Invalid collection name: ${name}`);
  }
  if (name.startsWith("system.")) fail(ErrorCodes.InvalidNamespace, `Invalid system namespace: ${name}`);
  return name;
}

/**
 * All databases and collections in memory, with every committed change written to the journal.
 * Mutations go through `commit()` so the in-memory state and the journal stay in step.
 */
export class Store {
  readonly dbs = new Map<string, Map<string, Collection>>();
  private journal: Journal | null = null;
  private compacting: Promise<void> | null = null;
  /** Replaying the snapshot and journal: collections defer index building until the end. */
  private loading = false;
  constructor(
    private readonly dir: string | null,
    /**
     * Journal size that triggers a snapshot, at least: once the database is larger, the journal
     * may grow to the size of the last snapshot first (as Redis rewrites its append-only file at
     * 100 % growth). Writing out the whole database every 64 MiB of changes made a bulk write's
     * cost grow with the size of the database (a 100k-subscriber fan-out spent 4 of 14 s in it).
     */
    private readonly journalLimit = 64 * 1024 * 1024,
    /** Receives background failures (compaction) that no request waits for. */
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  async open(): Promise<{ tornBytes: number }> {
    if (!this.dir) return { tornBytes: 0 };
    this.journal = new Journal(this.dir);
    const state = await this.journal.open();
    this.loading = true;
    try {
      if (state.snapshot.length) this.loadSnapshot(state.snapshot);
      for (const r of state.records) this.replay(r);
    } finally {
      this.loading = false;
    }
    for (const colls of this.dbs.values()) for (const coll of colls.values()) coll.buildDeferredIndexes();
    return { tornBytes: state.tornBytes };
  }

  async close(): Promise<void> {
    await this.compacting;
    await this.journal?.close();
  }

  /** An empty, unregistered collection (to validate queries against a missing namespace). */
  scratch(): Collection {
    return new C("scratch", "scratch");
  }

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created (and journaled) if missing. */
  ensureCollection(db: string, name: string, options: Doc = {}): { coll: Collection; created: boolean } {
    const existing = this.collection(db, name);
    if (existing) return { coll: existing, created: false };
    checkDbName(db);
    checkCollectionName(name);
    const coll = new C(db, name, options);
    coll.deferIndexing = this.loading;
    let map = this.dbs.get(db);
    if (!map) {
      map = new Map();
      this.dbs.set(db, map);
    }
    map.set(name, coll);
    this.log([{ t: "create", db, name, options }]);
    return { coll, created: true };
  }

  dropCollection(db: string, name: string): boolean {
    const map = this.dbs.get(db);
    if (!map?.has(name)) return false;
    map.delete(name);
    if (map.size === 0) this.dbs.delete(db);
    this.log([{ t: "drop", db, name }]);
    return true;
  }

  dropDatabase(db: string): void {
    if (!this.dbs.delete(db)) return;
    this.log([{ t: "dropDatabase", db }]);
  }

  renameCollection(db: string, from: string, toDb: string, to: string): void {
    const coll = this.collection(db, from);
    if (!coll) fail(ErrorCodes.NamespaceNotFound, "source namespace does not exist");
    const target = new C(toDb, to, coll!.options);
    target.deferIndexing = this.loading;
    for (const [name, index] of coll!.indexes) if (name !== "_id_") target.createIndex({ ...index.def });
    for (const [k, d] of coll!.docs) target.put(k, d);
    this.dbs.get(db)!.delete(from);
    if (this.dbs.get(db)!.size === 0) this.dbs.delete(db);
    let map = this.dbs.get(toDb);
    if (!map) {
      map = new Map();
      this.dbs.set(toDb, map);
    }
    map.set(to, target);
    this.log([{ t: "rename", db, from, toDb, to }]);
  }

  createIndex(coll: Collection, spec: Doc): void {
    const def = coll.createIndex(spec);
    this.log([{ t: "index", db: coll.db, name: coll.name, spec: def }]);
  }

  dropIndex(coll: Collection, name: string): void {
    coll.dropIndex(name);
    this.log([{ t: "dropIndex", db: coll.db, name: coll.name, index: name }]);
  }

  /**
   * Records document changes already applied in memory. The returned promise resolves when they
   * are durable (immediately for in-memory stores).
   */
  commit(changes: Change[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    const record: JournalRecord = [{ t: "w", n: changes.length }];
    for (const c of changes) record.push({ ns: c.ns, id: c.id, doc: c.doc });
    return this.log(record);
  }

  /** Waits until everything logged so far is durable. */
  async sync(): Promise<void> {
    await this.journal?.flush();
  }

  private log(record: JournalRecord): Promise<void> {
    if (!this.journal) return Promise.resolve();
    const p = this.journal.append(record);
    if (!this.compacting && this.journal.size > Math.max(this.journalLimit, this.journal.snapshotBytes)) {
      // A failed compaction leaves the previous snapshot and journal chain intact: report it and
      // carry on appending (the next threshold crossing tries again).
      this.compacting = this.journal
        .compact(() => this.snapshotRecords())
        .catch((e: Error) => this.onError(`journal compaction failed: ${e.message}`))
        .finally(() => {
          this.compacting = null;
        });
    }
    return p;
  }

  /** Forces a snapshot now (tests and shutdown). */
  async compact(): Promise<void> {
    if (!this.journal) return;
    await this.compacting;
    await this.journal.compact(() => this.snapshotRecords());
  }

  /** The whole state as snapshot records: the catalog, then one record of documents per collection. */
  private snapshotRecords(): JournalRecord[] {
    const catalog: Doc[] = [];
    const records: JournalRecord[] = [];
    for (const [db, colls] of this.dbs) {
      for (const [name, coll] of colls) {
        catalog.push({
          db,
          name,
          options: coll.options,
          indexes: [...coll.indexes.values()].filter((i) => i.name !== "_id_").map((i) => i.def),
        });
        if (coll.docs.size) records.push([{ ns: coll.ns }, ...coll.docs.values()]);
      }
    }
    return [[{ catalog }], ...records];
  }

  private loadSnapshot(records: JournalRecord[]): void {
    const header = records[0][0];
    const rest = records.slice(1);
    for (const entry of (header.catalog as Doc[]) ?? []) {
      const coll = new C(entry.db as string, entry.name as string, (entry.options as Doc) ?? {});
      coll.deferIndexing = true;
      for (const spec of (entry.indexes as Doc[]) ?? []) coll.createIndex(spec);
      let map = this.dbs.get(coll.db);
      if (!map) {
        map = new Map();
        this.dbs.set(coll.db, map);
      }
      map.set(coll.name, coll);
    }
    for (const [head, ...docs] of rest) {
      const [db, name] = splitNs(head.ns as string);
      const coll = this.collection(db, name)!;
      // Records written before parts existed carry their documents in a `docs` array.
      for (const doc of Array.isArray(head.docs) ? (head.docs as Doc[]) : docs) coll.put(C.keyOf(doc._id), doc);
    }
  }

  private replay(record: JournalRecord): void {
    const [r, ...parts] = record;
    const journal = this.journal;
    // Replay must not journal again.
    this.journal = null;
    try {
      switch (r.t) {
        case "create":
          this.ensureCollection(r.db as string, r.name as string, (r.options as Doc) ?? {});
          break;
        case "drop":
          this.dropCollection(r.db as string, r.name as string);
          break;
        case "dropDatabase":
          this.dropDatabase(r.db as string);
          break;
        case "rename":
          if (this.collection(r.db as string, r.from as string)) this.renameCollection(r.db as string, r.from as string, r.toDb as string, r.to as string);
          break;
        case "index": {
          const { coll } = this.ensureCollection(r.db as string, r.name as string);
          const spec = r.spec as Doc;
          if (!coll.indexes.has(spec.name as string)) coll.createIndex(spec);
          break;
        }
        case "dropIndex":
          this.collection(r.db as string, r.name as string)?.dropIndex(r.index as string);
          break;
        case "w":
          for (const op of Array.isArray(r.ops) ? (r.ops as Doc[]) : parts) {
            const [db, name] = splitNs(op.ns as string);
            const { coll } = this.ensureCollection(db, name);
            const key = C.keyOf(op.id);
            if (op.doc === null || op.doc === undefined) coll.delete(key);
            else coll.put(key, op.doc as Doc);
          }
          break;
      }
    } finally {
      this.journal = journal;
    }
  }
}
