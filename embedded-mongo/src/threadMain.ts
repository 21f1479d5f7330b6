// Entry point of the server thread started by `startEmbeddedMongoThread`.
import { parentPort, workerData } from "node:worker_threads";
import { startEmbeddedMongo, type StartOptions } from "./index";
import type { ThreadMessage } from "./thread";

const port = parentPort!;
const { log, ...options } = workerData as StartOptions & { log: boolean };
const post = (m: ThreadMessage) => port.postMessage(m);

startEmbeddedMongo({
  ...options,
  ...(log ? { logger: (message: string) => post({ type: "log", message }) } : {}),
}).then(
  (running) => {
    port.on("message", (m: unknown) => {
      if (m !== "stop") return;
      running.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          throw err;
        },
      );
    });
    post({ type: "ready", uri: running.uri, port: running.port });
  },
  (err: { message?: string; code?: unknown }) => {
    post({
      type: "failed",
      error: {
        message: String(err?.message ?? err),
        code: typeof err?.code === "number" ? err.code : undefined,
      },
    });
    process.exit(1);
  },
);
