import http from "node:http";
import type { AddressInfo } from "node:net";
import "./models";
import { createApp } from "./app";
import { ConfigError, loadConfig, type Config } from "./config";
import { connectDatabase } from "./db/connect";
import { createLogger, type Logger } from "./logger";
import { createBackground } from "./queues/runtime";
import { runSeed } from "./seed";
import { createServices } from "./services";

export interface RunningServer {
  url: string | null;
  close(): Promise<void>;
}

/**
 * Starts the roles listed in `SERVICES` (web, worker, cron) on one database connection.
 * @param config configuration.
 * @param log logger.
 * @returns the base URL (when serving HTTP) and a graceful close.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const started = Date.now();
  const db = await connectDatabase(config, log);
  if (config.seed) await runSeed({ config, log });
  const services = createServices(config, log);
  const background = createBackground({ config, log, services });
  if (config.services.has("worker")) {
    services.queue.nudge = () => background.worker.nudge();
    background.worker.start();
  }
  if (config.services.has("cron")) await background.scheduler.start();

  let server: http.Server | null = null;
  let url: string | null = null;
  if (config.services.has("web")) {
    const app = createApp({ config, log, services });
    server = http.createServer(app.callback());
    // Slightly above typical load-balancer idle timeouts, so the balancer closes first.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  }
  log.info({ url, services: [...config.services], ms: Date.now() - started }, "庐山市市场准入服务已启动");

  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= (async () => {
        if (server) {
          // Stop accepting, let in-flight requests finish, then drop idle keep-alive sockets.
          // Clients that keep sending on their keep-alive connections are told to reconnect
          // (elsewhere) with their next answer; otherwise they kept the drain busy until the
          // grace period ran out and then lost the requests in flight.
          server.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) => res.setHeader("Connection", "close"));
          const drained = new Promise<void>((resolve) => server!.close(() => resolve()));
          server.closeIdleConnections();
          const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
          await Promise.race([drained, timeout]);
          server.closeAllConnections();
        }
        await background.worker.stop();
        await background.scheduler.stop();
        await db.close();
        log.info("服务已停止");
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const running = await startServer(config, log);
  if (running.url && !config.isProduction) {
    log.info(
      `打开 ${running.url} 使用 H5 版本；工作人员演示账号 admin、fgw.coord、rx12345.op、<部门代码>.staff，密码见 README（DEV_STAFF_PASSWORD）`,
    );
  }
  let signals = 0;
  const stop = (signal: string) => {
    signals++;
    if (signals > 1) process.exit(1);
    log.info({ signal }, "收到停止信号，正在优雅退出");
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, "退出时出错");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
