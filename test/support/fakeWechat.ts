import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";

export const FAKE_APPID = "wx_fake_appid_0001";
export const FAKE_SECRET = "fake_secret_0123456789abcdef";
/** The 庐山发布 official account: a separate app with its own credentials and tokens. */
export const FAKE_MP_APPID = "wx_fake_mp_appid_0002";
export const FAKE_MP_SECRET = "fake_mp_secret_fedcba9876543210";

/** One news item of a publication, as freepublish/batchget returns it. */
export interface FakeNewsItem {
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  thumb_url: string;
  need_open_comment: number;
  only_fans_can_comment: number;
  url: string;
  is_deleted: boolean;
}

/** A publication (发布) of the official account: one article id, one or more news items. */
export interface FakePublication {
  article_id: string;
  update_time: number;
  news_item: FakeNewsItem[];
}

/** A subscribe message WeChat accepted. */
export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
}

type Reply = { status?: number; body: unknown };
export type FakeHandler = (req: { method: string; url: URL; body: unknown; raw: string }) => Reply | Promise<Reply>;

/**
 * A local stand-in for api.weixin.qq.com that follows WeChat's request and response formats and
 * error codes. Modules register more endpoints with `route()`.
 */
export class FakeWechat {
  private server: http.Server | null = null;
  private readonly routes = new Map<string, FakeHandler>();
  private readonly codes = new Map<string, { openid: string; used: boolean; unionid?: string }>();
  readonly calls: { method: string; path: string; query: Record<string, string>; body: unknown }[] = [];
  /** Answers every request with this errcode while set (e.g. -1 system busy). */
  failWith: number | null = null;
  /** Access tokens handed out; `expireToken()` invalidates one to provoke 40001. */
  readonly validTokens = new Set<string>();
  url = "";

  constructor() {
    this.route("GET /sns/jscode2session", ({ url }) => this.jscode2session(url));
    this.route("GET /cgi-bin/token", ({ url }) => this.token(url.searchParams.get("appid"), url.searchParams.get("secret")));
    // msgSecCheck v2: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
    this.route("POST /wxa/msg_sec_check", ({ url, body }) => {
      const denied = this.checkToken(url);
      if (denied) return denied;
      const b = body as { content?: string; version?: number; openid?: string; scene?: number };
      if (b.version !== 2 || !b.openid || ![1, 2, 3, 4].includes(b.scene ?? 0)) return { body: { errcode: 47001, errmsg: "data format error" } };
      if (this.inactiveUsers.has(b.openid)) return { body: { errcode: 61010, errmsg: "code is expired" } };
      if (!b.content || [...b.content].length > 2500) return { body: { errcode: 40003, errmsg: "invalid content" } };
      this.textChecks.push({ openid: b.openid, content: b.content });
      const suggest = [...this.riskyWords].some((w) => b.content!.includes(w)) ? "risky" : [...this.reviewWords].some((w) => b.content!.includes(w)) ? "review" : "pass";
      const label = suggest === "pass" ? 100 : 20001;
      return {
        body: {
          errcode: 0,
          errmsg: "ok",
          result: { suggest, label },
          detail: [{ strategy: "content_model", errcode: 0, suggest, label, prob: 90 }],
          trace_id: randomBytes(8).toString("hex"),
        },
      };
    });
    // mediaCheckAsync v2: the verdict is pushed later to the mini-program's message server.
    this.route("POST /wxa/media_check_async", ({ url, body }) => {
      const denied = this.checkToken(url);
      if (denied) return denied;
      const b = body as { media_url?: string; media_type?: number; version?: number; openid?: string; scene?: number };
      if (b.version !== 2 || !b.openid || !b.media_url || b.media_type !== 2) return { body: { errcode: 47001, errmsg: "data format error" } };
      if (this.inactiveUsers.has(b.openid)) return { body: { errcode: 61010, errmsg: "code is expired" } };
      const traceId = randomBytes(12).toString("hex");
      this.mediaChecks.push({ traceId, url: b.media_url, openid: b.openid });
      return { body: { errcode: 0, errmsg: "ok", trace_id: traceId } };
    });
    this.route("POST /cgi-bin/message/subscribe/send", ({ url, body }) => {
      const denied = this.checkToken(url);
      if (denied) return denied;
      return { body: this.subscribeSend(body as Partial<SentSubscribeMessage>) };
    });
    this.route("POST /cgi-bin/freepublish/batchget", ({ url, body }) => {
      const denied = this.checkToken(url);
      if (denied) return denied;
      return { body: this.batchget(body as { offset?: number; count?: number; no_content?: number }) };
    });
    this.route("POST /cgi-bin/stable_token", ({ body }) => {
      const b = body as { appid?: string; secret?: string };
      return this.token(b.appid ?? null, b.secret ?? null);
    });
  }

