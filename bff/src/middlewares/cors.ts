import cors from "@koa/cors";
import type { Middleware } from "koa";

/**
 * Cross-origin access for the listed origins only (e.g. a separately hosted H5 build).
 * The mini-program itself is not subject to CORS, and same-origin H5 needs nothing.
 * @param allowed exact origins, e.g. `https://h5.example.gov.cn`.
 * @returns the middleware.
 */
export function corsAllowList(allowed: readonly string[]): Middleware {
  const set = new Set(allowed);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get("Origin");
      return set.has(origin) ? origin : "";
    },
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"],
    exposeHeaders: ["X-Request-Id", "Retry-After"],
    maxAge: 600,
  });
}
