import type { Middleware } from "koa";
import ratelimit from "koa-ratelimit";
import type { AppState } from "../types";

export interface RateLimitOptions {
  /** Requests allowed per window; 0 disables the limiter. */
  max: number;
  windowMs?: number;
  /** Separates counters, e.g. one bucket for logins and one for everything else. */
  bucket: string;
}

/**
 * Per-client request limit, counted in this process (each BFF instance counts on its own; put a
 * shared limiter at the gateway for a cluster-wide ceiling). Over the limit, the client gets 429
 * `rate_limited` with `Retry-After`.
 * @param options limit, window and bucket name.
 * @returns the middleware.
 */
export function rateLimiter(options: RateLimitOptions): Middleware<AppState> {
  if (options.max <= 0) {
    return async function rateLimiterDisabled(_ctx, next) {
      await next();
    };
  }
  return ratelimit({
    driver: "memory",
    db: new Map(),
    duration: options.windowMs ?? 60_000,
    max: options.max,
    id: (ctx) => `${options.bucket}:${ctx.ip}`,
    throw: true,
    errorMessage: "rate_limited",
    disableHeader: false,
  }) as Middleware<AppState>;
}
