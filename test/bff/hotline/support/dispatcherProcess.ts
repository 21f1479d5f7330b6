/**
 * A 12345 dispatcher in its own process, configured from the environment like a BFF worker:
 * runs the dispatcher again and again (as the 2-second cron would, faster). Tests start two,
 * SIGKILL one in the middle of its sends, and check that every work order still arrives once.
 */
import "../../../../bff/src/models";
import { loadConfig } from "../../../../bff/src/config";
import { connectDatabase } from "../../../../bff/src/db/connect";
import { HotlineDispatcher } from "../../../../bff/src/hotline/dispatcher";
import { createLogger } from "../../../../bff/src/logger";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  await connectDatabase(config, log);
  const dispatcher = new HotlineDispatcher({ config, log, id: process.env.DISPATCHER_ID, concurrency: 4, budgetMs: 600_000 });
  process.stdout.write("ready\n");
  for (;;) {
    const s = await dispatcher.runOnce();
    if (s.delivered) process.stdout.write(`delivered ${s.delivered}\n`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
