import path from "node:path";
import mongoose from "mongoose";
import { readDbPathLock, startEmbeddedMongo } from "@lushan/embedded-mongo";
import type { Config } from "../config";
import type { Logger } from "../logger";

export interface Database {
  uri: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connects mongoose to `MONGODB_URI`, or, outside production when it is unset, to an embedded
 * MongoDB-compatible server persisting in `.data/db`. Indexes of every registered model are built
 * before this returns, so unique constraints hold from the first request.
 * @param config configuration.
 * @param log logger.
 * @returns the connection handle.
 */
export async function connectDatabase(config: Config, log: Logger): Promise<Database> {
  mongoose.set("strictQuery", true);
  let uri = config.mongodbUri;
  let stopEmbedded: (() => Promise<void>) | null = null;
  const running = uri ? null : readDbPathLock(config.embeddedMongo.dbPath);
  if (running) {
    // Another process (a running BFF) already serves this data directory: share it.
    uri = `mongodb://${running.host}:${running.port}/?replicaSet=rs0`;
    log.info({ uri }, "内嵌数据库已由其他进程运行，直接连接");
  } else if (!uri) {
    const server = await startEmbeddedMongo({
      port: config.embeddedMongo.port,
      dbPath: config.embeddedMongo.dbPath,
    });
    uri = server.uri;
    stopEmbedded = server.stop;
    log.info(
      { uri, dbPath: path.relative(process.cwd(), config.embeddedMongo.dbPath) || "." },
      "未设置 MONGODB_URI，已启动内嵌数据库（仅用于开发和测试）",
    );
  }
  // The embedded server's URI names no database; production URIs usually do.
  const named = /^mongodb(?:\+srv)?:\/\/[^/]+\/[^?]+/.test(uri);
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, ...(named ? {} : { dbName: "lushan" }) });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  return {
    uri,
    embedded: Boolean(stopEmbedded),
    async close() {
      await mongoose.disconnect();
      await stopEmbedded?.();
    },
  };
}
