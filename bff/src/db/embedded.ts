import path from "node:path";
import { readDbPathLock, startEmbeddedMongoThread } from "@lushan/embedded-mongo/launch";
import type { Config } from "../config";
import type { Logger } from "../logger";

/** The database to connect to when `MONGODB_URI` is unset (outside production). */
export interface EmbeddedDatabase {
  uri: string;
  /** Stops the server this process started; null when another process runs it. */
  stop: (() => Promise<void>) | null;
}

/**
 * Without `MONGODB_URI`: connects to the embedded server another process (a running BFF) already
 * runs on the data directory, or starts one in a worker thread of this process — its heap (the
 * whole database) is then collected apart from the one serving requests, and its work runs on the
 * other core. Started before the BFF's own code is loaded, so both happen at once.
 * @param config configuration.
 * @param log logger.
 * @returns null when `MONGODB_URI` is set.
 */
export async function startEmbeddedDatabase(
  config: Config,
  log: Logger,
): Promise<EmbeddedDatabase | null> {
  if (config.mongodbUri) return null;
  const running = readDbPathLock(config.embeddedMongo.dbPath);
  if (running) {
    const uri = `mongodb://${running.host}:${running.port}/?replicaSet=rs0`;
    log.info({ uri }, "内嵌数据库已由其他进程运行，直接连接");
    return { uri, stop: null };
  }
  const server = await startEmbeddedMongoThread({
    port: config.embeddedMongo.port,
    dbPath: config.embeddedMongo.dbPath,
    onCrash(err) {
      // As when a mongod dies under a process manager: exit and be restarted, rather than
      // answer every request with a connection error.
      log.fatal({ err }, "内嵌数据库线程异常退出，服务随之退出");
      process.exit(1);
    },
  });
  log.info(
    { uri: server.uri, dbPath: path.relative(process.cwd(), config.embeddedMongo.dbPath) || "." },
    "未设置 MONGODB_URI，已启动内嵌数据库（仅用于开发和测试）",
  );
  return { uri: server.uri, stop: server.stop };
}
