import { hotlineContract } from "@lushan/shared";
import type { Middleware } from "koa";
import { IntegrationNotConfiguredError, SignatureInvalidError, TimestampOutOfWindowError } from "../../errors";
import { hotlineMetrics } from "../../hotline/metrics";
import { applyPlatformEvent } from "../../hotline/platformEvents";
import { HotlineHeaders, verifyHotline } from "../../integrations/hotline/signature";
import { jsonBody } from "../../middlewares/jsonBody";
import type { AppContextExtras, AppState } from "../../types";
import { register, type ApiRouter } from "../register";

/**
 * Parses the JSON body and checks the platform's signature over the exact bytes received, before
 * anything else looks at the request: a forged or stale callback is refused (401) whatever it
 * contains.
 */
function signedJsonBody(): Middleware<AppState, AppContextExtras> {
  const parse = jsonBody();
  return async function hotlineSignature(ctx, next) {
    const secret = ctx.config.hotline.secret;
    if (!secret) throw IntegrationNotConfiguredError("未配置 12345 平台签名密钥（HOTLINE_API_SECRET），不接受回调");
    await parse(ctx, async () => {
      const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? "";
      const verdict = verifyHotline(secret, ctx.get(HotlineHeaders.timestamp) || undefined, ctx.get(HotlineHeaders.signature) || undefined, raw, ctx.config.hotline.callbackWindowSeconds);
      if (verdict !== "ok") {
        hotlineMetrics.callbacks.inc({ source: "callback", outcome: "refused" });
        ctx.log.warn({ verdict }, "拒绝 12345 平台回调");
        throw verdict === "stale" ? TimestampOutOfWindowError() : SignatureInvalidError("12345 平台回调签名校验失败");
      }
      await next();
    });
  };
}

/** The 12345 platform's status callback. */
export function hotlineCallbackRoutes(router: ApiRouter): void {
  register(router, hotlineContract.callback, async (ctx) => applyPlatformEvent(ctx.input.body, "callback", { services: ctx.services, config: ctx.config }), {
    bodyParser: signedJsonBody(),
  });
}
