import { Roles, type TokenPair } from "@lushan/shared";
import { signAccessToken } from "../../../bff/src/auth/accessToken";
import { UserModel } from "../../../bff/src/models/user/user.schema";
import { actorOf, buildCitizen, buildStaff, TEST_PASSWORD, tokenFor } from "../../support/factories";
import { getTestServer } from "../../support/server";

type ErrorReply = { error: { code: string; message: string } };

describe("auth with WeChat configured", () => {
  const server = getTestServer({ wechat: true });

  describe("#auth.wechat", () => {
    it("exchanges a wx.login code for tokens and creates the citizen once", async () => {
      const openid = "oTestOpenid000001";
      const first = await server.post<TokenPair>("/api/v1/auth/wechat", { body: { code: server.wechat!.issueCode(openid) } });
      expect(first.status).toBe(200);
      expect(first.body.user.role).toBe("citizen");
      expect(first.body.accessToken).toEqual(expect.any(String));
      expect(JSON.stringify(first.body)).not.toContain(openid);
      const second = await server.post<TokenPair>("/api/v1/auth/wechat", { body: { code: server.wechat!.issueCode(openid) } });
      expect(second.body.user.id).toBe(first.body.user.id);
      expect(await UserModel.countDocuments({ openid })).toBe(1);
    });

    it("never sends the secret anywhere but WeChat and never trusts a client openid", async () => {
      const res = await server.post<ErrorReply>("/api/v1/auth/wechat", { body: { code: "x", openid: "forged" } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    });

    it("refuses an invalid or reused code with wechat_code_invalid", async () => {
      const bad = await server.post<ErrorReply>("/api/v1/auth/wechat", { body: { code: "not-a-code" } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("wechat_code_invalid");
      const code = server.wechat!.issueCode();
      await server.post("/api/v1/auth/wechat", { body: { code } });
      const reused = await server.post<ErrorReply>("/api/v1/auth/wechat", { body: { code } });
      expect(reused.body.error.code).toBe("wechat_code_invalid");
    });

    it("refuses a risky user with 403 and maps WeChat outages to 503", async () => {
      const risky = await server.post<ErrorReply>("/api/v1/auth/wechat", { body: { code: "risky-user" } });
      expect(risky.status).toBe(403);
      expect(risky.body.error.code).toBe("wechat_user_blocked");
      server.wechat!.failWith = -1;
      try {
        const busy = await server.post<ErrorReply>("/api/v1/auth/wechat", { body: { code: server.wechat!.issueCode() } });
        expect(busy.status).toBe(503);
        expect(busy.body.error.code).toBe("wechat_unavailable");
        expect(busy.body.error.message).toMatch(/微信/);
      } finally {
        server.wechat!.failWith = null;
      }
    });
  });

  describe("#auth.dev", () => {
    it("is disabled when WeChat is configured", async () => {
      const res = await server.post<ErrorReply>("/api/v1/auth/dev", { body: {} });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("dev_login_disabled");
    });
  });
});

describe("auth without WeChat", () => {
  const server = getTestServer();

  describe("#auth.dev", () => {
    it("issues a citizen token and reuses a client-kept identity", async () => {
      const a = await server.post<TokenPair>("/api/v1/auth/dev", { body: { openid: "h5_browser_abc123" } });
      expect(a.status).toBe(200);
      expect(a.body.user.role).toBe("citizen");
      const b = await server.post<TokenPair>("/api/v1/auth/dev", { body: { openid: "h5_browser_abc123" } });
      expect(b.body.user.id).toBe(a.body.user.id);
      const c = await server.post<TokenPair>("/api/v1/auth/dev", { body: {} });
      expect(c.body.user.id).not.toBe(a.body.user.id);
    });

    it("wechat login answers 503 wechat_not_configured", async () => {
      const res = await server.post<ErrorReply>("/api/v1/auth/wechat", { body: { code: "abc" } });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("wechat_not_configured");
    });
  });

  describe("#auth.staff", () => {
    it("signs staff in with the department in the profile", async () => {
      const staff = await buildStaff(Roles.deptStaff);
      const res = await server.post<TokenPair>("/api/v1/auth/staff", { body: { username: staff.username, password: TEST_PASSWORD } });
      expect(res.status).toBe(200);
      expect(res.body.user.role).toBe("dept_staff");
      expect(res.body.user.department?.id).toBe(staff.departmentId!.toHexString());
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    });

    it("accepts the username in any case", async () => {
      const staff = await buildStaff(Roles.coordinator);
      const res = await server.post("/api/v1/auth/staff", { body: { username: staff.username!.toUpperCase(), password: TEST_PASSWORD } });
      expect(res.status).toBe(200);
    });

    it("answers the same for an unknown user and a wrong password", async () => {
      const staff = await buildStaff(Roles.admin);
      const wrong = await server.post<ErrorReply>("/api/v1/auth/staff", { body: { username: staff.username, password: "nope-nope-1" } });
      const unknown = await server.post<ErrorReply>("/api/v1/auth/staff", { body: { username: "nobody.here", password: "nope-nope-1" } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error).toMatchObject({ code: "invalid_credentials", message: "用户名或密码错误" });
      expect(unknown.body.error.code).toBe("invalid_credentials");
    });

    it("locks the account after five failures, even for the right password", async () => {
      const staff = await buildStaff(Roles.hotlineOperator);
      for (let i = 0; i < 4; i++) {
        const res = await server.post("/api/v1/auth/staff", { body: { username: staff.username, password: "wrong-pass-1" } });
        expect(res.status).toBe(401);
      }
      const fifth = await server.post<ErrorReply>("/api/v1/auth/staff", { body: { username: staff.username, password: "wrong-pass-1" } });
      expect(fifth.status).toBe(423);
      expect(fifth.body.error.code).toBe("account_locked");
      const right = await server.post<ErrorReply>("/api/v1/auth/staff", { body: { username: staff.username, password: TEST_PASSWORD } });
      expect(right.status).toBe(423);
      expect(right.body.error.message).toMatch(/分钟后再试/);
    });

    it("refuses a disabled account only after the password is right", async () => {
      const staff = await buildStaff(Roles.deptAdmin, { disabled: true });
      const res = await server.post<ErrorReply>("/api/v1/auth/staff", { body: { username: staff.username, password: TEST_PASSWORD } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("account_disabled");
    });

    it("does not let citizens sign in as staff", async () => {
      const citizen = await buildCitizen({ username: "citizen.name" });
      const res = await server.post("/api/v1/auth/staff", { body: { username: citizen.username, password: TEST_PASSWORD } });
      expect(res.status).toBe(401);
    });
  });

  describe("#auth.refresh and #auth.logout", () => {
    async function login() {
      const staff = await buildStaff(Roles.coordinator);
      const res = await server.post<TokenPair>("/api/v1/auth/staff", { body: { username: staff.username, password: TEST_PASSWORD } });
      return res.body;
    }

    it("rotates the refresh token", async () => {
      const pair = await login();
      const next = await server.post<TokenPair>("/api/v1/auth/refresh", { body: { refreshToken: pair.refreshToken } });
      expect(next.status).toBe(200);
      expect(next.body.refreshToken).not.toBe(pair.refreshToken);
      const me = await server.get("/api/v1/auth/me", { token: next.body.accessToken });
      expect(me.status).toBe(200);
    });

    it("treats reuse of a rotated token as theft and revokes the family", async () => {
      const pair = await login();
      const next = await server.post<TokenPair>("/api/v1/auth/refresh", { body: { refreshToken: pair.refreshToken } });
      const replay = await server.post<ErrorReply>("/api/v1/auth/refresh", { body: { refreshToken: pair.refreshToken } });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe("refresh_token_invalid");
      const after = await server.post("/api/v1/auth/refresh", { body: { refreshToken: next.body.refreshToken } });
      expect(after.status).toBe(401);
    });

    it("only one of two concurrent refreshes with the same token wins", async () => {
      const pair = await login();
      const results = await Promise.all(
        [0, 1, 2].map(() => server.post("/api/v1/auth/refresh", { body: { refreshToken: pair.refreshToken } })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    });

    it("logout revokes the refresh token", async () => {
      const pair = await login();
      const out = await server.post("/api/v1/auth/logout", { body: { refreshToken: pair.refreshToken } });
      expect(out.status).toBe(200);
      const res = await server.post("/api/v1/auth/refresh", { body: { refreshToken: pair.refreshToken } });
      expect(res.status).toBe(401);
    });

    it("refuses refresh for a disabled user", async () => {
      const staff = await buildStaff(Roles.deptStaff);
      const pair = (await server.post<TokenPair>("/api/v1/auth/staff", { body: { username: staff.username, password: TEST_PASSWORD } })).body;
      await UserModel.updateOne({ _id: staff._id }, { $set: { disabled: true } });
      const res = await server.post("/api/v1/auth/refresh", { body: { refreshToken: pair.refreshToken } });
      expect(res.status).toBe(401);
    });
  });

  describe("#auth.me", () => {
    it("should require authentication", async () => {
      const res = await server.get<ErrorReply>("/api/v1/auth/me");
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: "authentication_required", message: "请先登录" });
    });

    it("answers token_expired for an expired token so the client refreshes", async () => {
      const citizen = await buildCitizen();
      const expired = signAccessToken(actorOf(citizen), server.config.jwtSecret, -10);
      const res = await server.get<ErrorReply>("/api/v1/auth/me", { token: expired });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("token_expired");
    });

    it("refuses a token signed with another secret or algorithm", async () => {
      const citizen = await buildCitizen();
      const forged = signAccessToken(actorOf(citizen), "another-secret-another-secret-000000", 600);
      const res = await server.get<ErrorReply>("/api/v1/auth/me", { token: forged });
      expect(res.body.error.code).toBe("token_invalid");
      const [h, p] = tokenFor(server, citizen).split(".");
      const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
      expect((await server.get<ErrorReply>("/api/v1/auth/me", { token: none })).status).toBe(401);
      expect(h).toBeTruthy();
    });

    it("returns the profile without personal identifiers", async () => {
      const citizen = await buildCitizen({ openid: "oSecretOpenid123" });
      const res = await server.get<Record<string, unknown>>("/api/v1/auth/me", { token: tokenFor(server, citizen) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: citizen._id.toHexString(), role: "citizen", department: null });
      expect(JSON.stringify(res.body)).not.toContain("oSecretOpenid123");
    });
  });
});
