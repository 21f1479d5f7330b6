import http from "node:http";
import type { AddressInfo } from "node:net";
import "./models";
import { createApp } from "./app";
import type { Config } from "./config";
import { connectDatabase } from "./db/connect";
import type { EmbeddedDatabase } from "./db/embedded";
import type { Logger } from "./logger";
import { createBackground } from "./queues/runtime";
import { runSeed } from "./seed";
import { warmUpSearch } from "./search/warmUp";
import { createServices } from "./services";

/** How long after listening the search indexes are built if nobody has searched yet. */
const WARM_UP_DELAY_MS = 500;

export interface RunningServer {
  url: string | null;
  close(): Promise<void>;
}

/**
 * Starts the roles listed in `SERVICES` (web, worker, cron) on one database connection.
 * @param config configuration.
 * @param log logger.
 * @param embedded the embedded database if the caller started it already.
 * @returns the base URL (when serving HTTP) and a graceful close.
 */
export async function startServer(
  config: Config,
  log: Logger,
  embedded?: Promise<EmbeddedDatabase | null>,
): Promise<RunningServer> {
  const started = Date.now();
  const db = await connectDatabase(config, log, embedded);
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
  log.info(
    { url, services: [...config.services], ms: Date.now() - started },
    "庐山市市场准入服务已启动",
  );
  // Tests start many short-lived servers that mostly never search; they build on first use.
  if (server && config.env !== "test") {
    // Shortly after the server answers, not at once: the build is ~0.8 s of synchronous work on
    // this 2-core machine, and started immediately it held back the readiness probe itself
    // (ready 1.6–1.8 s → 2.5 s) without making the first answers any faster.
    setTimeout(() => {
      warmUpSearch(services).then(
        (ms) => log.info({ ms }, "检索索引已预热"),
        (err: unknown) => log.warn({ err }, "检索索引预热失败，将在首次检索时构建"),
      );
    }, WARM_UP_DELAY_MS).unref();
  }

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
          server.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) =>
            res.setHeader("Connection", "close"),
          );
          const drained = new Promise<void>((resolve) => server!.close(() => resolve()));
          server.closeIdleConnections();
          const timeout = new Promise<void>((resolve) =>
            setTimeout(resolve, config.shutdownGraceMs).unref(),
          );
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
