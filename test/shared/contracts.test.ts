import { z } from "zod";
import { allRoutes, ErrorMessages } from "@lushan/shared";

const CHINESE = /[\u4e00-\u9fff]/;

describe("route contracts", () => {
  const routes = allRoutes();

  it("declare each method and path once", () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("live under /api/v1 with a Chinese summary and tags", () => {
    for (const r of routes) {
      expect(r.path.startsWith("/api/v1/")).toBe(true);
      expect(r.summary).toMatch(CHINESE);
      expect(r.tags.length).toBeGreaterThan(0);
    }
  });

  it("name only error codes that exist", () => {
    for (const r of routes) for (const code of r.errors ?? []) expect(ErrorMessages).toHaveProperty(code);
  });

  it("refuse unknown fields in JSON bodies and query strings", () => {
    // Integration endpoints accept external systems' own formats.
    for (const r of routes.filter((x) => !x.tags.includes("集成"))) {
      for (const schema of [r.body, r.query]) {
        if (!schema || !(schema instanceof z.ZodObject)) continue;
        const result = schema.safeParse({ __unexpected_field__: 1 });
        expect(result.success).toBe(false);
        const issues = result.success ? [] : result.error.issues;
        expect(issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
      }
    }
  });

  it("has Chinese validation messages", () => {
    const r = z.strictObject({ a: z.string(), n: z.number() }).safeParse({ n: "x", b: 1 });
    expect(r.success).toBe(false);
    for (const issue of r.success ? [] : r.error.issues) expect(issue.message).toMatch(CHINESE);
  });
});

describe("error messages", () => {
  it("are Chinese for every code", () => {
    for (const message of Object.values(ErrorMessages)) expect(message).toMatch(CHINESE);
  });
});
