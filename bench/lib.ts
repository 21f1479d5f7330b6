import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

export const ROOT = path.resolve(__dirname, "..");

/**
 * The V8 flags `npm start` gives the BFF process. A 64 MB semi-space lets a request's short-lived
 * objects die young: at 32 MB, every scavenge during a /healthz load promoted ~5 MB of them and
 * paused ~18 ms; at 64 MB scavenges take ~1 ms (healthz 8.6k → 13.5k req/s, p99 32 → 18 ms at
 * 100 connections on this machine).
 */
export const BFF_NODE_FLAGS = ["--max-semi-space-size=64"];

export interface Measurement {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Each timed round's own figures; rps, p50 and p99 above are their medians. */
  rounds?: { rps: number; p50: number; p99: number }[];
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningBff {
  url: string;
  child: ChildProcess;
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the built BFF (`bff/dist/server.js`) as production would run it, on a fresh embedded
 * database in a temporary directory (or in `options.dir`, left in place on stop), and waits for
 * /readyz.
 */
export async function startBff(env: Record<string, string> = {}, options: { dir?: string } = {}): Promise<RunningBff> {
  const port = await freePort();
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), "lushan-bench-"));
  const started = Date.now();
  const nodeArgs = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...BFF_NODE_FLAGS, ...nodeArgs, path.join(ROOT, "bff/dist/server.js")], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      RATE_LIMIT_PER_MINUTE: "0",
      LOGIN_RATE_LIMIT_PER_MINUTE: "0",
      VALIDATE_RESPONSES: "false",
      EMBEDDED_MONGO_DBPATH: path.join(dir, "db"),
      ...env,
    },
    // The BFF's own log goes to a file so the benchmark table stays readable.
    stdio: ["ignore", openSync(path.join(dir, "bff.log"), "a"), openSync(path.join(dir, "bff.log"), "a")],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`BFF exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = Date.now() - started;
  return {
    url,
    child,
    readyMs,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadOptions {
  name: string;
  url: string;
  connections?: number;
  durationSec?: number;
  requests?: autocannon.Request[];
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /**
   * Seconds of the same load run first and not recorded (`BENCH_WARMUP_SECONDS`, 2 by default),
   * after one request of each fixed GET in `requests`: the connections are opened, the handlers
   * compiled and the caches filled, so the figures are the steady state a running server sees
   * rather than its first second. Requests built per call (`setupRequest`) are not replayed, so
   * the "uncached" scenarios stay uncached.
   */
  warmupSec?: number;
  /**
   * The timed load is split into this many equal rounds (`BENCH_ROUNDS`, 4 by default) and each
   * figure is the median of the rounds'. This VM stalls now and then for tens of milliseconds
   * (/healthz itself has shown p99 15 ms and 26 ms in consecutive runs); one stall falls into one
   * round and does not decide the figure, while every round is still a p99 over thousands of
   * requests. Each round's figures are kept in `rounds`.
   */
  rounds?: number;
}

export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs autocannon (after a warm-up of the same load) in timed rounds and returns the medians of
 * their throughput and latency percentiles.
 */
export async function load(options: LoadOptions): Promise<Measurement> {
  const run = (duration: number) =>
    autocannon({
      url: options.url,
      connections: options.connections ?? 100,
      duration,
      method: options.method ?? "GET",
      headers: options.headers,
      body: options.body,
      requests: options.requests,
    });
  const warmup = options.warmupSec ?? WARMUP_SECONDS;
  if (warmup > 0) {
    // autocannon walks a request list in step on every connection, so a timed warm-up reaches
    // only its first part; each fixed GET of the list is made once here so the whole set is warm.
    for (const r of (options.method ?? "GET") === "GET" ? (options.requests ?? []) : []) {
      if (!r.path || r.setupRequest) continue;
      const res = await fetch(new URL(r.path, options.url), { headers: options.headers });
      await res.arrayBuffer();
    }
    await run(warmup);
  }
  const rounds = Math.max(1, options.rounds ?? ROUNDS);
  const results: autocannon.Result[] = [];
  for (let r = 0; r < rounds; r++) results.push(await run((options.durationSec ?? 10) / rounds));
  const perRound = results.map((x) => ({ rps: Math.round(x.requests.average), p50: x.latency.p50, p99: x.latency.p99 }));
  return {
    name: options.name,
    rps: Math.round(median(perRound.map((x) => x.rps))),
    p50: median(perRound.map((x) => x.p50)),
    p99: median(perRound.map((x) => x.p99)),
    errors: results.reduce((n, x) => n + x.errors + x.timeouts, 0),
    non2xx: results.reduce((n, x) => n + x.non2xx, 0),
    rounds: perRound,
  };
}

/**
 * Prints the rows with their ratio to /healthz: to `floor`, or to the nearest /healthz row above
 * them (a run that measures healthz again before a second part compares that part with its own).
 */
export function printTable(rows: Measurement[], floor: Measurement): void {
  console.log(`\n${"场景".padEnd(34)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"×healthz".padStart(10)}${"非2xx".padStart(8)}`);
  let reference = floor;
  for (const r of rows) {
    if (r.name.startsWith("/healthz")) reference = r;
    console.log(`${r.name.padEnd(34)}${String(r.rps).padStart(9)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}${(r.rps / reference.rps).toFixed(2).padStart(10)}${String(r.non2xx + r.errors).padStart(8)}`);
  }
}
