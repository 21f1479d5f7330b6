import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { TEMPLATE_KEYS, type TemplateKey, type TemplateKind } from "@lushan/shared";

/** Repository root (two levels above bff/dist or bff/src). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Which roles this process plays: web (HTTP), worker (queues), cron (schedules). */
  SERVICES: z.string().default("web,worker,cron"),
  MONGODB_URI: z.string().url().optional(),
  EMBEDDED_MONGO_DBPATH: z.string().default(".data/db"),
  EMBEDDED_MONGO_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  JWT_SECRET: z.string().min(32, "JWT_SECRET 至少 32 个字符").optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.string().url().default("https://api.weixin.qq.com"),
  /** Token configured for the mini-program's message push (content-check results). */
  WECHAT_PUSH_TOKEN: z.string().min(3).max(32).optional(),
  /** The public https address of this service (WeChat downloads images to check from it). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  UPLOAD_DIR: z.string().default(".data/uploads"),
  /** Without WeChat content security: dispatch complaints unchecked (recorded) or hold them for a person. */
  CONTENT_CHECK_FALLBACK: z.enum(["dispatch", "hold"], { error: "CONTENT_CHECK_FALLBACK 只能是 dispatch 或 hold" }).default("dispatch"),
  /** Complaints one citizen may file per 24 hours (0: no limit). */
  COMPLAINT_DAILY_LIMIT: z.coerce.number().int().min(0).max(10_000).default(20),
  /** Image uploads per client IP per minute (0: no limit beyond the API-wide one). */
  UPLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  DEV_STAFF_PASSWORD: z.string().min(8).default("Lushan@2026"),
  SEED: bool.optional(),
  CORS_ORIGINS: z.string().default(""),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(256),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  METRICS_TOKEN: z.string().optional(),
  H5_DIR: z.string().default("miniapp/dist/h5"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  VALIDATE_RESPONSES: bool.optional(),
  /** The 庐山发布 official account (a different app from the mini-program), for article sync. */
  WECHAT_MP_APPID: z.string().optional(),
  WECHAT_MP_SECRET: z.string().optional(),
  ARTICLE_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1_440).default(30),
  /** Subscribe-message template ids (from the mini-program's console). */
  WECHAT_TEMPLATE_LIST_UPDATE: z.string().trim().min(1).max(128).optional(),
  WECHAT_TEMPLATE_POLICY_UPDATE: z.string().trim().min(1).max(128).optional(),
  WECHAT_TEMPLATE_COMPLAINT_PROGRESS: z.string().trim().min(1).max(128).optional(),
  /** Which of the templates are long-term (长期订阅); the others are one-time. */
  WECHAT_LONG_TERM_TEMPLATES: z.string().default(""),
  WECHAT_MINIPROGRAM_STATE: z.enum(["formal", "trial", "developer"]).default("formal"),
  SUBSCRIBE_SEND_PER_SECOND: z.coerce.number().min(0.1).max(1_000).default(20),
  /** Recipients per fan-out round trip (message-center insert, consent lookup, delivery job). */
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(10).max(5_000).default(1_000),
  /** The 12345 platform's work-order API; without it work orders stay in the in-product operator queue. */
  HOTLINE_API_URL: z.string().url("HOTLINE_API_URL 须为完整网址").optional(),
  /** Our client id at the 12345 platform (sent as X-Hotline-Key). */
  HOTLINE_API_KEY: z.string().trim().min(1).max(128).optional(),
  /** Shared HMAC-SHA256 secret for requests to the platform and its callbacks. */
  HOTLINE_API_SECRET: z.string().min(16, "HOTLINE_API_SECRET 至少 16 个字符").optional(),
  HOTLINE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  HOTLINE_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  HOTLINE_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(1_800_000),
  HOTLINE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  HOTLINE_PULL_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  HOTLINE_CALLBACK_WINDOW_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
});

export type Env = z.infer<typeof EnvSchema>;

/** Validated runtime configuration. Everything the BFF reads from the environment is here. */
export interface Config {
  env: Env["NODE_ENV"];
  isProduction: boolean;
  host: string;
  port: number;
  services: Set<"web" | "worker" | "cron">;
  mongodbUri?: string;
  embeddedMongo: { dbPath: string; port: number };
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  wechat: { appId?: string; secret?: string; apiBase: string; configured: boolean; pushToken?: string };
  publicBaseUrl?: string;
  uploadDir: string;
  uploadRateLimitPerMinute: number;
  complaints: {
    /** What happens to citizens' text when WeChat content security is not configured. */
    contentCheckFallback: "dispatch" | "hold";
    /** Per citizen per 24 hours; 0 for none. */
    dailyLimit: number;
  };
  devStaffPassword: string;
  seed: boolean;
  corsOrigins: string[];
  bodyLimitKb: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  logLevel: Env["LOG_LEVEL"];
  metricsToken?: string;
  h5Dir: string;
  shutdownGraceMs: number;
  /** Check every response against its contract (on in development and tests). */
  validateResponses: boolean;
  /** The 庐山发布 official account whose published articles are synced. */
  officialAccount: { appId?: string; secret?: string; configured: boolean; syncIntervalMs: number };
  notifications: {
    templates: Record<TemplateKey, { id: string | null; kind: TemplateKind }>;
    miniprogramState: "formal" | "trial" | "developer";
    sendPerSecond: number;
    batchSize: number;
  };
  /** The 12345 hotline platform (issue 6); `url` null means the in-product operator queue. */
  hotline: {
    url: string | null;
    key: string | null;
    secret: string | null;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    timeoutMs: number;
    pullIntervalMs: number;
    callbackWindowSeconds: number;
  };
}

