import type Router from "@koa/router";
import mongoose from "mongoose";
import { AuthenticationError, ServiceUnavailableError } from "../../errors";
import { registry } from "../../metrics";
import { openApiDocument } from "../../openapi";
import type { AppContextExtras, AppState } from "../../types";

/** Probes, metrics and the API description: outside rate limiting and authentication. */
export function systemRoutes(router: Router<AppState, AppContextExtras>): void {
  router.get("/healthz", async function healthz(ctx) {
    ctx.state.routeTemplate = "/healthz";
    ctx.body = { status: "ok" };
  });

  router.get("/readyz", async function readyz(ctx) {
    ctx.state.routeTemplate = "/readyz";
    const db = mongoose.connection.db;
    if (mongoose.connection.readyState !== 1 || !db) throw ServiceUnavailableError("数据库未连接");
    try {
      await Promise.race([
        db.admin().ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("ping timeout")), 2_000)),
      ]);
    } catch {
      throw ServiceUnavailableError("数据库暂时不可用");
    }
    ctx.body = { status: "ready" };
  });

  router.get("/metrics", async function metrics(ctx) {
    ctx.state.routeTemplate = "/metrics";
    const token = ctx.config.metricsToken;
    if (token && ctx.get("authorization") !== `Bearer ${token}`) throw AuthenticationError();
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });

  router.get("/api/v1/openapi.json", async function openapi(ctx) {
    ctx.state.routeTemplate = "/api/v1/openapi.json";
    ctx.body = openApiDocument();
  });
}
