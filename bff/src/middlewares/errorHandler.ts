import type { Middleware } from "koa";
import { ErrorMessages, type ErrorBody, type ErrorCode } from "@lushan/shared";
import { AppError, RateLimitedError } from "../errors";
import type { AppContextExtras, AppState } from "../types";

interface HttpLikeError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  code?: number | string;
  headers?: Record<string, string>;
}

/**
 * Turns anything thrown below it into the standard error body `{ error: { code, message } }`.
 * Client errors keep their Chinese message; everything else becomes `internal_error` with the
 * details in the log only.
 * @returns the middleware.
 */
export function errorHandler(): Middleware<AppState, AppContextExtras> {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
    } catch (raw) {
      const error = toAppError(raw);
      if (error.status >= 500) {
        ctx.log.error({ err: raw }, "请求处理异常");
      }
      ctx.status = error.status;
      if (error.headers) ctx.set(error.headers);
      const body: ErrorBody = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details?.length ? { details: error.details } : {}),
          requestId: ctx.state.requestId,
        },
      };
      ctx.body = body;
    }
  };
}

/**
 * Maps errors from Koa, co-body, mongoose and the MongoDB driver onto our named errors.
 * @param raw whatever was thrown.
 * @returns an AppError to present.
 */
export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  const err = raw as HttpLikeError;
  const status = err?.status ?? err?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    switch (err.type) {
      case "entity.too.large":
        return generic(413, "payload_too_large");
      case "entity.parse.failed":
      case "entity.verify.failed":
      case "request.size.invalid":
      case "request.aborted":
        return generic(400, "malformed_json");
      case "encoding.unsupported":
      case "charset.unsupported":
        return generic(415, "unsupported_media_type");
    }
    if (err.name === "SyntaxError") return generic(400, "malformed_json");
    if (status === 429) {
      const reset = Number(err.headers?.["X-RateLimit-Reset"] ?? 0);
      return RateLimitedError(reset ? reset - Date.now() / 1000 : 60);
    }
    if (status === 413) return generic(413, "payload_too_large");
    if (status === 415) return generic(415, "unsupported_media_type");
    if (status === 404) return generic(404, "not_found");
    if (status === 405) return generic(405, "method_not_allowed");
    if (status === 401) return generic(401, "authentication_required");
    if (status === 403) return generic(403, "forbidden");
    return generic(400, "validation_failed");
  }
  if (err?.name === "CastError" || err?.name === "ValidationError") {
    return generic(400, "validation_failed");
  }
  if (err?.code === 11000) return generic(409, "duplicate");
  if (err?.name === "MongoServerSelectionError" || err?.name === "MongoNetworkError") {
    return generic(503, "service_unavailable");
  }
  return generic(500, "internal_error");
}

function generic(status: number, code: ErrorCode): AppError {
  return new AppError(status, code, ErrorMessages[code]);
}
