import net from "node:net";
import { randomBytes } from "node:crypto";
import { Binary, Long, ObjectId, Timestamp } from "bson";
import { isPlainObject, toNumber, typeOf, type Doc } from "./bson/types";
import { COMMANDS } from "./commands";
import type { Cursor } from "./commands/query";
import { GENERIC_FIELDS, type CommandContext, type CommandSpec } from "./commands/types";
import { checkWriteConcern } from "./commands/writeConcern";
import { ErrorCodes, MongoError, fail } from "./errors";
import { Collection } from "./storage/collection";
import { Store, type Change } from "./storage/store";
import { assertDbPathFree, removeDbPathLock, writeDbPathLock } from "./storage/lockFile";
import { valuesAtPath } from "./bson/path";
import { WriteLock } from "./txn/lock";
import { Transaction } from "./txn/transaction";
import { buildLegacyReply, buildMsgReply, MAX_BSON_SIZE, MAX_MESSAGE_SIZE, parseMessage, ProtocolError, readHeader } from "./wire/protocol";

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Directory for the journal and snapshots; required unless `inMemory`. */
  dbPath?: string;
  inMemory?: boolean;
  /** Behave like a bare mongod: no replica set, no transactions. */
  standalone?: boolean;
  replSetName?: string;
  logger?: (message: string) => void;
  /** How long a transaction waits for the write lock before failing with WriteConflict. */
  transactionLockTimeoutMs?: number;
  /** How often TTL indexes are enforced. */
  ttlIntervalMs?: number;
  /** Journal size in bytes after which a snapshot is written (default 64 MiB). */
  compactAtBytes?: number;
}

interface Session {
  key: string;
  lastUse: number;
  txn: Transaction | null;
  highestTxnNumber: number;
  /** Replies of retryable writes by txnNumber, so a retried write is not applied twice. */
  retries: Map<number, Doc>;
}

const MAX_WIRE_VERSION = 21;
const TXN_LIFETIME_MS = 60_000;
const ORPHAN_GRACE_MS = 2_000;
const CURSOR_TIMEOUT_MS = 10 * 60_000;
const WRITE_WAIT_MS = 60_000;

const TXN_CONTROL = new Set(["commitTransaction", "abortTransaction"]);

/** A MongoDB wire-protocol server backed by the in-memory store and journal. */
export class EmbeddedServer {
  readonly store: Store;
  readonly lock = new WriteLock();
  private readonly sessions = new Map<string, Session>();
  private readonly cursors = new Map<string, Cursor>();
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | null = null;
  private nextConnectionId = 1;
  private clockSeconds = 0;
  private clockIncrement = 0;
  private timers: NodeJS.Timeout[] = [];
  port = 0;
  readonly host: string;
  private readonly setName: string | null;
  private readonly log: (m: string) => void;

  constructor(private readonly options: ServerOptions = {}) {
    this.host = options.host ?? "127.0.0.1";
    this.setName = options.standalone ? null : (options.replSetName ?? "rs0");
    this.log = options.logger ?? (() => undefined);
    this.store = new Store(options.inMemory ? null : (options.dbPath ?? null), options.compactAtBytes, (m) => this.log(m));
  }

  /** The host clients should use: a wildcard bind address is advertised as the loopback. */
  get advertisedHost(): string {
    return this.host === "0.0.0.0" || this.host === "::" ? "127.0.0.1" : this.host;
  }

  /** host:port as drivers write it (IPv6 hosts in brackets). */
  get address(): string {
    const h = this.advertisedHost;
    return `${h.includes(":") ? `[${h}]` : h}:${this.port}`;
  }

  private get dbPath(): string | null {
    return this.options.inMemory ? null : (this.options.dbPath ?? null);
  }

  async start(): Promise<void> {
    if (this.dbPath) {
      const { mkdirSync } = await import("node:fs");
      mkdirSync(this.dbPath, { recursive: true });
      assertDbPathFree(this.dbPath);
    }
    const { tornBytes } = await this.store.open();
    if (tornBytes) this.log(`journal ended with a torn record (${tornBytes} bytes dropped)`);
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.options.port ?? 0, this.host, () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    if (this.dbPath) writeDbPathLock(this.dbPath, { pid: process.pid, port: this.port, host: this.host });
    this.timers.push(
      setInterval(() => {
        try {
          this.enforceTtl();
        } catch (e) {
          this.log(`TTL monitor: ${(e as Error).message}`);
        }
      }, this.options.ttlIntervalMs ?? 1_000),
    );
    this.timers.push(setInterval(() => this.expireCursors(), 60_000));
    for (const t of this.timers) t.unref();
  }

