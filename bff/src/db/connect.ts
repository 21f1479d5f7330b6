import mongoose from "mongoose";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

export interface Database {
  uri: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects mongoose to `MONGODB_URI`, or, outside production when it is unset, to an embedded
 * MongoDB-compatible server persisting in `.data/db` (see `startEmbeddedDatabase`). Indexes of
 * every registered model are built before this returns, so unique constraints hold from the
 * first request.
 * @param config configuration.
 * @param log logger.
 * @param embedded the embedded database when the caller already started it (the server starts
 *   it before loading its code); started here otherwise.
 * @returns the connection handle.
 */
export async function connectDatabase(
  config: Config,
  log: Logger,
  embedded?: Promise<EmbeddedDatabase | null>,
): Promise<Database> {
  mongoose.set("strictQuery", true);
  const local = await (embedded ?? startEmbeddedDatabase(config, log));
  const uri = local?.uri ?? config.mongodbUri!;
  // The embedded server's URI names no database; production URIs usually do.
  const named = /^mongodb(?:\+srv)?:\/\/[^/]+\/[^?]+/.test(uri);
  try {
    await mongoose.connect(uri, {
      serverSelectionTimeoutMS: 10_000,
      ...(named ? {} : { dbName: "lushan" }),
    });
    await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  } catch (err) {
    await local?.stop?.();
    throw err;
  }
  return {
    uri,
    embedded: Boolean(local?.stop),
    async close() {
      await mongoose.disconnect();
      await local?.stop?.();
    },
  };
}
