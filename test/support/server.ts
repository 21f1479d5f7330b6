import http from "node:http";
import type { AddressInfo } from "node:net";
import mongoose from "mongoose";
import "../../bff/src/models";
import { createApp } from "../../bff/src/app";
import { loadConfig, type Config } from "../../bff/src/config";
import { connectDatabase, type Database } from "../../bff/src/db/connect";
import { createLogger } from "../../bff/src/logger";
import { createBackground } from "../../bff/src/queues/runtime";
import type { CronScheduler } from "../../bff/src/queues/scheduler";
import type { JobWorker } from "../../bff/src/queues/worker";
import { createServices, type Services } from "../../bff/src/services";
import { FakeWechat, FAKE_APPID, FAKE_SECRET } from "./fakeWechat";
import { startTestDatabase, type TestDatabase } from "./db";

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  /** Access token; sent as `Authorization: Bearer`. */
  token?: string;
  /** JSON body (serialised unless `raw` is given). */
  body?: unknown;
  /** Raw body sent as is, with `contentType`. */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface TestServerOptions {
  /** Extra environment variables for `loadConfig`. */
  env?: Record<string, string>;
  /** Start a fake WeChat API and configure the BFF to use it. */
  wechat?: boolean;
  /** Run the development seed (departments, staff accounts, sample data). */
  seed?: boolean;
}

/** A real, listening BFF on its own database, for black-box API tests. */
export class TestServer {
  url = "";
  config!: Config;
  services!: Services;
  worker!: JobWorker;
  scheduler!: CronScheduler;
  wechat: FakeWechat | null = null;
  private http: http.Server | null = null;
  private db: TestDatabase | null = null;
  private database: Database | null = null;

  constructor(private readonly options: TestServerOptions = {}) {}

  async start(): Promise<this> {
    this.db = await startTestDatabase();
    if (this.options.wechat) this.wechat = await new FakeWechat().start();
    this.config = loadConfig({
      NODE_ENV: "test",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      MONGODB_URI: this.db.uri,
      JWT_SECRET: "test-secret-test-secret-test-secret-0123",
      RATE_LIMIT_PER_MINUTE: "0",
      LOGIN_RATE_LIMIT_PER_MINUTE: "0",
      SEED: this.options.seed ? "true" : "false",
      H5_DIR: "miniapp/dist/h5",
      ...(this.wechat ? { WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: this.wechat.url } : {}),
      ...this.options.env,
    });
    const log = createLogger(this.config.logLevel);
    this.database = await connectDatabase(this.config, log);
    this.services = createServices(this.config, log);
    if (this.config.seed) {
      const { runSeed } = await import("../../bff/src/seed");
      await runSeed({ config: this.config, log });
    }
    const background = createBackground({ config: this.config, log, services: this.services });
    this.worker = background.worker;
    this.scheduler = background.scheduler;
    const app = createApp({ config: this.config, log, services: this.services });
    this.http = http.createServer(app.callback());
    await new Promise<void>((resolve) => this.http!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.http) return resolve();
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
    await this.worker?.stop();
    await this.scheduler?.stop();
    if (process.env.MONGODB_URI && mongoose.connection.readyState === 1) {
      await mongoose.connection.dropDatabase();
    }
    await this.database?.close();
    await this.db?.stop();
    await this.wechat?.stop();
  }

  /** Runs every due background job now (instead of waiting for the worker loop). */
  drainJobs(): Promise<number> {
    return this.worker.drain();
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    const url = new URL(path, this.url);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      if (options.contentType) headers["content-type"] = options.contentType;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>("GET", path, options);
  }
  post<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>("POST", path, options);
  }
  put<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>("PUT", path, options);
  }
  patch<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>("PATCH", path, options);
  }
  delete<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>("DELETE", path, options);
  }
}

/**
 * A test server for the current test file, started before its tests and stopped after them.
 * @param options environment, fake WeChat, seed.
 * @returns the server (usable inside tests and hooks).
 */
export function getTestServer(options: TestServerOptions = {}): TestServer {
  const server = new TestServer(options);
  beforeAll(async () => {
    await server.start();
  }, 60_000);
  afterAll(async () => {
    await server.stop();
  }, 60_000);
  return server;
}
