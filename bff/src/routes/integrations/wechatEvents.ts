import { integrationsContract } from "@lushan/shared";
import { AuthenticationError } from "../../errors";
import { UploadModel } from "../../models/upload/upload.schema";
import { RawBody, register, type ApiRouter } from "../register";

/** Receives the asynchronous image-check verdicts. */
export function wechatEventRoutes(router: ApiRouter): void {
  register(router, integrationsContract.wechatVerify, async (ctx) => {
    const { signature, timestamp, nonce, echostr } = ctx.input.query;
    if (!ctx.services.contentSecurity.verifyPush(signature, timestamp, nonce)) throw AuthenticationError("签名校验失败");
    return new RawBody("text/plain", echostr ?? "");
  });

  register(router, integrationsContract.wechatEvent, async (ctx) => {
    const { signature, timestamp, nonce } = ctx.input.query;
    if (!ctx.services.contentSecurity.verifyPush(signature, timestamp, nonce)) throw AuthenticationError("签名校验失败");
    const event = ctx.input.body;
    if (event.Event === "wxa_media_check" && event.trace_id) {
      const suggest = event.result?.suggest;
      await UploadModel.updateOne({ traceId: event.trace_id, status: "pending" }, { $set: { status: suggest === "pass" ? "cleared" : "risky" } });
    }
    // WeChat expects "success" (anything else makes it retry).
    return new RawBody("text/plain", "success");
  });
}
