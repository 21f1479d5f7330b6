import Koa from "koa";
import Router from "@koa/router";
import type { Config } from "./config";
import type { Logger } from "./logger";
import type { Services } from "./services";
import type { AppContextExtras, AppState } from "./types";
import { RouteNotFoundError } from "./errors";
import { corsAllowList } from "./middlewares/cors";
import { errorHandler } from "./middlewares/errorHandler";
import { h5Static } from "./middlewares/h5Static";
import { rateLimiter } from "./middlewares/rateLimiter";
import { requestId } from "./middlewares/requestId";
import { defineRequestLog, requestLogger } from "./middlewares/requestLogger";
import { securityHeaders } from "./middlewares/securityHeaders";
import { apiRouter } from "./routes";
import { systemRoutes } from "./routes/system/system";

const CLIENT_GONE = new Set(["ERR_STREAM_PREMATURE_CLOSE", "ECONNRESET", "EPIPE", "ECONNABORTED"]);

export interface AppDeps {
  config: Config;
  log: Logger;
  services: Services;
}

export type App = Koa<AppState, AppContextExtras>;

/**
 * Builds the Koa application without listening, so tests and the server share one wiring.
 * Middleware order (outermost first): request id → logging and metrics → error handler →
 * security headers → CORS → probes/metrics/OpenAPI → rate limit → API routes (each: auth →
 * body parsing within limits → validation → handler) → H5 static files.
 * @param deps configuration, logger and services.
 * @returns the application.
 */
export function createApp(deps: AppDeps): App {
  const { config, log, services } = deps;
  const app: App = new Koa<AppState, AppContextExtras>({ proxy: config.trustProxy });
  app.context.config = config;
  defineRequestLog(app.context, log);
  app.context.services = services;
  app.on("error", (err: Error & { code?: string }) => {
    // A client that hung up before the answer was written (mobile networks do) is not our error.
    if (err.code && CLIENT_GONE.has(err.code)) log.debug({ err }, "客户端已断开");
    else log.error({ err }, "未捕获的请求错误");
  });

  app.use(requestId());
  app.use(requestLogger(log));
  app.use(errorHandler());
  app.use(securityHeaders());
  app.use(corsAllowList(config.corsOrigins));

  const system = new Router<AppState, AppContextExtras>();
  systemRoutes(system);
  app.use(system.routes());

  const limit = rateLimiter({ max: config.rateLimitPerMinute, bucket: "api" });
  app.use(async function apiRateLimit(ctx, next) {
    if (ctx.path.startsWith("/api/")) return limit(ctx, next);
    await next();
  });
  // Runs after everything below: an /api path nobody answered is an unknown route. A known path
  // with the wrong method is answered 405 by allowedMethods first.
  app.use(async function apiNotFound(ctx, next) {
    await next();
    if (ctx.path.startsWith("/api/") && ctx.status === 404 && ctx.body == null) throw RouteNotFoundError();
  });
  const api = apiRouter(config);
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: true }));
  app.use(h5Static(config.h5Dir));
  return app;
}
