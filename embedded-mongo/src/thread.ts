import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { MongoError } from "./errors";
import type { StartOptions } from "./index";

/** What the server thread reports to the thread that started it. */
export type ThreadMessage =
  | { type: "ready"; uri: string; port: number }
  | { type: "failed"; error: { message: string; code?: number; codeName?: string } }
  | { type: "log"; message: string };

export interface ThreadedEmbeddedMongo {
  uri: string;
  port: number;
  /** Stops the server (journal flushed, lock released) and ends its thread. */
  stop(): Promise<void>;
}

export type ThreadOptions = Omit<StartOptions, "logger"> & {
  logger?: (message: string) => void;
  /**
   * Called when the server thread dies on its own (an uncaught error, or an exit nobody asked
   * for): the database is gone, so the caller should not carry on as if it were there.
   */
  onCrash(err: Error): void;
};

/**
 * Starts the embedded server in a worker thread of this process. The server then has its own
 * heap and garbage collector (a large database no longer lengthens the pauses of the thread
 * serving HTTP) and runs on another core while the starting thread loads code, seeds data or
 * serves requests. Clients connect over TCP exactly as to the in-thread server.
 * @param options as for `startEmbeddedMongo`, plus what to do if the thread crashes.
 * @returns the connection string and a stop function.
 */
export function startEmbeddedMongoThread(options: ThreadOptions): Promise<ThreadedEmbeddedMongo> {
  const { onCrash, logger, ...start } = options;
  // Next to this file once built; from the TypeScript sources (jest), the built copy.
  const built = path.join(__dirname, "threadMain.js");
  const worker = new Worker(
    existsSync(built) ? built : path.join(__dirname, "../dist/threadMain.js"),
    {
      workerData: { ...start, log: Boolean(logger) },
      // The server thread needs none of the starting process's loaders or profilers (V8's heap
      // flags apply to every thread of the process anyway).
      execArgv: [],
    },
  );
  let stopping = false;
  return new Promise((resolve, reject) => {
    let started = false;
    worker.on("message", (m: ThreadMessage) => {
      if (m.type === "log") logger?.(m.message);
      else if (m.type === "failed")
        reject(
          typeof m.error.code === "number"
            ? new MongoError(m.error.code, m.error.message)
            : new Error(m.error.message),
        );
      else if (m.type === "ready") {
        started = true;
        resolve({
          uri: m.uri,
          port: m.port,
          async stop() {
            if (stopping) return;
            stopping = true;
            const exited = new Promise<void>((r) => worker.once("exit", () => r()));
            worker.postMessage("stop");
            await exited;
          },
        });
      }
    });
    worker.on("error", (err) => {
      if (!started) reject(err);
      else onCrash(err);
    });
    worker.on("exit", (code) => {
      if (!started) reject(new Error(`内嵌数据库线程启动失败（退出码 ${code}）`));
      else if (!stopping) onCrash(new Error(`内嵌数据库线程意外退出（退出码 ${code}）`));
    });
  });
}
