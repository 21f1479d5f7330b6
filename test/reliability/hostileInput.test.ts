/**
 * A generated corpus of malformed and hostile requests against EVERY route of the shared
 * `apiContract` (new routes are covered as soon as they are in the contract): wrong types,
 * missing and extra fields, huge strings and arrays, deep nesting, `$`-operators and
 * `__proto__`/`constructor` keys, invalid UTF-8, invalid JSON, wrong content types, oversized
 * bodies, hostile path and query values, forged and expired tokens.
 *
 * Every request the contract's own schemas reject must get a coded 4xx JSON error; requests the
 * schemas accept (nasty but valid strings in reads) must at least not fail with 5xx; nothing may be
 * stored (every collection counted before and after each route); the server keeps answering.
 */
import { randomBytes } from "node:crypto";
import querystring from "node:querystring";
import zlib from "node:zlib";
import jwt from "jsonwebtoken";
import mongoose, { Types } from "mongoose";
import { z } from "zod";
import { allRoutes, type RouteContract } from "@lushan/shared";
import { signAccessToken } from "../../bff/src/auth/accessToken";
import {
  administrator,
  citizen,
  coordinator,
  fileComplaint,
  hotlineOperator,
  staffOf,
  type TestUser,
} from "../support/complaintFactories";
import { getTestServer } from "../support/server";

jest.setTimeout(120_000);

const ROUTES = allRoutes();
const BODY_LIMIT_KB = 64;

// ---------------------------------------------------------------- the corpus

/** `{"a":{"a":…}}` nested `depth` levels. */
function deep(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Values of the wrong kind for any field, and values no client should send. */
const FIELD_VALUES: { name: string; value: unknown }[] = [
  { name: "number", value: 12345 },
  { name: "float", value: 1e308 },
  { name: "negative", value: -1 },
  { name: "boolean", value: true },
  { name: "null", value: null },
  { name: "object", value: {} },
  { name: "array", value: [] },
  { name: "string", value: "x" },
  { name: "empty string", value: "" },
  { name: "huge string", value: "长".repeat(20_000) },
  { name: "huge array", value: Array.from({ length: 5_000 }, (_, i) => `v${i}`) },
  { name: "array of objects", value: Array.from({ length: 200 }, () => ({ $gt: "" })) },
  { name: "deep nesting", value: deep(500) },
  { name: "$ne operator", value: { $ne: null } },
  { name: "$gt operator", value: { $gt: "" } },
  { name: "$where", value: { $where: "sleep(5000) || true" } },
  { name: "$regex", value: { $regex: ".*" } },
  { name: "control characters", value: "\u0000\u0007\u202e\ud800" },
  { name: "ISO date string", value: "2026-13-45T99:99:99Z" },
];

/** Whole JSON bodies, written as text so `__proto__` keys survive serialisation. */
function rawBodies(keys: string[]): { name: string; text: string }[] {
  const first = keys[0] ?? "a";
  return [
    { name: "null", text: "null" },
    { name: "array", text: "[]" },
    { name: "string", text: '"text"' },
    { name: "number", text: "42" },
    { name: "empty object", text: "{}" },
    { name: "extra field", text: JSON.stringify({ unexpectedField: 1 }) },
    { name: "__proto__ key", text: `{"__proto__":{"role":"admin","isAdmin":true},"${first}":"x"}` },
    { name: "constructor.prototype", text: `{"constructor":{"prototype":{"role":"admin"}}}` },
    { name: "$ keys at top", text: `{"$set":{"role":"admin"},"$where":"1"}` },
    { name: "dotted key", text: `{"${first}.$":"x","a.b":1}` },
    { name: "deep nesting (top)", text: JSON.stringify(deep(2_000)) },
    { name: "invalid JSON", text: `{"${first}":` },
    { name: "trailing garbage", text: `{} {}` },
    { name: "duplicate keys", text: `{"${first}":"x","${first}":{"$gt":""}}` },
  ];
}

/** Top-level field names of a body schema (objects, unions and discriminated unions of objects). */
function fieldsOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const out = new Set<string>();
  const visit = (s: unknown, depth: number) => {
    if (depth > 4 || !s) return;
    if (s instanceof z.ZodObject) for (const k of Object.keys(s.shape)) out.add(k);
    else if (s instanceof z.ZodUnion || s instanceof z.ZodDiscriminatedUnion)
      for (const o of (s as z.ZodUnion).options) visit(o, depth + 1);
    else if (s instanceof z.ZodPipe) visit((s as z.ZodPipe).in, depth + 1);
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      visit((s as z.ZodOptional).unwrap(), depth + 1);
  };
  visit(schema, 0);
  return [...out];
}

