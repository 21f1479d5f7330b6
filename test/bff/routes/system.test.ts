import { allRoutes } from "@lushan/shared";
import { buildCitizen, buildStaff, tokenFor } from "../../support/factories";
import { getTestServer } from "../../support/server";

type ErrorReply = { error: { code: string; message: string; details?: { path: string; message: string }[]; requestId?: string } };
const CHINESE = /[\u4e00-\u9fff]/;

describe("system routes and the error model", () => {
  const server = getTestServer();

  it("GET /healthz answers while the process is up", async () => {
    const res = await server.get<{ status: string }>("/healthz");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("GET /readyz checks the database", async () => {
    const res = await server.get<{ status: string }>("/readyz");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ready");
  });

  it("GET /metrics exposes request duration histograms", async () => {
    await server.get("/api/v1/departments");
    const res = await server.get("/metrics");
    expect(res.status).toBe(200);
    expect(res.text).toContain("http_request_duration_seconds_bucket");
    expect(res.text).toContain('route="/api/v1/departments"');
  });

  it("sets security headers", async () => {
    const res = await server.get("/healthz");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  describe("GET /api/v1/openapi.json", () => {
    it("lists every route with its request and response schemas", async () => {
      const res = await server.get<{ openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> }>(
        "/api/v1/openapi.json",
      );
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe("3.1.0");
      for (const route of allRoutes()) {
        const path = route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
        const op = res.body.paths[path]?.[route.method.toLowerCase()] as
          | { responses: Record<string, { content?: Record<string, { schema: unknown }> }>; requestBody?: unknown; parameters?: unknown[] }
          | undefined;
        expect(op).toBeDefined();
        const success = op!.responses[String(route.status ?? 200)];
        expect(success.content?.[route.produces ?? "application/json"]?.schema).toBeDefined();
        if (route.body) expect(op!.requestBody).toBeDefined();
        if (route.params || route.query) expect(op!.parameters?.length).toBeGreaterThan(0);
      }
    });
  });

  describe("bad input", () => {
    it("malformed JSON gets 400 malformed_json in Chinese", async () => {
      const res = await server.post<ErrorReply>("/api/v1/auth/staff", { raw: '{"username": "a",', contentType: "application/json" });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("malformed_json");
      expect(res.body.error.message).toMatch(CHINESE);
      expect(res.body.error.requestId).toBeTruthy();
    });

    it("a body of the wrong shape gets 400 validation_failed with field details", async () => {
      const res = await server.post<ErrorReply>("/api/v1/auth/staff", { body: { username: 42, extra: true } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.message).toMatch(CHINESE);
      const paths = res.body.error.details!.map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(["body.username", "body.password"]));
      for (const d of res.body.error.details!) expect(d.message).toMatch(CHINESE);
    });

    it("operator objects and __proto__ keys are refused, not interpreted", async () => {
      const injected = await server.post<ErrorReply>("/api/v1/auth/staff", { body: { username: { $ne: "" }, password: { $ne: "" } } });
      expect(injected.status).toBe(400);
      const proto = await server.post<ErrorReply>("/api/v1/auth/staff", {
        raw: '{"username":"admin","password":"x","__proto__":{"role":"admin"}}',
        contentType: "application/json",
      });
      expect(proto.status).toBe(400);
      // The JSON parser itself refuses prototype keys.
      expect(["malformed_json", "validation_failed"]).toContain(proto.body.error.code);
    });

    it("a non-JSON content type gets 415", async () => {
      const res = await server.post<ErrorReply>("/api/v1/auth/staff", { raw: "username=a&password=b", contentType: "application/x-www-form-urlencoded" });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
    });

    it("an oversized body gets 413", async () => {
      const big = JSON.stringify({ username: "a", password: "x".repeat(server.config.bodyLimitKb * 1024 + 10) });
      const res = await server.post<ErrorReply>("/api/v1/auth/staff", { raw: big, contentType: "application/json" });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe("payload_too_large");
    });

    it("an unknown API path gets 404 route_not_found and a wrong method 405", async () => {
      const res = await server.get<ErrorReply>("/api/v1/nothing-here");
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("route_not_found");
      const wrong = await server.request<ErrorReply>("DELETE", "/api/v1/auth/me");
      expect(wrong.status).toBe(405);
      expect(wrong.body.error.code).toBe("method_not_allowed");
    });

    it("unknown query parameters and invalid path ids are 400", async () => {
      const admin = await buildStaff("admin");
      const token = tokenFor(server, admin);
      const q = await server.get<ErrorReply>("/api/v1/departments", { query: { evil: "1" } });
      expect(q.status).toBe(400);
      const id = await server.patch<ErrorReply>("/api/v1/admin/users/not-an-id", { token, body: { displayName: "x" } });
      expect(id.status).toBe(400);
      expect(id.body.error.details?.[0].path).toBe("params.id");
    });

    it("a citizen token on a staff route gets 403 forbidden", async () => {
      const citizen = await buildCitizen();
      const res = await server.get<ErrorReply>("/api/v1/admin/users", { token: tokenFor(server, citizen) });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: "forbidden", message: "没有权限执行此操作" });
    });
  });
});
