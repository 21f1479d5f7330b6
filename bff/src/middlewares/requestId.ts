import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";
import type { AppState } from "../types";

const INCOMING = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it looks sane), echoed in the
 * response header and attached to logs and error bodies.
 * @returns the middleware.
 */
export function requestId(): Middleware<AppState> {
  return async function requestIdMiddleware(ctx, next) {
    const incoming = ctx.get("x-request-id");
    ctx.state.requestId = INCOMING.test(incoming) ? incoming : randomUUID();
    ctx.set("X-Request-Id", ctx.state.requestId);
    await next();
  };
}