  /** Text containing any of these words gets `risky` from msg_sec_check. */
  readonly riskyWords = new Set(["违规测试词"]);
  /** Text containing any of these words gets `review` (WeChat is unsure). */
  readonly reviewWords = new Set(["待定测试词"]);
  /** Users who have not opened the mini-program recently: content checks answer 61010. */
  readonly inactiveUsers = new Set<string>();
  /** Texts msg_sec_check judged. */
  readonly textChecks: { openid: string; content: string }[] = [];
  /** Trace ids handed out by media_check_async, with the image URL WeChat was asked to fetch. */
  readonly mediaChecks: { traceId: string; url: string; openid: string }[] = [];

  /** Subscribe messages WeChat accepted, in order. */
  readonly sentMessages: SentSubscribeMessage[] = [];
  /**
   * Errors to answer subscribe/send with, per openid, one per call (e.g. `[43101]`, `[45009, -1]`);
   * calls beyond the list succeed.
   */
  readonly subscribeErrors = new Map<string, number[]>();
  /** Openids that have no consent on WeChat's side: every send answers 43101. */
  readonly refusingUsers = new Set<string>();
  /** Template ids WeChat knows; empty means any id is accepted. */
  readonly knownTemplates = new Set<string>();
  /** The official account's publications, newest first by update_time when listed. */
  readonly publications: FakePublication[] = [];
  /** Errors batchget answers with before it succeeds, one per call (e.g. `[-1]`, `[45009]`). */
  readonly batchgetErrors: number[] = [];

  /**
   * Publishes an article on the fake official account.
   * @returns its article id.
   */
  publish(items: Partial<FakeNewsItem>[], updateTime = Math.floor(Date.now() / 1000)): string {
    const articleId = `ART_${randomBytes(8).toString("hex")}`;
    this.publications.push({
      article_id: articleId,
      update_time: updateTime,
      news_item: items.map((i, n) => ({
        title: `庐山发布文章${n + 1}`,
        author: "庐山发布",
        digest: "",
        content: "<p>正文</p>",
        content_source_url: "",
        thumb_media_id: `THUMB_${n}`,
        thumb_url: `http://mmbiz.qpic.cn/mmbiz_jpg/${articleId}_${n}/0`,
        need_open_comment: 0,
        only_fans_can_comment: 0,
        url: `https://mp.weixin.qq.com/s/${articleId}_${n}`,
        is_deleted: false,
        ...i,
      })),
    });
    return articleId;
  }

  /** Deletes a publication the way WeChat reports it: still listed, every item `is_deleted`. */
  deletePublication(articleId: string): void {
    for (const p of this.publications) if (p.article_id === articleId) for (const n of p.news_item) n.is_deleted = true;
  }

  /** Tokens issued to an app (stable_token calls that succeeded). */
  tokenFetches(appid: string): number {
    return this.calls.filter((c) => c.path === "/cgi-bin/stable_token" && (c.body as { appid?: string } | undefined)?.appid === appid).length;
  }

