import { api } from "@/services/api";
import { ApiError } from "@/services/apiError";
import { apiUrl, call, configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import { resetTaro } from "../support/taro";
import { fakeTransport, tokenPair } from "../support/fakeTransport";

const expired = {
  statusCode: 401,
  data: { error: { code: "token_expired", message: "登录已过期，请重新登录" } },
};

function signIn(access = "access-1", refresh = "refresh-token-000000001", expiresIn = 900) {
  sessionStore.set(sessionFromTokens(tokenPair(access, refresh, expiresIn)));
}

beforeEach(() => {
  resetTaro();
  sessionStore.set(null);
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
});

describe("apiUrl", () => {
  it("fills path parameters and encodes the query, leaving out empty values", () => {
    expect(
      apiUrl(
        "/api/v1/list/items/:code",
        { code: "S2048" },
        { q: "开 饭店", page: 2, category: undefined, industry: "" },
      ),
    ).toBe("http://bff.test/api/v1/list/items/S2048?q=%E5%BC%80%20%E9%A5%AD%E5%BA%97&page=2");
  });
});

describe("call", () => {
  it("sends the contract's method and path with the bearer token and returns the body", async () => {
    signIn();
    const { transport, seen } = fakeTransport({
      "GET /api/v1/auth/me": () => ({ statusCode: 200, data: { id: "u1" } }),
    });
    configureRequest({ transport });
    await expect(call(api.auth.me)).resolves.toEqual({ id: "u1" });
    expect(seen[0].header.Authorization).toBe("Bearer access-1");
  });

  it("sends JSON bodies and no token when auth is off", async () => {
    signIn();
    const { transport, seen } = fakeTransport({
      "POST /api/v1/list/check": () => ({ statusCode: 200, data: { results: [] } }),
    });
    configureRequest({ transport });
    await call(api.list.check, { body: { scope: "餐饮服务" }, auth: false });
    expect(seen[0].data).toEqual({ scope: "餐饮服务" });
    expect(seen[0].header["Content-Type"]).toBe("application/json");
    expect(seen[0].header.Authorization).toBeUndefined();
  });

  it("normalises JSON errors into ApiError with code, message, status and field details", async () => {
    const { transport } = fakeTransport({
      "POST /api/v1/auth/staff": () => ({
        statusCode: 400,
        data: {
          error: {
            code: "validation_failed",
            message: "请求参数不正确",
            details: [{ path: "body.username", message: "请输入用户名" }],
            requestId: "r1",
          },
        },
      }),
    });
    configureRequest({ transport });
    const error: ApiError = await call(api.auth.staff, {
      body: { username: "", password: "x" },
    }).catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "validation_failed",
      message: "请求参数不正确",
      status: 400,
      requestId: "r1",
    });
    expect(error.fieldError("username")).toBe("请输入用户名");
  });

  it("gives a Chinese message for answers that are not the BFF's JSON (a proxy page)", async () => {
    const { transport } = fakeTransport({
      "GET /api/v1/list/suggest": () => ({ statusCode: 502, data: "<html>Bad Gateway</html>" }),
    });
    configureRequest({ transport });
    await expect(call(api.list.suggest, { query: { q: "饭" } })).rejects.toMatchObject({
      code: "http_502",
      status: 502,
      message: "服务暂时不可用，请稍后重试",
    });
  });

  it("turns transport failures into network_error and slow answers into timeout", async () => {
    configureRequest({
      transport: () => Promise.reject({ errMsg: "request:fail net::ERR_INTERNET_DISCONNECTED" }),
    });
    await expect(call(api.list.editions)).rejects.toMatchObject({
      code: "network_error",
      status: 0,
      message: "网络连接失败，请检查网络后重试",
    });

    configureRequest({ transport: () => new Promise(() => undefined) });
    await expect(call(api.list.editions, { timeout: 20 })).rejects.toMatchObject({
      code: "timeout",
      status: 0,
    });
  });

  it("refreshes once for concurrent calls that meet an expired token, then retries each with the new token", async () => {
    signIn("old-access", "refresh-token-000000001");
    let refreshes = 0;
    const { transport, seen } = fakeTransport({
      "GET /api/v1/auth/me": (req) =>
        req.header.Authorization === "Bearer new-access"
          ? { statusCode: 200, data: { ok: 1 } }
          : expired,
      "GET /api/v1/messages/unread-count": (req) =>
        req.header.Authorization === "Bearer new-access"
          ? { statusCode: 200, data: { unreadCount: 3 } }
          : expired,
      "POST /api/v1/auth/refresh": async (req) => {
        refreshes++;
        expect(req.data).toEqual({ refreshToken: "refresh-token-000000001" });
        await new Promise((r) => setTimeout(r, 10));
        return { statusCode: 200, data: tokenPair("new-access", "refresh-token-000000002") };
      },
    });
    configureRequest({ transport });
    const [me, unread, again] = await Promise.all([
      call(api.auth.me),
      call(api.messages.unreadCount),
      call(api.auth.me),
    ]);
    expect([me, unread, again]).toEqual([{ ok: 1 }, { unreadCount: 3 }, { ok: 1 }]);
    expect(refreshes).toBe(1);
    expect(sessionStore.get()?.refreshToken).toBe("refresh-token-000000002");
    expect(seen.filter((r) => r.url.endsWith("/auth/refresh"))).toHaveLength(1);
  });

  it("signs out and reports refresh_token_invalid when the refresh token is refused", async () => {
    signIn("old-access", "refresh-token-000000001");
    const { transport } = fakeTransport({
      "GET /api/v1/auth/me": () => expired,
      "POST /api/v1/auth/refresh": () => ({
        statusCode: 401,
        data: { error: { code: "refresh_token_invalid", message: "登录状态已失效，请重新登录" } },
      }),
    });
    configureRequest({ transport });
    await expect(call(api.auth.me)).rejects.toMatchObject({
      code: "refresh_token_invalid",
      status: 401,
    });
    expect(sessionStore.get()).toBeNull();
  });

  it("keeps the session when the refresh fails for lack of network", async () => {
    signIn("old-access", "refresh-token-000000001");
    const { transport } = fakeTransport({
      "GET /api/v1/auth/me": () => expired,
      "POST /api/v1/auth/refresh": () => Promise.reject({ errMsg: "request:fail" }),
    });
    configureRequest({ transport });
    await expect(call(api.auth.me)).rejects.toMatchObject({ code: "network_error" });
    expect(sessionStore.get()?.refreshToken).toBe("refresh-token-000000001");
  });

  it("refreshes before sending when the access token is about to expire", async () => {
    signIn("old-access", "refresh-token-000000001", 10);
    const { transport, seen } = fakeTransport({
      "POST /api/v1/auth/refresh": () => ({
        statusCode: 200,
        data: tokenPair("new-access", "refresh-token-000000002"),
      }),
      "GET /api/v1/auth/me": (req) => ({
        statusCode: 200,
        data: { auth: req.header.Authorization },
      }),
    });
    configureRequest({ transport });
    await expect(call(api.auth.me)).resolves.toEqual({ auth: "Bearer new-access" });
    expect(seen.map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("drops the session on token_invalid without trying to refresh", async () => {
    signIn();
    const { transport, seen } = fakeTransport({
      "GET /api/v1/auth/me": () => ({
        statusCode: 401,
        data: { error: { code: "token_invalid", message: "登录凭证无效，请重新登录" } },
      }),
    });
    configureRequest({ transport });
    await expect(call(api.auth.me)).rejects.toMatchObject({
      code: "token_invalid",
      needsLogin: true,
    });
    expect(sessionStore.get()).toBeNull();
    expect(seen).toHaveLength(1);
  });
});
