import { integrationsContract } from "@lushan/shared";
import { AuthenticationError } from "../../errors";
import { uploadRepository } from "../../models/upload/upload.repository";
import { RawBody, register, type ApiRouter } from "../register";

/**
 * WeChat's message push (configured in plain-text mode with JSON data): the server-address check
 * and the asynchronous image-check verdicts (wxa_media_check), matched by trace id.
 */
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
      // Only a clear pass shows an image to departments; anything else waits for a person.
      const settled =
        suggest === "pass"
          ? await uploadRepository.settleTrace(event.trace_id, "cleared", null)
          : await uploadRepository.settleTrace(event.trace_id, "review", `微信图片安全检测结果：${suggest === "risky" ? "疑似违规" : "需人工复核"}，待人工审核`);
      ctx.log.info({ traceId: event.trace_id, suggest, matched: Boolean(settled) }, "收到微信图片安全检测结果");
    }
    // WeChat expects "success"; anything else makes it push again.
    return new RawBody("text/plain", "success");
  });
}
