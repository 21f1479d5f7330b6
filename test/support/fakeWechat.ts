import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

export const FAKE_APPID = "wx_fake_appid_0001";
export const FAKE_SECRET = "fake_secret_0123456789abcdef";

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
    this.route("POST /cgi-bin/stable_token", ({ body }) => {
      const b = body as { appid?: string; secret?: string };
      return this.token(b.appid ?? null, b.secret ?? null);
    });
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
    if (appid !== FAKE_APPID) return { body: { errcode: 40013, errmsg: "invalid appid" } };
    if (secret !== FAKE_SECRET) return { body: { errcode: 40001, errmsg: "invalid credential" } };
    const token = `ACCESS_${randomBytes(12).toString("hex")}`;
    this.validTokens.add(token);
    return { body: { access_token: token, expires_in: 7200 } };
  }
}
