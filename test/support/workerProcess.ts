/**
 * A background worker in its own process, configured from the environment like a BFF started
 * with SERVICES=worker. Tests start it, kill it with SIGKILL mid-job and check what survives.
 */
import "../../bff/src/models";
import { loadConfig } from "../../bff/src/config";
import { connectDatabase } from "../../bff/src/db/connect";
import { createLogger } from "../../bff/src/logger";
import { createBackground } from "../../bff/src/queues/runtime";
import { createServices } from "../../bff/src/services";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  await connectDatabase(config, log);
  const { worker } = createBackground({ config, log, services: createServices(config, log) });
  process.stdout.write("ready\n");
  for (;;) {
    if ((await worker.drain()) === 0) await new Promise((r) => setTimeout(r, 20));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
