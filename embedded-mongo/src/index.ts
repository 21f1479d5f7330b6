import { EmbeddedServer, type ServerOptions } from "./server";

export { EmbeddedServer, type ServerOptions };
export { MongoError, ErrorCodes } from "./errors";
export { readDbPathLock, startEmbeddedMongoThread, type DbPathLock, type ThreadedEmbeddedMongo, type ThreadOptions } from "./launch";

export interface StartOptions {
  /** TCP port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Data directory (journal and snapshot). */
  dbPath?: string;
  /** Keep everything in memory (tests). Default when no dbPath is given. */
  inMemory?: boolean;
  /** Behave like a bare mongod (no replica set, no transactions). */
  standalone?: boolean;
  replSetName?: string;
  logger?: (message: string) => void;
  /** Journal size in bytes after which a snapshot is written (default 64 MiB). */
  compactAtBytes?: number;
  /** How long a transaction waits for another one before failing with 112 WriteConflict (default 5 s). */
  transactionLockTimeoutMs?: number;
  /** How often TTL indexes are enforced (default 1 s; mongod: 60 s). */
  ttlIntervalMs?: number;
}

export interface RunningEmbeddedMongo {
  /** Connection string for the driver/mongoose with default options. */
  uri: string;
  port: number;
  server: EmbeddedServer;
  stop(): Promise<void>;
}

/**
 * Starts the embedded MongoDB-compatible server.
 * @param options port, data directory, topology.
 * @returns the connection string and a stop function.
 */
export async function startEmbeddedMongo(options: StartOptions = {}): Promise<RunningEmbeddedMongo> {
  const inMemory = options.inMemory ?? !options.dbPath;
  const server = new EmbeddedServer({ ...options, inMemory });
  await server.start();
  const uri = options.standalone
    ? `mongodb://${server.address}/?directConnection=true`
    : `mongodb://${server.address}/?replicaSet=${options.replSetName ?? "rs0"}`;
  return { uri, port: server.port, server, stop: () => server.stop() };
}
