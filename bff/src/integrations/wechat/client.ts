import type { Config } from "../../config";
import { AccessTokenManager } from "./accessToken";
import { describeWechatError } from "./errorCodes";
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
  readonly tokens: AccessTokenManager | null;

  constructor(
    private readonly config: Config["wechat"],
    private readonly log: Logger,
  ) {
    this.tokens = config.appId && config.secret ? new AccessTokenManager(config.appId, () => this.fetchAccessToken(), log) : null;
  }

  get configured(): boolean {
    return this.config.configured;
  }

  /** Fetches a fresh access token (stable_token, so other callers' tokens stay valid). */
  private async fetchAccessToken(): Promise<{ token: string; expiresIn: number }> {
    const url = new URL(`${this.config.apiBase}/cgi-bin/stable_token`);
    const body = await this.request<WechatErrorFields & { access_token?: string; expires_in?: number }>("stable_token", url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credential", appid: this.config.appId, secret: this.config.secret, force_refresh: false }),
    });
    if (body.errcode || !body.access_token) {
      this.log.error({ api: "stable_token", appId: this.config.appId, errcode: body.errcode, errmsg: body.errmsg }, `获取微信 access_token 失败：${describeWechatError(body.errcode ?? -1).text}`);
      throw WechatUnavailableError();
    }
    return { token: body.access_token, expiresIn: body.expires_in ?? 7200 };
  }

  /**
   * Calls an API that takes `access_token`, refreshing the token once when WeChat says it is
   * invalid or expired (40001, 42001, 40014).
   * @param api a short name for logs.
   * @param path the API path, e.g. /wxa/msg_sec_check.
   * @param payload the JSON body.
   * @returns WeChat's JSON reply.
   */
  async callWithToken<T extends WechatErrorFields>(api: string, path: string, payload: unknown): Promise<T> {
    if (!this.tokens) throw WechatNotConfiguredError();
    let token = await this.tokens.get();
    for (let attempt = 0; attempt < 2; attempt++) {
      const url = new URL(`${this.config.apiBase}${path}`);
      url.searchParams.set("access_token", token);
      const body = await this.request<T>(api, url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
      if (attempt === 0 && (body.errcode === 40001 || body.errcode === 42001 || body.errcode === 40014)) {
        this.log.warn({ api, errcode: body.errcode }, "微信 access_token 失效，刷新后重试");
        this.tokens.invalidateLocal();
        token = await this.tokens.get(true, token);
        continue;
      }
      return body;
    }
    throw WechatUnavailableError();
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
