import type { Config } from "../../config";
import type { Logger } from "../../logger";
import {
  RateLimitedError,
  WechatCodeInvalidError,
  WechatNotConfiguredError,
  WechatUnavailableError,
  WechatUserBlockedError,
} from "../../errors";

/** WeChat's error envelope; `errcode` 0 or absent means success. */
export interface WechatErrorFields {
  errcode?: number;
  errmsg?: string;
}

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
}

const TIMEOUT_MS = 5_000;

/**
 * Talks to the WeChat server API (`WECHAT_API_BASE`). Each method maps WeChat's error codes to
 * our named errors and logs them without secrets.
 */
export class WechatClient {
  constructor(
    private readonly config: Config["wechat"],
    private readonly log: Logger,
  ) {}

  get configured(): boolean {
    return this.config.configured;
  }

  /**
   * Exchanges a `wx.login` code for the user's openid (auth.code2Session).
   * @param code the code from the mini-program.
   * @returns the openid and, when bound, the unionid.
   */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const { appId, secret } = this.config;
    if (!appId || !secret) throw WechatNotConfiguredError();
    const url = new URL(`${this.config.apiBase}/sns/jscode2session`);
    url.searchParams.set("appid", appId);
    url.searchParams.set("secret", secret);
    url.searchParams.set("js_code", code);
    url.searchParams.set("grant_type", "authorization_code");
    const body = await this.request<WechatErrorFields & { openid?: string; unionid?: string }>(
      "jscode2session",
      url,
      { method: "GET" },
    );
    switch (body.errcode ?? 0) {
      case 0:
        break;
      case 40029:
      case 40163: // code already used
        throw WechatCodeInvalidError();
      case 45011:
        throw RateLimitedError(60);
      case 40226:
        throw WechatUserBlockedError();
      default:
        this.log.warn({ api: "jscode2session", errcode: body.errcode, errmsg: body.errmsg }, "微信登录接口返回错误");
        throw WechatUnavailableError();
    }
    if (!body.openid) throw WechatUnavailableError();
    return { openid: body.openid, ...(body.unionid ? { unionid: body.unionid } : {}) };
  }

  /**
   * Performs one HTTP call and parses WeChat's JSON reply.
   * @param api a short name for logs.
   * @param url the full URL (may carry secrets: never logged).
   * @param init fetch options.
   * @returns the parsed body.
   */
  async request<T>(api: string, url: URL, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      this.log.warn({ api, err: (err as Error).message }, "微信接口请求失败");
      throw WechatUnavailableError();
    }
    if (!res.ok) {
      this.log.warn({ api, status: res.status }, "微信接口 HTTP 错误");
      throw WechatUnavailableError();
    }
    try {
      return (await res.json()) as T;
    } catch {
      this.log.warn({ api }, "微信接口返回的不是 JSON");
      throw WechatUnavailableError();
    }
  }
}