  private subscribeSend(b: Partial<SentSubscribeMessage>): { errcode: number; errmsg: string } {
    if (!b.touser || !/^[A-Za-z0-9_-]{6,64}$/.test(b.touser)) return { errcode: 40003, errmsg: "invalid openid" };
    if (!b.template_id || (this.knownTemplates.size > 0 && !this.knownTemplates.has(b.template_id))) return { errcode: 40037, errmsg: "invalid template_id" };
    const queued = this.subscribeErrors.get(b.touser);
    if (queued && queued.length > 0) {
      const errcode = queued.shift()!;
      return { errcode, errmsg: errcode === 43101 ? "user refuse to accept the msg" : "error" };
    }
    if (this.refusingUsers.has(b.touser)) return { errcode: 43101, errmsg: "user refuse to accept the msg" };
    // WeChat's field rules: a value breaking them fails the whole send with 47003.
    for (const [key, field] of Object.entries(b.data ?? {})) {
      const value = field?.value ?? "";
      const n = [...value].length;
      const type = key.replace(/\d+$/, "");
      const bad =
        n === 0 ||
        (type === "thing" && n > 20) ||
        (type === "phrase" && (n > 5 || !/^\p{Script=Han}+$/u.test(value))) ||
        (type === "character_string" && (n > 32 || !/^[\x21-\x7e]+$/.test(value))) ||
        (type === "time" && !/^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value));
      if (bad) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` };
    }
    this.sentMessages.push({ touser: b.touser, template_id: b.template_id, page: b.page, data: b.data ?? {}, miniprogram_state: b.miniprogram_state });
    return { errcode: 0, errmsg: "ok" };
  }

  private batchget(b: { offset?: number; count?: number; no_content?: number }): unknown {
    if (this.batchgetErrors.length > 0) {
      const errcode = this.batchgetErrors.shift()!;
      return { errcode, errmsg: errcode === -1 ? "system error" : "api freq out of limit" };
    }
    if (typeof b.offset !== "number" || typeof b.count !== "number" || b.count < 1 || b.count > 20 || b.offset < 0) return { errcode: 40097, errmsg: "invalid args" };
    const sorted = [...this.publications].sort((x, y) => y.update_time - x.update_time);
    const page = sorted.slice(b.offset, b.offset + b.count);
    return {
      total_count: sorted.length,
      item_count: page.length,
      item: page.map((p) => ({
        article_id: p.article_id,
        update_time: p.update_time,
        content: { news_item: p.news_item.map((n) => (b.no_content ? { ...n, content: "" } : n)) },
      })),
    };
  }

  /**
   * Pushes a mediaCheckAsync verdict to a message server as WeChat does (plain-text mode, JSON):
   * POST with signature, timestamp and nonce in the query.
   * @param endpoint the message server URL.
   * @param pushToken the token configured for the message server.
   * @param traceId the trace id media_check_async returned.
   * @param suggest the verdict.
   * @returns the server's status and reply text.
   */
  async pushMediaVerdict(endpoint: string, pushToken: string, traceId: string, suggest: "pass" | "risky" | "review"): Promise<{ status: number; text: string }> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(6).toString("hex");
    const signature = createHash("sha1").update([pushToken, timestamp, nonce].sort().join("")).digest("hex");
    const url = new URL(endpoint);
    url.search = new URLSearchParams({ signature, timestamp, nonce }).toString();
    const label = suggest === "pass" ? 100 : 20002;
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ToUserName: "gh_fake",
        FromUserName: "oFake",
        CreateTime: Number(timestamp),
        MsgType: "event",
        Event: "wxa_media_check",
        appid: "wx_fake_appid_0001",
        trace_id: traceId,
        version: 2,
        detail: [{ strategy: "content_model", errcode: 0, suggest, label, prob: 90 }],
        errcode: 0,
        errmsg: "ok",
        result: { suggest, label },
      }),
    });
    return { status: res.status, text: await res.text() };
  }

  /** Adds or replaces an endpoint, e.g. `route("POST /wxa/msg_sec_check", handler)`. */
  route(key: string, handler: FakeHandler): this {
    this.routes.set(key, handler);
    return this;
  }

  /** A fresh wx.login code for this openid, valid once. */
  issueCode(openid = `o${randomBytes(9).toString("base64url")}`, unionid?: string): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, { openid, used: false, unionid });
    return code;
  }

  expireToken(token: string): void {
    this.validTokens.delete(token);
  }

  /** Checks `access_token` in the query; returns an error reply when it is not valid. */
  checkToken(url: URL): Reply | null {
    const token = url.searchParams.get("access_token");
    if (!token) return { body: { errcode: 41001, errmsg: "access_token missing" } };
    if (!this.validTokens.has(token)) return { body: { errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" } };
    return null;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let raw = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (raw += chunk));
      req.on("end", async () => {
        const url = new URL(req.url ?? "/", "http://fake");
        let body: unknown = undefined;
        if (raw && (req.headers["content-type"] ?? "").includes("json")) {
          try {
            body = JSON.parse(raw);
          } catch {
            body = undefined;
          }
        }
        this.calls.push({ method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), body });
        let reply: Reply;
        const handler = this.routes.get(`${req.method} ${url.pathname}`);
        if (this.failWith !== null) reply = { body: { errcode: this.failWith, errmsg: "system error" } };
        else if (!handler) reply = { status: 404, body: { errcode: 404, errmsg: "not found" } };
        else reply = await handler({ method: req.method ?? "GET", url, body, raw });
        res.writeHead(reply.status ?? 200, { "Content-Type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private jscode2session(url: URL): Reply {
    const appid = url.searchParams.get("appid");
    const secret = url.searchParams.get("secret");
    if (appid !== FAKE_APPID) return { body: { errcode: 40013, errmsg: "invalid appid" } };
    if (secret !== FAKE_SECRET) return { body: { errcode: 40125, errmsg: "invalid appsecret" } };
    if (url.searchParams.get("grant_type") !== "authorization_code") return { body: { errcode: 40002, errmsg: "invalid grant_type" } };
    const code = url.searchParams.get("js_code") ?? "";
    if (code === "risky-user") return { body: { errcode: 40226, errmsg: "code blocked" } };
    const entry = this.codes.get(code);
    if (!entry) return { body: { errcode: 40029, errmsg: "invalid code" } };
    if (entry.used) return { body: { errcode: 40163, errmsg: "code been used" } };
    entry.used = true;
    return {
      body: {
        openid: entry.openid,
        session_key: randomBytes(16).toString("base64"),
        ...(entry.unionid ? { unionid: entry.unionid } : {}),
      },
    };
  }

  private token(appid: string | null, secret: string | null): Reply {
    if (appid !== FAKE_APPID && appid !== FAKE_MP_APPID) return { body: { errcode: 40013, errmsg: "invalid appid" } };
    if (secret !== (appid === FAKE_APPID ? FAKE_SECRET : FAKE_MP_SECRET)) return { body: { errcode: 40001, errmsg: "invalid credential" } };
    const token = `ACCESS_${randomBytes(12).toString("hex")}`;
    this.validTokens.add(token);
    return { body: { access_token: token, expires_in: 7200 } };
  }
}