  private stopping: Promise<void> | null = null;

  /** Closes every connection, aborts open transactions and flushes the journal (idempotent). */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const s of this.sessions.values()) if (s.txn?.state === "active") this.abortTxn(s.txn);
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
    await this.store.close();
    if (this.dbPath) removeDbPathLock(this.dbPath);
  }

  // ---- connections -------------------------------------------------------------------------

  private accept(socket: net.Socket): void {
    const id = this.nextConnectionId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let buffered: Buffer[] = [];
    let length = 0;
    let chain: Promise<void> = Promise.resolve();
    socket.on("data", (chunk) => {
      buffered.push(chunk);
      length += chunk.length;
      while (length >= 16) {
        if (buffered[0].length < 4) buffered = [Buffer.concat(buffered)];
        const size = buffered[0].readInt32LE(0);
        if (size < 16 || size > MAX_MESSAGE_SIZE) {
          this.log(`connection ${id}: invalid message length ${size}, closing`);
          socket.destroy();
          return;
        }
        // Join the chunks only once the whole message is here: joining on every chunk of a large
        // insert batch copied it over and over (quadratic in its size).
        if (length < size) break;
        const head = buffered.length === 1 ? buffered[0] : Buffer.concat(buffered, length);
        const message = head.subarray(0, size);
        const rest = head.subarray(size);
        buffered = rest.length ? [rest] : [];
        length = rest.length;
        // Messages of one connection are answered in order; a failure never escapes as an
        // unhandled rejection (that would take down the process embedding the server).
        chain = chain
          .then(() => this.onMessage(socket, id, message))
          .catch((e: unknown) => {
            this.log(`connection ${id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
            socket.destroy();
          });
      }
    });
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.onConnectionClosed(id);
    });
    socket.on("error", () => undefined);
  }

  private async onMessage(socket: net.Socket, connectionId: number, message: Buffer): Promise<void> {
    let request;
    try {
      request = parseMessage(message);
    } catch (e) {
      const header = readHeader(message);
      if (e instanceof ProtocolError) {
        this.log(`connection ${connectionId}: ${e.message}`);
        socket.write(buildMsgReply(header.requestId, { ok: 0, errmsg: e.message, code: ErrorCodes.FailedToParse, codeName: "FailedToParse" }));
        return;
      }
      socket.destroy();
      return;
    }
    let reply: Doc;
    try {
      reply = await this.execute(request.command, connectionId, request.legacy);
    } catch (e) {
      reply = this.errorReply(e);
    }
    if (request.moreToCome || socket.destroyed) return;
    if (this.setName && !request.legacy) {
      const ts = this.tick();
      reply.$clusterTime = { clusterTime: ts, signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.ZERO } };
      reply.operationTime = ts;
    }
    let out: Buffer;
    try {
      out = request.legacy ? buildLegacyReply(request.header.requestId, reply) : buildMsgReply(request.header.requestId, reply);
    } catch (e) {
      // A reply that cannot be encoded (e.g. a batch over the BSON limit) is reported, not dropped.
      const error = this.errorReply(new MongoError(ErrorCodes.InternalError, `cannot encode the reply: ${(e as Error).message}`));
      out = request.legacy ? buildLegacyReply(request.header.requestId, error) : buildMsgReply(request.header.requestId, error);
    }
    socket.write(out);
  }

  private errorReply(e: unknown): Doc {
    if (e instanceof MongoError) return e.toReply();
    const message = e instanceof Error ? e.message : String(e);
    this.log(`internal error: ${e instanceof Error ? e.stack : message}`);
    return { ok: 0, errmsg: message, code: ErrorCodes.InternalError, codeName: "InternalError" };
  }

  private tick(): Timestamp {
    const now = Math.floor(Date.now() / 1000);
    if (now > this.clockSeconds) {
      this.clockSeconds = now;
      this.clockIncrement = 0;
    }
    this.clockIncrement++;
    return new Timestamp({ t: this.clockSeconds, i: this.clockIncrement });
  }

  // ---- dispatch ----------------------------------------------------------------------------

  private async execute(cmd: Doc, connectionId: number, legacy: boolean): Promise<Doc> {
    const name = Object.keys(cmd)[0];
    if (name === undefined) fail(ErrorCodes.FailedToParse, "empty command object");
    const lower = name.toLowerCase();
    if (lower === "hello" || lower === "ismaster") return this.hello(cmd, connectionId, lower === "ismaster");
    if (legacy) fail(352, `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`);
    const db = cmd.$db;
    if (typeof db !== "string" || db === "") fail(ErrorCodes.InvalidNamespace, "OP_MSG requests require a $db argument");
    if (name === "endSessions") return this.endSessions(cmd);
    if (name === "startSession") return { id: { id: new Binary(randomBytes(16), 4) }, timeoutMinutes: 30, ok: 1 };
    if (TXN_CONTROL.has(name)) return this.transactionControl(name, cmd, connectionId);
    const spec = COMMANDS.get(name);
    if (!spec) fail(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
    this.checkFields(spec!, cmd, name);
    const session = this.sessionFor(cmd);
    const txnNumber = cmd.txnNumber === undefined ? undefined : toNumber(cmd.txnNumber);
    if (cmd.autocommit !== undefined || cmd.startTransaction !== undefined) {
      if (!this.setName) fail(ErrorCodes.IllegalOperation, "Transaction numbers are only allowed on a replica set member or mongos");
      if (cmd.autocommit !== false) fail(ErrorCodes.InvalidOptions, "autocommit can only be specified as false");
      if (!session || txnNumber === undefined) fail(ErrorCodes.InvalidOptions, "txnNumber and lsid are required for a transaction");
      return this.runInTransaction(spec!, cmd, db as string, session!, txnNumber!, connectionId);
    }
    if (txnNumber !== undefined) {
      if (!this.setName) fail(ErrorCodes.IllegalOperation, "Transaction numbers are only allowed on a replica set member or mongos");
      if (!session) fail(ErrorCodes.InvalidOptions, "Transaction number requires a session ID to also be specified");
      if (!spec!.write) fail(50768, `txnNumber may only be provided for multi-document transactions and retryable write commands. autocommit:false was not provided, and ${name} is not a retryable write command.`);
      const cached = session!.retries.get(txnNumber!);
      if (cached) return cached;
      const reply = await this.runOutsideTransaction(spec!, cmd, db as string, connectionId);
      session!.retries.set(txnNumber!, reply);
      if (session!.retries.size > 16) session!.retries.delete(session!.retries.keys().next().value as number);
      return reply;
    }
    return this.runOutsideTransaction(spec!, cmd, db as string, connectionId);
  }

  private readonly allowedFields = new WeakMap<CommandSpec, Set<string>>();

  private checkFields(spec: CommandSpec, cmd: Doc, name: string): void {
    if (!spec.fields) return;
    let allowed = this.allowedFields.get(spec);
    if (!allowed) {
      allowed = new Set(spec.fields);
      this.allowedFields.set(spec, allowed);
    }
    for (const k of Object.keys(cmd)) {
      if (!allowed.has(k) && !GENERIC_FIELDS.has(k)) fail(40415, `BSON field '${name}.${k}' is an unknown field.`);
    }
  }

  private context(cmd: Doc, db: string, txn: Transaction | null, connectionId: number): CommandContext {
    return { server: this, db, cmd, txn, changes: [], connectionId };
  }

  private async runOutsideTransaction(spec: CommandSpec, cmd: Doc, db: string, connectionId: number): Promise<Doc> {
    const ctx = this.context(cmd, db, null, connectionId);
    if (!spec.write && !spec.ddl) return spec.run(ctx);
    const writeConcernError = checkWriteConcern(cmd, this.setName !== null);
    const token = {};
    await this.lock.acquire(token, WRITE_WAIT_MS);
    let reply: Doc;
    try {
      reply = await spec.run(ctx);
    } finally {
      this.lock.release(token);
    }
    await this.store.commit(ctx.changes);
    if (spec.ddl) await this.store.sync();
    if (writeConcernError) reply.writeConcernError = writeConcernError;
    return reply;
  }

  // ---- sessions and transactions -------------------------------------------------------------

  private sessionFor(cmd: Doc): Session | null {
    const lsid = cmd.lsid;
    if (!isPlainObject(lsid)) return null;
    const id = lsid.id as Binary | undefined;
    if (!id || typeOf(id) !== "binData") fail(ErrorCodes.TypeMismatch, "lsid.id must be a UUID");
    const key = Buffer.from(id!.buffer).toString("hex");
    let s = this.sessions.get(key);
    if (!s) {
      s = { key, lastUse: Date.now(), txn: null, highestTxnNumber: -1, retries: new Map() };
      this.sessions.set(key, s);
    }
    s.lastUse = Date.now();
    return s;
  }

  private endSessions(cmd: Doc): Doc {
    const ids = cmd.endSessions;
    if (Array.isArray(ids)) {
      for (const lsid of ids) {
        if (!isPlainObject(lsid) || !lsid.id) continue;
        const key = Buffer.from((lsid.id as Binary).buffer).toString("hex");
        const s = this.sessions.get(key);
        if (s?.txn?.state === "active") this.abortTxn(s.txn);
        this.sessions.delete(key);
      }
    }
    return { ok: 1 };
  }

  private transactionError(code: number, message: string): MongoError {
    const e = new MongoError(code, message);
    e.errorLabels = ["TransientTransactionError"];
    return e;
  }

  private async runInTransaction(spec: CommandSpec, cmd: Doc, db: string, session: Session, txnNumber: number, connectionId: number): Promise<Doc> {
    let txn = session.txn;
    if (cmd.startTransaction === true) {
      if (txnNumber < session.highestTxnNumber) fail(225, `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.highestTxnNumber} has already started`);
      if (txn && txn.txnNumber === txnNumber) fail(251, `Transaction with { txnNumber: ${txnNumber} } has been started already`);
      if (txn?.state === "active") this.abortTxn(txn);
      txn = new Transaction(session.key, txnNumber);
      session.txn = txn;
      session.highestTxnNumber = txnNumber;
      const started = txn;
      txn.lifetimeTimer = setTimeout(() => {
        if (started.state === "active") {
          this.log(`aborting transaction ${txnNumber}: exceeded ${TXN_LIFETIME_MS} ms`);
          this.abortTxn(started);
        }
      }, TXN_LIFETIME_MS);
      txn.lifetimeTimer.unref();
      if (cmd.readConcern && isPlainObject(cmd.readConcern)) {
        const level = (cmd.readConcern as Doc).level;
        if (level !== undefined && !["snapshot", "majority", "local"].includes(String(level))) {
          this.abortTxn(txn);
          fail(ErrorCodes.InvalidOptions, `The readConcern level must be either 'local' (default), 'majority' or 'snapshot' in order to run in a transaction`);
        }
      }
    } else if (!txn || txn.txnNumber !== txnNumber || txn.state !== "active") {
      if (txn && txn.txnNumber === txnNumber && txn.state === "committed") {
        fail(ErrorCodes.TransactionCommitted, `Transaction ${txnNumber} has been committed.`);
      }
      throw this.transactionError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`);
    }
    if (!spec.inTransaction) {
      fail(ErrorCodes.OperationNotSupportedInTransaction, `Cannot run '${spec.name}' in a multi-document transaction.`);
    }
    if (cmd.writeConcern !== undefined) fail(ErrorCodes.InvalidOptions, "Cannot set write concern after starting a transaction.");
    txn!.connections.add(connectionId);
    if (txn!.orphanTimer) {
      clearTimeout(txn!.orphanTimer);
      txn!.orphanTimer = null;
    }
    txn!.lastUsed = Date.now();
    try {
      await this.lock.acquire(txn!, this.options.transactionLockTimeoutMs ?? 5_000);
    } catch (e) {
      this.abortTxn(txn!);
      if (e instanceof MongoError) e.errorLabels = ["TransientTransactionError"];
      throw e;
    }
    if (txn!.state !== "active") throw this.transactionError(ErrorCodes.NoSuchTransaction, `Transaction ${txnNumber} has been aborted.`);
    try {
      const reply = await spec.run(this.context(cmd, db, txn!, connectionId));
      if (Array.isArray(reply.writeErrors) && reply.writeErrors.length) this.abortTxn(txn!);
      return reply;
    } catch (e) {
      this.abortTxn(txn!);
      if (e instanceof MongoError && e.code === ErrorCodes.WriteConflict) e.errorLabels = ["TransientTransactionError"];
      throw e;
    }
  }

  private async transactionControl(name: string, cmd: Doc, connectionId: number): Promise<Doc> {
    if (!this.setName) fail(ErrorCodes.IllegalOperation, "Transaction numbers are only allowed on a replica set member or mongos");
    const session = this.sessionFor(cmd);
    if (!session || cmd.txnNumber === undefined) fail(ErrorCodes.InvalidOptions, `${name} requires lsid and txnNumber`);
    if (cmd.$db !== "admin") fail(13, `${name} may only be run against the admin database.`);
    const txnNumber = toNumber(cmd.txnNumber);
    const txn = session!.txn;
    if (!txn || txn.txnNumber !== txnNumber) {
      throw this.transactionError(ErrorCodes.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`);
    }
    txn.connections.add(connectionId);
    if (name === "abortTransaction") {
      if (txn.state === "committed") fail(ErrorCodes.TransactionCommitted, `Transaction ${txnNumber} has been committed.`);
      if (txn.state === "aborted") throw this.transactionError(ErrorCodes.NoSuchTransaction, `Transaction ${txnNumber} has been aborted.`);
      this.abortTxn(txn);
      return { ok: 1 };
    }
    if (txn.state === "committed") return { ok: 1 };
    if (txn.state === "aborted") throw this.transactionError(ErrorCodes.NoSuchTransaction, `Transaction ${txnNumber} has been aborted.`);
    const changes = this.applyTransaction(txn);
    await this.store.commit(changes);
    return { ok: 1 };
  }

  /** Applies a transaction's overlay to the store in one synchronous step and releases its lock. */
  private applyTransaction(txn: Transaction): Change[] {
    const changes: Change[] = [];
    for (const [ns, overlay] of txn.overlay) {
      const dot = ns.indexOf(".");
      const { coll } = this.store.ensureCollection(ns.slice(0, dot), ns.slice(dot + 1));
      for (const [key, doc] of overlay) {
        const id = txn.ids.get(`${ns}\u0000${key}`);
        if (doc) coll.put(key, doc);
        else coll.delete(key);
        changes.push({ ns, id, doc });
      }
    }
    txn.state = "committed";
    txn.clearTimers();
    this.lock.release(txn);
    return changes;
  }

  private abortTxn(txn: Transaction): void {
    if (txn.state !== "active") return;
    txn.state = "aborted";
    txn.overlay.clear();
    txn.clearTimers();
    this.lock.release(txn);
  }

  private onConnectionClosed(id: number): void {
    for (const s of this.sessions.values()) {
      const txn = s.txn;
      if (!txn || txn.state !== "active" || !txn.connections.has(id)) continue;
      txn.connections.delete(id);
      if (txn.connections.size === 0) {
        // The client may simply continue on another pooled connection; give it a moment.
        txn.orphanTimer = setTimeout(() => {
          if (txn.state === "active" && txn.connections.size === 0) {
            this.log(`aborting transaction ${txn.txnNumber}: its client disconnected`);
            this.abortTxn(txn);
          }
        }, ORPHAN_GRACE_MS);
        txn.orphanTimer.unref();
      }
    }
  }

  // ---- hello -------------------------------------------------------------------------------

  private hello(cmd: Doc, connectionId: number, legacyName: boolean): Doc {
    const now = new Date();
    const reply: Doc = {
      ...(cmd.helloOk ? { helloOk: true } : {}),
      ...(legacyName ? { ismaster: true } : { isWritablePrimary: true }),
      maxBsonObjectSize: MAX_BSON_SIZE,
      maxMessageSizeBytes: MAX_MESSAGE_SIZE,
      maxWriteBatchSize: 100_000,
      localTime: now,
      logicalSessionTimeoutMinutes: 30,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: MAX_WIRE_VERSION,
      readOnly: false,
    };
    if (this.setName) {
      const ts = this.tick();
      Object.assign(reply, {
        hosts: [this.address],
        setName: this.setName,
        setVersion: 1,
        primary: this.address,
        me: this.address,
        secondary: false,
        electionId: new ObjectId("7fffffff0000000000000001"),
        lastWrite: { opTime: { ts, t: Long.fromNumber(1) }, lastWriteDate: now, majorityOpTime: { ts, t: Long.fromNumber(1) }, majorityWriteDate: now },
      });
    }
    return { ...reply, ok: 1 };
  }

  // ---- cursors -----------------------------------------------------------------------------

  openCursor(ns: string, docs: Doc[], pos: number, ctx: CommandContext): Cursor {
    let id: Long;
    do {
      // Random 63-bit ids at or above 2^53, so drivers never see one that fits a JS number.
      id = Long.fromBits(randomBytes(4).readUInt32LE(0), (randomBytes(4).readUInt32LE(0) & 0x7fffffff) | 0x00200000);
    } while (id.isZero() || this.cursors.has(id.toString()));
    const batchSize = isPlainObject(ctx.cmd.cursor) && (ctx.cmd.cursor as Doc).batchSize !== undefined ? toNumber((ctx.cmd.cursor as Doc).batchSize) : null;
    const cursor: Cursor = { id, ns, docs, pos, batchSize, sessionKey: null, lastUsed: Date.now() };
    this.cursors.set(id.toString(), cursor);
    return cursor;
  }

  cursor(id: Long): Cursor | undefined {
    return this.cursors.get(id.toString());
  }

  closeCursor(id: Long): boolean {
    return this.cursors.delete(id.toString());
  }

  closeCursorsFor(ns: string): void {
    for (const [k, c] of this.cursors) if (c.ns === ns) this.cursors.delete(k);
  }

  private expireCursors(): void {
    const cutoff = Date.now() - CURSOR_TIMEOUT_MS;
    for (const [k, c] of this.cursors) if (c.lastUsed < cutoff) this.cursors.delete(k);
    for (const [k, s] of this.sessions) if (!s.txn || s.txn.state !== "active") if (s.lastUse < Date.now() - 30 * 60_000) this.sessions.delete(k);
  }

  // ---- TTL ---------------------------------------------------------------------------------

  /** Per TTL index: the collection version last scanned and the earliest expiry it still holds. */
  private readonly ttlScans = new WeakMap<object, { version: number; nextExpiry: number }>();

  /**
   * Deletes documents whose TTL has passed (like mongod's TTL monitor, but every second). A
   * collection is rescanned only when it changed or its earliest known expiry has come.
   */
  private enforceTtl(): void {
    const token = {};
    if (!this.lock.tryAcquire(token)) return;
    const changes: Change[] = [];
    try {
      const now = Date.now();
      for (const colls of this.store.dbs.values()) {
        for (const coll of colls.values()) {
          for (const index of coll.indexes.values()) {
            const ttl = index.def.expireAfterSeconds;
            if (ttl === undefined) continue;
            const last = this.ttlScans.get(index);
            if (last && last.version === coll.version && now < last.nextExpiry) continue;
            const field = index.first;
            const expired: string[] = [];
            let nextExpiry = Infinity;
            for (const [key, doc] of coll.docs) {
              if (!index.covers(doc)) continue;
              let earliest = Infinity;
              for (const v of valuesAtPath(doc, field)) {
                if (v instanceof Date) earliest = Math.min(earliest, v.getTime());
                else if (Array.isArray(v)) for (const el of v) if (el instanceof Date) earliest = Math.min(earliest, el.getTime());
              }
              if (earliest === Infinity) continue;
              const expiry = earliest + ttl * 1000;
              if (expiry <= now) expired.push(key);
              else if (expiry < nextExpiry) nextExpiry = expiry;
            }
            for (const key of expired) {
              const doc = coll.get(key)!;
              coll.delete(key);
              changes.push({ ns: coll.ns, id: doc._id, doc: null });
            }
            this.ttlScans.set(index, { version: coll.version, nextExpiry });
          }
        }
      }
    } finally {
      this.lock.release(token);
    }
    if (changes.length) void this.store.commit(changes).catch((e: Error) => this.log(`TTL journal write failed: ${e.message}`));
  }
}

export { Collection };
