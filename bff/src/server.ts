// The process entry point. It loads only configuration and logging, starts the embedded
// database's thread (when MONGODB_URI is unset), and loads the rest of the BFF while that thread
// starts and opens its data directory.
import { ConfigError, loadConfig, type Config } from "./config";
import { startEmbeddedDatabase } from "./db/embedded";
import { createLogger } from "./logger";

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
  const embedded = startEmbeddedDatabase(config, log);
  // Keeps an early failure from being reported as unhandled before startServer awaits it.
  embedded.catch(() => undefined);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require("./startServer") as typeof import("./startServer");
  const running = await startServer(config, log, embedded);
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
