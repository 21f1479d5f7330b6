import { createHash } from "node:crypto";
import type { Logger } from "../../logger";
import type { WechatClient, WechatErrorFields } from "./client";

export type Suggest = "pass" | "review" | "risky";

export interface TextVerdict {
  suggest: Suggest;
  label: number | null;
}

/**
 * WeChat content security: msgSecCheck v2 for text (synchronous verdict) and mediaCheckAsync v2
 * for images (verdict pushed later to our event endpoint, matched by trace_id).
 */
export class ContentSecurity {
  constructor(
    private readonly wechat: WechatClient,
    private readonly log: Logger,
    private readonly pushToken: string | undefined,
  ) {}

  /** Checks are possible only with WeChat configured. */
  get enabled(): boolean {
    return this.wechat.configured;
  }

  /**
   * Checks text (≤ 2,500 characters per call; longer text is checked in parts).
   * @param text the text.
   * @param openid the author (must have used the mini-program in the last 2 hours).
   * @returns the strictest verdict of all parts.
   */
  async checkText(text: string, openid: string): Promise<TextVerdict> {
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += 2_500) parts.push(text.slice(i, i + 2_500));
    let worst: TextVerdict = { suggest: "pass", label: null };
    for (const content of parts) {
      const body = await this.wechat.callWithToken<WechatErrorFields & { result?: { suggest?: Suggest; label?: number } }>("msg_sec_check", "/wxa/msg_sec_check", {
        content,
        version: 2,
        scene: 3,
        openid,
      });
      if (body.errcode) {
        this.log.warn({ api: "msg_sec_check", errcode: body.errcode, errmsg: body.errmsg }, "内容安全检测接口返回错误");
        throw new Error(`msg_sec_check errcode ${body.errcode}`);
      }
      const suggest = body.result?.suggest ?? "review";
      if (rank(suggest) > rank(worst.suggest)) worst = { suggest, label: body.result?.label ?? null };
    }
    return worst;
  }

  /**
   * Asks WeChat to check an image asynchronously.
   * @param mediaUrl a public https URL WeChat can download.
   * @param openid the uploader.
   * @returns the trace id the verdict will carry.
   */
  async checkImage(mediaUrl: string, openid: string): Promise<string> {
    const body = await this.wechat.callWithToken<WechatErrorFields & { trace_id?: string }>("media_check_async", "/wxa/media_check_async", {
      media_url: mediaUrl,
      media_type: 2,
      version: 2,
      scene: 3,
      openid,
    });
    if (body.errcode || !body.trace_id) {
      this.log.warn({ api: "media_check_async", errcode: body.errcode, errmsg: body.errmsg }, "图片安全检测接口返回错误");
      throw new Error(`media_check_async errcode ${body.errcode}`);
    }
    return body.trace_id;
  }

  /**
   * Verifies a WeChat push (message server) signature: sha1 of the sorted token, timestamp and nonce.
   * @returns whether the request comes from WeChat.
   */
  verifyPush(signature: string, timestamp: string, nonce: string): boolean {
    if (!this.pushToken) return false;
    const expected = createHash("sha1").update([this.pushToken, timestamp, nonce].sort().join("")).digest("hex");
    return expected === signature;
  }
}

function rank(s: Suggest): number {
  return s === "risky" ? 2 : s === "review" ? 1 : 0;
}
