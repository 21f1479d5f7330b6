/**
 * Real processes for fault tests: the embedded database run through its CLI and the BFF run
 * through `bff/src/server.ts`, each in its own process (tsx as a loader, not its CLI, so SIGKILL
 * hits the process itself and not a wrapper), both on loopback.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  /** What the process wrote to stderr (for failure messages). */
  stderr(): string;
  /** SIGKILL and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

function wrap(child: ChildProcess): Proc {
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-8_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    stderr: () => err,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function tsNode(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface DbProcess extends Proc {
  uri: string;
}

/**
 * The embedded database in its own process (`embedded-mongo` CLI), durable in `dbPath`.
 * @param dbPath data directory (kept across restarts).
 * @param port fixed port, so a restarted server is found again by connected clients.
 * @returns once it listens.
 */
export async function startDbProcess(dbPath: string, port: number): Promise<DbProcess> {
  const child = tsNode(
    "embedded-mongo/src/cli.ts",
    ["--port", String(port), "--dbpath", dbPath],
    process.env,
  );
  const proc = wrap(child);
  const uri = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening: (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) =>
      reject(new Error(`embedded-mongo exited (${code}): ${proc.stderr()}`)),
    );
  });
  return { ...proc, uri };
}

export interface BffProcess extends Proc {
  url: string;
}

/**
 * The BFF in its own process, configured only through its environment as in production.
 * @param env configuration (MONGODB_URI, SERVICES, …); PORT and HOST are set here.
 * @returns once /readyz answers 200.
 */
export async function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  const port = await freePort();
  const child = tsNode("bff/src/server.ts", [], {
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    HOST: "127.0.0.1",
    PORT: String(port),
    RATE_LIMIT_PER_MINUTE: "0",
    LOGIN_RATE_LIMIT_PER_MINUTE: "0",
    ...env,
  });
  const proc = wrap(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`BFF exited (${child.exitCode}): ${proc.stderr()}`);
    if (Date.now() > deadline) {
      await proc.kill9();
      throw new Error(`BFF not ready after 60 s: ${proc.stderr()}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ...proc, url };
}
