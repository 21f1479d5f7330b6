import { createHash, timingSafeEqual } from "node:crypto";
import type { Logger } from "../../logger";
import type { WechatClient, WechatErrorFields } from "./client";
import { describeWechatError } from "./errorCodes";

export type Suggest = "pass" | "review" | "risky";

/** WeChat's verdict, or why WeChat cannot give one for this user (a retry would not help). */
export type TextVerdict = { suggest: Suggest; label: number | null } | { unavailable: string };

/** WeChat answered with an error that may pass (busy, network): retry later. */
export class ContentCheckRetryableError extends Error {}

// 61010: the user has not opened the mini-program recently enough for WeChat to judge.
const USER_NOT_RECENT = 61010;
const PUSH_WINDOW_SECONDS = 300;

/**
 * WeChat content security: msgSecCheck v2 for text (synchronous verdict) and mediaCheckAsync v2
 * for images (the verdict is pushed later to our event endpoint and matched by trace_id).
 */
export class ContentSecurity {
  private readonly seenNonces = new Map<string, number>();

  constructor(
    private readonly wechat: WechatClient,
    private readonly log: Logger,
    private readonly pushToken: string | undefined,
  ) {}

  /** Checks are possible only with WeChat configured. */
  get enabled(): boolean {
    return this.wechat.configured;
  }

  private classify(api: string, body: WechatErrorFields): string {
    const errcode = body.errcode ?? 0;
    const meaning = errcode === USER_NOT_RECENT ? { text: "用户近期未访问小程序，微信无法检测", kind: "permanent" as const } : describeWechatError(errcode);
    this.log.warn({ api, errcode, errmsg: body.errmsg }, `内容安全接口返回错误：${meaning.text}`);
    if (meaning.kind !== "permanent") throw new ContentCheckRetryableError(`${api} errcode ${errcode}`);
    return meaning.text;
  }

  /**
   * Checks text (≤ 2,500 characters per call; longer text is checked in parts).
   * @param text the text.
   * @param openid the author (must have used the mini-program recently).
   * @returns the strictest verdict of all parts, or why WeChat cannot judge.
   * @throws ContentCheckRetryableError when WeChat is busy or unreachable.
   */
  async checkText(text: string, openid: string): Promise<TextVerdict> {
    const chars = [...text];
    let worst: { suggest: Suggest; label: number | null } = { suggest: "pass", label: null };
    for (let i = 0; i < chars.length; i += 2_500) {
      const content = chars.slice(i, i + 2_500).join("");
      let body: WechatErrorFields & { result?: { suggest?: Suggest; label?: number } };
      try {
        body = await this.wechat.callWithToken("msg_sec_check", "/wxa/msg_sec_check", { content, version: 2, scene: 3, openid });
      } catch (err) {
        throw new ContentCheckRetryableError(`msg_sec_check unreachable: ${(err as Error).message}`);
      }
      if (body.errcode) return { unavailable: this.classify("msg_sec_check", body) };
      const suggest = body.result?.suggest ?? "review";
      if (rank(suggest) > rank(worst.suggest)) worst = { suggest, label: body.result?.label ?? null };
    }
    return worst;
  }

  /**
   * Asks WeChat to check an image asynchronously.
   * @param mediaUrl a public https URL WeChat can download.
   * @param openid the uploader.
   * @returns the trace id the verdict will carry, or why WeChat cannot check it.
   * @throws ContentCheckRetryableError when WeChat is busy or unreachable.
   */
  async checkImage(mediaUrl: string, openid: string): Promise<{ traceId: string } | { unavailable: string }> {
    let body: WechatErrorFields & { trace_id?: string };
    try {
      body = await this.wechat.callWithToken("media_check_async", "/wxa/media_check_async", { media_url: mediaUrl, media_type: 2, version: 2, scene: 3, openid });
    } catch (err) {
      throw new ContentCheckRetryableError(`media_check_async unreachable: ${(err as Error).message}`);
    }
    if (body.errcode || !body.trace_id) return { unavailable: this.classify("media_check_async", body) };
    return { traceId: body.trace_id };
  }

  /**
   * Verifies a WeChat message push: sha1 of the sorted token, timestamp and nonce, a timestamp
   * within five minutes, and a nonce not seen before in that window (the signature does not
   * cover the body, so a captured push must not be replayable with another body).
   * @returns whether the request comes from WeChat and is fresh.
   */
  verifyPush(signature: string, timestamp: string, nonce: string): boolean {
    if (!this.pushToken) return false;
    const expected = Buffer.from(createHash("sha1").update([this.pushToken, timestamp, nonce].sort().join("")).digest("hex"));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    const now = Math.floor(Date.now() / 1000);
    if (Math.abs(now - Number(timestamp)) > PUSH_WINDOW_SECONDS) return false;
    for (const [n, at] of this.seenNonces) if (now - at > 2 * PUSH_WINDOW_SECONDS) this.seenNonces.delete(n);
    if (this.seenNonces.has(nonce)) return false;
    this.seenNonces.set(nonce, now);
    return true;
  }
}

function rank(s: Suggest): number {
  return s === "risky" ? 2 : s === "review" ? 1 : 0;
}
