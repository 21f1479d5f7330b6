import type { Middleware } from "koa";
import type { RouteAuth } from "@lushan/shared";
import { verifyAccessToken } from "../auth/accessToken";
import { AuthenticationError, AuthorizationError } from "../errors";
import type { AppContextExtras, AppState } from "../types";

/**
 * Authenticates the caller from `Authorization: Bearer <jwt>` according to the route's contract:
 * `public` reads nothing, `optional` accepts a missing or bad token as anonymous, `user` needs
 * any valid token, and a role list also needs one of those roles.
 * @param mode the contract's `auth` field.
 * @returns the middleware.
 */
export function auth(mode: RouteAuth): Middleware<AppState, AppContextExtras> {
  return async function authMiddleware(ctx, next) {
    if (mode === "public") return next();
    const header = ctx.get("authorization");
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (!match) {
      if (mode === "optional") return next();
      throw AuthenticationError();
    }
    try {
      ctx.state.actor = verifyAccessToken(match[1], ctx.config.jwtSecret);
    } catch (err) {
      if (mode === "optional") return next();
      throw err;
    }
    if (Array.isArray(mode) && !mode.includes(ctx.state.actor.role)) {
      throw AuthorizationError();
    }
    await next();
  };
}