/** Hostile query strings (raw, as they appear on the wire). */
const QUERIES: string[] = [
  "page=-1",
  "page=0&pageSize=100000000",
  "pageSize=1e9",
  "pageSize=abc",
  "q%5B%24ne%5D=1",
  "__proto__%5Bpolluted%5D=1",
  "constructor%5Bprototype%5D%5Bx%5D=1",
  `q=${"a".repeat(6_000)}`,
  "q=%E4%B8",
  "q=a&q=b",
  "q=%00",
  "q=(.*)%2B%24",
  "status=%24ne",
  "from=tomorrow&to=yesterday",
  "department=..%2F..%2Fadmin",
  "unknownParameter=1",
  "sort=%7B%22%24natural%22%3A1%7D",
];

/** Hostile path-parameter values (already URI-encoded where needed). */
const PARAM_VALUES = [
  "%24where",
  "__proto__",
  "constructor",
  "..%2F..%2Fadmin",
  "%E4%B8",
  "%00",
  "a".repeat(3_000),
  "%7B%22%24gt%22%3A%22%22%7D",
  "0",
  "-1",
  "null",
];

/** A PNG that declares `w`×`h` pixels but carries almost no data (a decompression bomb). */
function pngBomb(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.alloc(1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A multipart body from parts (name, optional filename, content). */
function multipartOf(
  boundary: string,
  parts: { name: string; filename?: string; type?: string; content: Buffer | string }[],
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Hostile multipart bodies for file routes (none of them a usable upload). */
function multipartBodies(
  fields: { name: string; content: string }[] = [],
): { name: string; raw: Buffer; contentType: string }[] {
  const b = `----hostile${randomBytes(6).toString("hex")}`;
  const ct = `multipart/form-data; boundary=${b}`;
  const multipart = (boundary: string, parts: Parameters<typeof multipartOf>[1]) =>
    multipartOf(boundary, [...fields, ...parts]);
  return [
    { name: "no file part", raw: multipart(b, [{ name: "note", content: "x" }]), contentType: ct },
    {
      name: "empty file",
      raw: multipart(b, [
        { name: "file", filename: "a.jpg", type: "image/jpeg", content: Buffer.alloc(0) },
      ]),
      contentType: ct,
    },
    {
      name: "text posing as JPEG",
      raw: multipart(b, [
        {
          name: "file",
          filename: "a.jpg",
          type: "image/jpeg",
          content: "<?php system($_GET[1]); ?>",
        },
      ]),
      contentType: ct,
    },
    {
      name: "truncated JPEG",
      raw: multipart(b, [
        {
          name: "file",
          filename: "a.jpg",
          type: "image/jpeg",
          content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]),
        },
      ]),
      contentType: ct,
    },
    {
      name: "PNG bomb 60000×60000",
      raw: multipart(b, [
        { name: "file", filename: "bomb.png", type: "image/png", content: pngBomb(60_000, 60_000) },
      ]),
      contentType: ct,
    },
    {
      name: "PNG bomb 1×10^9",
      raw: multipart(b, [
        {
          name: "file",
          filename: "tall.png",
          type: "image/png",
          content: pngBomb(1, 1_000_000_000),
        },
      ]),
      contentType: ct,
    },
    {
      name: "file under another field",
      raw: multipart(b, [
        {
          name: "__proto__",
          filename: "a.png",
          type: "image/png",
          content: pngBomb(60_000, 60_000),
        },
      ]),
      contentType: ct,
    },
    {
      name: "two files",
      raw: multipart(b, [
        { name: "file", filename: "a.txt", content: "a" },
        { name: "file", filename: "b.txt", content: "b" },
      ]),
      contentType: ct,
    },
    {
      name: "path traversal filename, not an image",
      raw: multipart(b, [
        { name: "file", filename: "../../../../etc/passwd", content: "root:x:0:0" },
      ]),
      contentType: ct,
    },
    {
      name: "huge text field",
      raw: multipart(b, [
        { name: "edition", content: "x".repeat(2_000_000) },
        { name: "file", filename: "a.txt", content: "x" },
      ]),
      contentType: ct,
    },
    {
      name: "oversized file (11 MB)",
      raw: multipart(b, [
        {
          name: "file",
          filename: "big.jpg",
          type: "image/jpeg",
          content: Buffer.alloc(11 * 1024 * 1024, 0xff),
        },
      ]),
      contentType: ct,
    },
    {
      name: "garbage .xlsx",
      raw: multipart(b, [{ name: "file", filename: "list.xlsx", content: randomBytes(4096) }]),
      contentType: ct,
    },
    {
      name: "zip without a workbook .xlsx",
      raw: multipart(b, [
        {
          name: "file",
          filename: "list.xlsx",
          content: Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array(18).fill(0)]),
        },
      ]),
      contentType: ct,
    },
    {
      name: "unbalanced quotes .csv",
      raw: multipart(b, [{ name: "file", filename: "list.csv", content: 'a,"b\n"c,d\n' }]),
      contentType: ct,
    },
    {
      name: "deeply nested .json",
      raw: multipart(b, [
        {
          name: "file",
          filename: "list.json",
          content: `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
        },
      ]),
      contentType: ct,
    },
    {
      name: "no boundary",
      raw: Buffer.from("--x\r\n\r\n--x--"),
      contentType: "multipart/form-data",
    },
    {
      name: "unterminated multipart",
      raw: Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc`,
      ),
      contentType: ct,
    },
  ];
}

// ---------------------------------------------------------------- the server

describe("hostile input against every contract route", () => {
  const server = getTestServer({
    seed: true,
    wechat: true,
    env: {
      BODY_LIMIT_KB: String(BODY_LIMIT_KB),
      COMPLAINT_DAILY_LIMIT: "0",
      UPLOAD_RATE_LIMIT_PER_MINUTE: "0",
      // Integrations configured, so their endpoints check signatures instead of answering 503.
      WECHAT_PUSH_TOKEN: "reliabilitypushtoken",
      HOTLINE_API_KEY: "reliability",
      HOTLINE_API_SECRET: "reliability-hotline-secret-0001",
    },
  });

  const users = new Map<string, TestUser>();
  const paramCandidates = new Map<string, string[]>();

  beforeAll(async () => {
    users.set("citizen", await citizen(server));
    users.set("dept_staff", await staffOf(server, "scjgj"));
    users.set("dept_admin", await staffOf(server, "scjgj", "dept_admin"));
    users.set("coordinator", await coordinator(server));
    users.set("hotline_operator", await hotlineOperator(server));
    users.set("admin", await administrator(server));
    const ticket = await fileComplaint(server, users.get("citizen")!.token, {
      listItemCode: "S2048",
    });
    const editions = await server.get<{ items: { code: string }[] }>("/api/v1/list/editions");
    const editionCodes = editions.status === 200 ? editions.body.items.map((e) => e.code) : [];
    const id = new Types.ObjectId().toHexString();
    paramCandidates.set("ticketNo", [ticket]);
    paramCandidates.set("id", [id, randomBytes(12).toString("base64url")]);
    paramCandidates.set("code", ["scjgj", "S2048", ...editionCodes]);
    paramCandidates.set("from", editionCodes);
    paramCandidates.set("to", [...editionCodes].reverse());
    paramCandidates.set("year", ["2026"]);
    paramCandidates.set("barrierType", ["B05"]);
    paramCandidates.set("dataset", ["complaints", "efficiency", "cases", "rectifications"]);
  });

  /** Values for the route's path parameters that its params schema accepts (so the rest of the request is what is tested). */
  function validParams(route: RouteContract): Record<string, string> {
    const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
    const chosen: Record<string, string> = {};
    for (const name of names) {
      const candidates = paramCandidates.get(name) ?? ["x"];
      chosen[name] = candidates[0] ?? "x";
      for (const c of candidates) {
        const trial = { ...chosen, [name]: c };
        const schema = route.params as z.ZodObject | undefined;
        const fieldSchema =
          schema instanceof z.ZodObject
            ? (schema.shape as Record<string, z.ZodType>)[name]
            : undefined;
        if (!fieldSchema || fieldSchema.safeParse(c).success) {
          Object.assign(chosen, trial);
          break;
        }
      }
    }
    return chosen;
  }

  function fill(path: string, params: Record<string, string>, raw = false): string {
    return path.replace(/:([A-Za-z0-9_]+)/g, (_, n: string) =>
      raw ? params[n] : encodeURIComponent(params[n]),
    );
  }

  /** The caller who passes the route's role gate, so requests reach validation. */
  function tokenFor(route: RouteContract): string | undefined {
    if (route.auth === "public") return undefined;
    if (route.auth === "optional" || route.auth === "user") return users.get("citizen")!.token;
    const role = route.auth.includes("admin") ? "admin" : route.auth[0];
    return users.get(role)!.token;
  }

  function safeDecode(s: string): string {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  }

  /** Would the contract accept this request (params, query, body)? */
  function accepted(
    route: RouteContract,
    params: Record<string, string>,
    query: string,
    body: unknown | undefined,
  ): boolean {
    const p = route.params
      ? route.params.safeParse(
          Object.fromEntries(Object.entries(params).map(([k, v]) => [k, safeDecode(v)])),
        ).success
      : Object.keys(params).length === 0;
    const q = querystring.parse(query);
    const qs = route.query ? route.query.safeParse({ ...q }).success : Object.keys(q).length === 0;
    let b: boolean;
    if (route.bodyType === "multipart")
      b = false; // no file is ever sent here
    else if (route.method === "GET" || route.method === "DELETE") b = body === undefined;
    else if (!route.body)
      b =
        body === undefined ||
        (typeof body === "object" &&
          body !== null &&
          !Array.isArray(body) &&
          Object.keys(body).length === 0);
    else b = body !== undefined && route.body.safeParse(body).success;
    return p && qs && b;
  }

  interface Probe {
    name: string;
    path: string;
    query?: string;
    token?: string;
    authorization?: string;
    raw?: string | Buffer;
    contentType?: string;
    headers?: Record<string, string>;
    /** The contract would accept it: only "no 5xx" is required. */
    valid: boolean;
  }

  function probesFor(route: RouteContract): Probe[] {
    const params = validParams(route);
    const path = fill(route.path, params);
    const token = tokenFor(route);
    const probes: Probe[] = [];
    const hasBody = route.method !== "GET" && route.method !== "DELETE";

    // Path parameters.
    for (const name of Object.keys(params)) {
      for (const v of PARAM_VALUES) {
        const p = { ...params, [name]: v };
        probes.push({
          name: `param ${name}=${v.slice(0, 20)}`,
          path: fill(route.path, p, true),
          token,
          raw: hasBody ? "{}" : undefined,
          contentType: hasBody ? "application/json" : undefined,
          valid: accepted(route, p, "", hasBody ? {} : undefined),
        });
      }
    }
    // Query strings.
    for (const q of QUERIES) {
      probes.push({
        name: `query ${q.slice(0, 30)}`,
        path,
        query: q,
        token,
        raw: hasBody ? "{}" : undefined,
        contentType: hasBody ? "application/json" : undefined,
        valid: accepted(route, params, q, hasBody ? {} : undefined),
      });
    }
    if (hasBody) {
      const keys = fieldsOf(route.body);
      for (const r of rawBodies(keys)) {
        let parsed: unknown;
        let ok = true;
        try {
          parsed = JSON.parse(r.text);
        } catch {
          ok = false;
        }
        // JSON.parse keeps "__proto__" as an own key, like the server's parser.
        probes.push({
          name: `body ${r.name}`,
          path,
          token,
          raw: r.text,
          contentType: "application/json",
          valid: ok && !/__proto__|constructor/.test(r.text) && accepted(route, params, "", parsed),
        });
      }
      for (const key of keys) {
        for (const v of FIELD_VALUES) {
          const body = { [key]: v };
          probes.push({
            name: `body ${key}: ${v.name}`,
            path,
            token,
            raw: JSON.stringify(body),
            contentType: "application/json",
            valid: accepted(route, params, "", body),
          });
        }
      }
      // Invalid UTF-8 inside a JSON string, a byte-order mark, wrong content types, oversized bodies.
      const field = keys[0] ?? "a";
      probes.push({
        name: "invalid UTF-8",
        path,
        token,
        raw: Buffer.concat([
          Buffer.from(`{"${field}":"`),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
          Buffer.from('"}'),
        ]),
        contentType: "application/json",
        valid: false,
      });
      probes.push({
        name: "UTF-16 body",
        path,
        token,
        raw: Buffer.from(`{"${field}":"x"}`, "utf16le"),
        contentType: "application/json; charset=utf-16",
        valid: false,
      });
      for (const ct of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "application/json-patch+json",
        "image/png",
      ]) {
        probes.push({
          name: `content-type ${ct}`,
          path,
          token,
          raw: ct.startsWith("application/x-www")
            ? `${field}=x&__proto__[a]=1`
            : `{"${field}":"x"}`,
          contentType: ct,
          valid: false,
        });
      }
      probes.push({ name: "no content-type", path, token, raw: `{"${field}":"x"}`, valid: false });
      probes.push({
        name: "oversized body",
        path,
        token,
        raw: JSON.stringify({ [field]: "x".repeat(BODY_LIMIT_KB * 1024 + 10) }),
        contentType: "application/json",
        valid: false,
      });
    } else {
      probes.push({
        name: "body on a GET",
        path,
        token,
        raw: undefined,
        valid: accepted(route, params, "", undefined),
      });
    }
    if (route.bodyType === "multipart") {
      // Once bare, once with the route's own text fields filled with values its schema accepts,
      // so the hostile file reaches the file handling instead of stopping at a missing field.
      const fields = fieldsOf(route.body).flatMap((name) => {
        const schema =
          route.body instanceof z.ZodObject
            ? (route.body.shape as Record<string, z.ZodType>)[name]
            : undefined;
        const value = ["2099", "hostile-test", "true", "x"].find(
          (v) => schema?.safeParse(v).success,
        );
        return value === undefined ? [] : [{ name, content: value }];
      });
      for (const m of [
        ...multipartBodies(),
        ...multipartBodies(fields).map((m) => ({ ...m, name: `${m.name} (with fields)` })),
      ])
        probes.push({
          name: `multipart: ${m.name}`,
          path,
          token,
          raw: m.raw,
          contentType: m.contentType,
          valid: false,
        });
    }
    // Hostile headers on routes that read headers (Idempotency-Key, platform signatures).
    if (route.headers) {
      for (const [h, v] of [
        ["idempotency-key", "k".repeat(5_000)],
        ["idempotency-key", "$where"],
        ["x-hotline-signature", "0".repeat(64)],
        ["x-hotline-timestamp", "99999999999999"],
        ["x-hotline-timestamp", "-1"],
      ]) {
        probes.push({
          name: `header ${h}=${v.slice(0, 12)}`,
          path,
          token,
          headers: { [h]: v },
          raw: hasBody ? "{}" : undefined,
          contentType: hasBody ? "application/json" : undefined,
          valid: false,
        });
      }
    }
    // Forged, expired and malformed credentials (the rest of the request empty).
    if (route.auth !== "public") {
      const admin = users.get("admin")!.user;
      const claims = { role: "admin", dept: null, typ: "access" };
      const forged: [string, string][] = [
        ["garbage token", "Bearer not.a.jwt"],
        ["empty bearer", "Bearer "],
        ["basic auth", "Basic YWRtaW46THVzaGFuQDIwMjY="],
        [
          "alg none",
          `Bearer ${jwt.sign(claims, "", { algorithm: "none", subject: admin._id.toHexString(), issuer: "lushan-bff", audience: "lushan-api" })}`,
        ],
        [
          "wrong secret",
          `Bearer ${jwt.sign(claims, "another-secret-another-secret-0001", { algorithm: "HS256", subject: admin._id.toHexString(), issuer: "lushan-bff", audience: "lushan-api", expiresIn: 600 })}`,
        ],
        [
          "expired",
          `Bearer ${signAccessToken({ userId: admin._id, role: "admin", departmentId: null }, server.config.jwtSecret, -120)}`,
        ],
        ["tampered role", `Bearer ${tamper(users.get("citizen")!.token)}`],
        ["huge token", `Bearer ${"a".repeat(7_000)}`],
      ];
      for (const [name, authorization] of forged) {
        probes.push({
          name: `credentials: ${name}`,
          path,
          authorization,
          raw: hasBody ? "{}" : undefined,
          contentType: hasBody ? "application/json" : undefined,
          valid: false,
        });
      }
    }
    return probes;
  }

  /** A citizen's token with its payload rewritten to claim the admin role (signature left as is). */
  function tamper(token: string): string {
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    return [
      h,
      Buffer.from(JSON.stringify({ ...payload, role: "admin" })).toString("base64url"),
      s,
    ].join(".");
  }

  async function counts(): Promise<Record<string, number>> {
    const db = mongoose.connection.db!;
    const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
    return Object.fromEntries(
      await Promise.all(
        names.map(async (n) => [n, await db.collection(n).countDocuments()] as const),
      ),
    );
  }

  async function send(route: RouteContract, probe: Probe): Promise<string | null> {
    const headers: Record<string, string> = { ...probe.headers };
    if (probe.token) headers.authorization = `Bearer ${probe.token}`;
    if (probe.authorization !== undefined) headers.authorization = probe.authorization;
    if (probe.contentType) headers["content-type"] = probe.contentType;
    const url = `${server.url}${probe.path}${probe.query ? `?${probe.query}` : ""}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: route.method,
        headers,
        body:
          probe.raw === undefined
            ? undefined
            : new Uint8Array(probe.raw instanceof Buffer ? probe.raw : Buffer.from(probe.raw)),
      });
    } catch (err) {
      return `${probe.name}: transport error ${String(err)}`;
    }
    const text = await res.text();
    if (res.status >= 500) return `${probe.name}: ${res.status} ${text.slice(0, 200)}`;
    if (probe.valid) return null;
    if (res.status < 400) return `${probe.name}: accepted with ${res.status} ${text.slice(0, 120)}`;
    let code: unknown;
    let message: unknown;
    try {
      const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      code = body.error?.code;
      message = body.error?.message;
    } catch {
      return `${probe.name}: ${res.status} not JSON: ${text.slice(0, 80)}`;
    }
    if (typeof code !== "string" || typeof message !== "string" || !/[\u4e00-\u9fff]/.test(message))
      return `${probe.name}: ${res.status} without a coded Chinese error: ${text.slice(0, 120)}`;
    return null;
  }

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_, route) => {
    const all = probesFor(route);
    const failures: string[] = [];
    const run = async (probes: Probe[]) => {
      for (let i = 0; i < probes.length; i += 12) {
        const results = await Promise.all(probes.slice(i, i + 12).map((p) => send(route, p)));
        failures.push(...results.filter((r): r is string => r !== null));
      }
    };
    // Refused requests: coded 4xx and nothing stored.
    const before = await counts();
    await run(all.filter((p) => !p.valid));
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
    // Requests the contract accepts (nasty but valid values) are sent for reads only (a valid write
    // would rightly write; a read may rightly audit a disclosure): no 5xx.
    if (route.method === "GET") await run(all.filter((p) => p.valid));
    expect(failures).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("the corpus is large and reaches validation (not just the role gate)", () => {
    const total = ROUTES.reduce((n, r) => n + probesFor(r).length, 0);
    expect(total).toBeGreaterThan(ROUTES.length * 30);
  });
});
