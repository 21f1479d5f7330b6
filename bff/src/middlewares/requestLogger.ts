import type { Middleware } from "koa";
import type { Logger } from "../logger";
import { httpMetrics } from "../metrics";
import type { AppContextExtras, AppState } from "../types";

/**
 * Logs one line per request and records its duration, labelled by route template so that
 * metrics keep a bounded number of series. Query strings and bodies are not logged.
 * @param log the process logger.
 * @returns the middleware.
 */
export function requestLogger(log: Logger): Middleware<AppState, AppContextExtras> {
  return async function requestLoggerMiddleware(ctx, next) {
    const started = process.hrtime.bigint();
    // The request's child logger is made on first use: most requests log nothing at the
    // configured level, and a pino child (bindings serialised through the redaction paths) costs
    // more than the rest of this middleware.
    let child: Logger | null = null;
    Object.defineProperty(ctx, "log", {
      configurable: true,
      enumerable: true,
      get: () => (child ??= log.child({ requestId: ctx.state.requestId })),
      set: (value: Logger) => {
        child = value;
      },
    });
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = ctx.state.routeTemplate ?? (ctx.status === 404 ? "unmatched" : ctx.path.startsWith("/api/") ? "unmatched" : "static");
      httpMetrics.duration.observe({ method: ctx.method, route, status: String(ctx.status) }, seconds);
      const level = ctx.status >= 500 ? "error" : ctx.status >= 400 ? "info" : "debug";
      if (log.isLevelEnabled(level))
        ctx.log[level](
          {
            method: ctx.method,
            path: ctx.path,
            route,
            status: ctx.status,
            ms: Math.round(seconds * 1e4) / 10,
            role: ctx.state.actor?.role,
          },
          "请求完成",
        );
    }
  };
}
