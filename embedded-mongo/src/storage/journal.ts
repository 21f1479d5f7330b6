import { crc32 } from "node:zlib";
import { promises as fsp, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, ftruncateSync } from "node:fs";
import path from "node:path";
import { deserialize, serializeWithBufferAndIndex } from "bson";
import type { Doc } from "../bson/types";
import { DESERIALIZE_OPTIONS } from "../wire/protocol";

const HEADER = 8;
/** Largest record we accept when reading back (a write batch can hold many 16 MiB documents). */
const MAX_RECORD = 1024 * 1024 * 1024;

/** One journal or snapshot record: its header document followed by its parts. */
export type JournalRecord = Doc[];

export interface LoadedState {
  /** Snapshot records (catalog first, then documents), if a snapshot exists. */
  snapshot: JournalRecord[];
  /** Journal records written after the snapshot, in order. */
  records: JournalRecord[];
  /** Records that were dropped because the file ended in the middle of one. */
  tornBytes: number;
}

/**
 * Frames one record. Its payload is a sequence of BSON documents (a header document, then any
 * number of parts) rather than one document, so a record can exceed the 16 MiB BSON limit: a
 * 48 MB insert batch or a large transaction is still journaled (and replayed) as one unit.
 */
function frame(parts: Doc[]): Buffer {
  const body = new RecordBody(scratch ?? Buffer.allocUnsafe(2 * MAX_DOCUMENT));
  for (const p of parts) body.add(p);
  const out = withHeader(body.bytes());
  // Keeps the buffer for the next append, unless one huge batch grew it.
  scratch = body.buffer.length <= 4 * MAX_DOCUMENT ? body.buffer : null;
  return out;
}

/** The frame header (length and CRC-32 of the payload). */
function header(body: Uint8Array): Buffer {
  const head = Buffer.allocUnsafe(HEADER);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(crc32(body) >>> 0, 4);
  return head;
}

function withHeader(body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.set(header(body), 0);
  out.set(body, HEADER);
  return out;
}

/** Room every document may need: the BSON limit plus bson's own margin. */
const MAX_DOCUMENT = 16 * 1024 * 1024 + 16 * 1024;

/**
 * A record payload serialised document after document into one growing buffer, rather than a
 * buffer per document joined at the end (half the copying, and no garbage per document).
 */
class RecordBody {
  length = 0;
  constructor(public buffer: Buffer) {}

  add(doc: Doc): void {
    if (this.buffer.length - this.length < MAX_DOCUMENT) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + MAX_DOCUMENT));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length = serializeWithBufferAndIndex(doc, this.buffer, { index: this.length }) + 1;
  }

  /** The payload so far (a view: copy or write it before adding more). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Reused by `frame` (which is synchronous) for every append. */
let scratch: Buffer | null = null;

/** The BSON documents a record payload holds, or null if their lengths do not add up. */
function splitDocuments(body: Buffer): Doc[] | null {
  const parts: Doc[] = [];
  let p = 0;
  while (p < body.length) {
    if (p + 5 > body.length) return null;
    const size = body.readInt32LE(p);
    if (size < 5 || p + size > body.length) return null;
    parts.push(deserialize(body.subarray(p, p + size), DESERIALIZE_OPTIONS) as Doc);
    p += size;
  }
  return parts.length ? parts : null;
}

/**
 * Reads framed records; stops at the first incomplete or corrupt record and reports how many bytes
 * follow it. Corruption is tolerated only at the tail (a torn last write); `strict` callers refuse
 * corruption elsewhere.
 */
function readRecords(file: string): { records: Doc[][]; validBytes: number; totalBytes: number } {
  const buf = readFileSync(file);
  const records: Doc[][] = [];
  let off = 0;
  while (off + HEADER <= buf.length) {
    const len = buf.readUInt32LE(off);
    const sum = buf.readUInt32LE(off + 4);
    if (len > MAX_RECORD || off + HEADER + len > buf.length) break;
    const body = buf.subarray(off + HEADER, off + HEADER + len);
    if ((crc32(body) >>> 0) !== sum) break;
    const parts = splitDocuments(body);
    if (!parts) break;
    records.push(parts);
    off += HEADER + len;
  }
  return { records, validBytes: off, totalBytes: buf.length };
}

/**
 * Append-only journal with group commit: records appended during one event-loop turn are written
 * together and made durable with one fdatasync before any of them is acknowledged. Compaction
 * writes a snapshot to a temporary file, syncs it and renames it into place; journal files are
 * numbered by generation so a crash at any point leaves a consistent snapshot + journal chain.
 */
export class Journal {
  private gen = 0;
  private fd: fsp.FileHandle | null = null;
  private pending: Buffer[] = [];
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private bytes = 0;
  /** Size of the current snapshot file (0 before the first). */
  private snapshotSize = 0;
  private closed = false;
  private opening: Promise<void> | null = null;

  constructor(private readonly dir: string) {}

  private journalPath(gen: number): string {
    return path.join(this.dir, `journal.${gen}.log`);
  }

  private get snapshotPath(): string {
    return path.join(this.dir, "snapshot.bson");
  }