/** Raised when the environment cannot start the BFF; the message says which variable to fix. */
export class ConfigError extends Error {}

/**
 * Reads and validates the environment.
 * @param source the variables to read (defaults to process.env).
 * @returns the configuration.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`环境变量配置有误：\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  if (isProduction && !env.MONGODB_URI) {
    throw new ConfigError("生产环境必须设置 MONGODB_URI（MongoDB 副本集连接串），不会启动内嵌数据库。");
  }
  if (isProduction && !env.JWT_SECRET) {
    throw new ConfigError("生产环境必须设置 JWT_SECRET（至少 32 个字符的随机字符串）。");
  }
  const services = new Set(
    env.SERVICES.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const s of services) {
    if (s !== "web" && s !== "worker" && s !== "cron") {
      throw new ConfigError(`SERVICES 只能包含 web、worker、cron，收到 “${s}”。`);
    }
  }
  if (env.HOTLINE_API_URL && !env.HOTLINE_API_SECRET) {
    throw new ConfigError("设置了 HOTLINE_API_URL 时必须同时设置 HOTLINE_API_SECRET（与 12345 平台约定的签名密钥，至少 16 个字符）。");
  }
  const dbPath = path.resolve(REPO_ROOT, env.EMBEDDED_MONGO_DBPATH);
  const longTerm = env.WECHAT_LONG_TERM_TEMPLATES.split(",").map((s) => s.trim()).filter(Boolean);
  for (const key of longTerm) {
    if (!TEMPLATE_KEYS.includes(key as TemplateKey)) {
      throw new ConfigError(`WECHAT_LONG_TERM_TEMPLATES 只能包含 ${TEMPLATE_KEYS.join("、")}，收到 “${key}”。`);
    }
  }
  const template = (key: TemplateKey, id: string | undefined) => ({ id: id ?? null, kind: (longTerm.includes(key) ? "long_term" : "one_time") as TemplateKind });
  return {
    env: env.NODE_ENV,
    isProduction,
    host: env.HOST,
    port: env.PORT,
    services: services as Config["services"],
    mongodbUri: env.MONGODB_URI,
    embeddedMongo: { dbPath, port: env.EMBEDDED_MONGO_PORT },
    jwtSecret: env.JWT_SECRET ?? developmentSecret(path.dirname(dbPath)),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    wechat: {
      appId: env.WECHAT_APPID,
      secret: env.WECHAT_SECRET,
      apiBase: env.WECHAT_API_BASE.replace(/\/+$/, ""),
      configured: Boolean(env.WECHAT_APPID && env.WECHAT_SECRET),
      pushToken: env.WECHAT_PUSH_TOKEN,
    },
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ""),
    uploadDir: path.resolve(REPO_ROOT, env.UPLOAD_DIR),
    uploadRateLimitPerMinute: env.UPLOAD_RATE_LIMIT_PER_MINUTE,
    complaints: { contentCheckFallback: env.CONTENT_CHECK_FALLBACK, dailyLimit: env.COMPLAINT_DAILY_LIMIT },
    devStaffPassword: env.DEV_STAFF_PASSWORD,
    seed: env.SEED ?? !isProduction,
    corsOrigins: env.CORS_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimitKb: env.BODY_LIMIT_KB,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    metricsToken: env.METRICS_TOKEN,
    h5Dir: path.resolve(REPO_ROOT, env.H5_DIR),
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    validateResponses: env.VALIDATE_RESPONSES ?? env.NODE_ENV !== "production",
    officialAccount: {
      appId: env.WECHAT_MP_APPID,
      secret: env.WECHAT_MP_SECRET,
      configured: Boolean(env.WECHAT_MP_APPID && env.WECHAT_MP_SECRET),
      syncIntervalMs: env.ARTICLE_SYNC_INTERVAL_MINUTES * 60_000,
    },
    notifications: {
      templates: {
        list_update: template("list_update", env.WECHAT_TEMPLATE_LIST_UPDATE),
        policy_update: template("policy_update", env.WECHAT_TEMPLATE_POLICY_UPDATE),
        complaint_progress: template("complaint_progress", env.WECHAT_TEMPLATE_COMPLAINT_PROGRESS),
      },
      miniprogramState: env.WECHAT_MINIPROGRAM_STATE,
      sendPerSecond: env.SUBSCRIBE_SEND_PER_SECOND,
      batchSize: env.NOTIFY_BATCH_SIZE,
    },
    hotline: {
      url: env.HOTLINE_API_URL?.replace(/\/+$/, "") ?? null,
      key: env.HOTLINE_API_KEY ?? null,
      secret: env.HOTLINE_API_SECRET ?? null,
      maxAttempts: env.HOTLINE_MAX_ATTEMPTS,
      backoffBaseMs: env.HOTLINE_BACKOFF_BASE_MS,
      backoffMaxMs: env.HOTLINE_BACKOFF_MAX_MS,
      timeoutMs: env.HOTLINE_TIMEOUT_MS,
      pullIntervalMs: env.HOTLINE_PULL_INTERVAL_SECONDS * 1_000,
      callbackWindowSeconds: env.HOTLINE_CALLBACK_WINDOW_SECONDS,
    },
  };
}

/**
 * A per-checkout random secret for development, kept next to the embedded database so that
 * tokens survive restarts without anyone committing a secret.
 */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, "dev-jwt-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
