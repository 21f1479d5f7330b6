import { bodyParser } from "@koa/bodyparser";
import type { Middleware } from "koa";
import { MalformedJsonError, UnsupportedMediaTypeError } from "../errors";
import type { AppContextExtras, AppState } from "../types";

const parsers = new Map<number, Middleware<AppState, AppContextExtras>>();

function parserFor(limitKb: number): Middleware<AppState, AppContextExtras> {
  let parser = parsers.get(limitKb);
  if (!parser) {
    parser = bodyParser({
      enableTypes: ["json"],
      jsonLimit: `${limitKb}kb`,
      jsonStrict: true,
      encoding: "utf-8",
    }) as unknown as Middleware<AppState, AppContextExtras>;
    parsers.set(limitKb, parser);
  }
  return parser;
}

/**
 * Parses JSON request bodies within the configured size limit (`BODY_LIMIT_KB`) and refuses other
 * content types with 415, rather than silently treating them as an empty body. Bytes that are not
 * valid UTF-8 are refused with 400: the decoder would otherwise replace them with U+FFFD and the
 * garbled text would be stored (no client of this API sends U+FFFD itself).
 * @returns the middleware.
 */
export function jsonBody(): Middleware<AppState, AppContextExtras> {
  return async function jsonBodyMiddleware(ctx, next) {
    const hasBody = Boolean(ctx.request.length) || ctx.get("transfer-encoding") !== "";
    if (hasBody && !ctx.is("application/json")) {
      throw UnsupportedMediaTypeError("请求内容类型须为 application/json");
    }
    await parserFor(ctx.config.bodyLimitKb)(ctx, async () => {
      const raw = (ctx.request as { rawBody?: unknown }).rawBody;
      if (typeof raw === "string" && raw.includes("\uFFFD")) {
        throw MalformedJsonError("请求内容含有无法识别的字符，请使用 UTF-8 编码");
      }
      await next();
    });
  };
}