  /** Reads the snapshot and journal chain, truncating a torn tail, and opens the journal for appends. */
  async open(): Promise<LoadedState> {
    mkdirSync(this.dir, { recursive: true });
    let snapshot: JournalRecord[] = [];
    let snapGen = 0;
    if (existsSync(this.snapshotPath)) {
      const r = readRecords(this.snapshotPath);
      this.snapshotSize = r.totalBytes;
      if (r.validBytes !== r.totalBytes) throw new Error(`snapshot ${this.snapshotPath} is corrupt; refusing to start`);
      snapshot = r.records;
      snapGen = Number((snapshot[0]?.[0] as { gen?: number } | undefined)?.gen ?? 0);
    }
    const gens = readdirSync(this.dir)
      .map((f) => /^journal\.(\d+)\.log$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .filter((g) => g >= snapGen)
      .sort((a, b) => a - b);
    const records: JournalRecord[] = [];
    let tornBytes = 0;
    for (let i = 0; i < gens.length; i++) {
      const file = this.journalPath(gens[i]);
      const r = readRecords(file);
      records.push(...r.records);
      if (r.validBytes !== r.totalBytes) {
        if (i !== gens.length - 1) throw new Error(`journal ${file} is corrupt before its end; refusing to start`);
        tornBytes = r.totalBytes - r.validBytes;
        const fd = openSync(file, "r+");
        ftruncateSync(fd, r.validBytes);
        fsyncSync(fd);
        closeSync(fd);
      }
    }
    this.gen = gens.length ? gens[gens.length - 1] : snapGen;
    this.fd = await fsp.open(this.journalPath(this.gen), "a");
    this.bytes = (await this.fd.stat()).size;
    return { snapshot, records, tornBytes };
  }

  /** Size of the current journal file in bytes. */
  get size(): number {
    return this.bytes;
  }

  /** Size of the current snapshot in bytes (0 before the first). */
  get snapshotBytes(): number {
    return this.snapshotSize;
  }

  /**
   * Appends a record; the promise resolves once it is on stable storage.
   * @param record the header document followed by the record's parts.
   */
  append(record: JournalRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error("journal is closed"));
    const buf = frame(record);
    this.pending.push(buf);
    this.bytes += buf.length;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
    return done;
  }

  /** Writes and syncs everything appended so far. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const bufs = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    this.flushing = (async () => {
      try {
        if (this.opening) await this.opening;
        await this.fd!.write(Buffer.concat(bufs));
        await this.fd!.datasync();
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e as Error);
      }
    })();
    await this.flushing;
    this.flushing = null;
    if (this.pending.length) await this.flush();
  }

  /**
   * Starts a new generation and writes a snapshot. The snapshot is taken synchronously, right
   * after everything before it is durable; appends from then on go to the next journal file.
   * Replaying a record that the snapshot already contains is harmless (records are idempotent
   * puts, deletes and catalog changes), so the switch needs no further coordination.
   *
   * Documents are serialised and written a chunk of about 4 MB at a time (the writes let requests
   * in between), so a large database is written out without a long pause. That is safe
   * because stored documents are never changed in place (a write stores a new object): the
   * references taken synchronously still hold the state of that moment.
   * @param takeSnapshot returns the current state, catalog record first, then one record per
   *   collection ([{ns}, ...documents]); the snapshot file holds them in chunks.
   */
  async compact(takeSnapshot: () => JournalRecord[]): Promise<void> {
    await this.flush();
    while (this.flushing) await this.flushing;
    const snapshotRecords = takeSnapshot();
    const oldGen = this.gen;
    const newGen = oldGen + 1;
    const oldFd = this.fd!;
    this.gen = newGen;
    this.bytes = 0;
    this.opening = fsp.open(this.journalPath(newGen), "a").then((fd) => {
      this.fd = fd;
    });
    await this.opening;
    this.opening = null;
    await oldFd.close();
    const catalog = frame([{ ...snapshotRecords[0][0], gen: newGen }]);
    const tmp = `${this.snapshotPath}.tmp`;
    const fh = await fsp.open(tmp, "w");
    let written = 0;
    try {
      await fh.write(catalog);
      written += catalog.length;
      const body = new RecordBody(Buffer.allocUnsafe(4_000_000 + MAX_DOCUMENT));
      const flushChunk = async () => {
        const bytes = body.bytes();
        await fh.write(header(bytes));
        await fh.write(bytes);
        written += HEADER + bytes.length;
      };
      for (const [head, ...docs] of snapshotRecords.slice(1)) {
        body.length = 0;
        body.add(head);
        const headLength = body.length;
        for (const doc of docs) {
          body.add(doc);
          if (body.length > 4_000_000) {
            await flushChunk();
            body.length = headLength;
          }
        }
        if (body.length > headLength) await flushChunk();
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, this.snapshotPath);
    this.snapshotSize = written;
    const dirFd = openSync(this.dir, "r");
    fsyncSync(dirFd);
    closeSync(dirFd);
    for (let g = 0; g <= oldGen; g++) await fsp.rm(this.journalPath(g), { force: true });
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.fd?.close();
    this.fd = null;
  }
}
