import { EmbeddedServer, type ServerOptions } from "./server";

export { EmbeddedServer, type ServerOptions };
export { MongoError, ErrorCodes } from "./errors";
export { readDbPathLock, type DbPathLock } from "./storage/lockFile";

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
  const host = server.host;
  const uri = options.standalone
    ? `mongodb://${host}:${server.port}/?directConnection=true`
    : `mongodb://${host}:${server.port}/?replicaSet=${options.replSetName ?? "rs0"}`;
  return { uri, port: server.port, server, stop: () => server.stop() };
}
