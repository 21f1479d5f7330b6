import { buildPath, complaintConfigContract, complaintsContract, type RouteContract } from "@lushan/shared";
import { ComplaintModel } from "../../../bff/src/models/complaint/complaint.schema";
import { RoutingRuleModel } from "../../../bff/src/models/routingRule/routingRule.schema";
import { administrator, citizen, coordinator, fileComplaint, hotlineOperator, staffOf } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

const ROUTES: RouteContract[] = [...Object.values(complaintsContract), ...Object.values(complaintConfigContract)];

/** Bodies no client should send. */
const HOSTILE_BODIES: unknown[] = [
  null,
  [],
  "text",
  42,
  { action: "assign", department: { $ne: null } },
  { action: "__proto__" },
  { action: "merge", into: { $gt: "" } },
  { action: "review_evidence", upload: ["a"], verdict: "cleared" },
  { rating: "satisfied", comment: "x".repeat(10_000) },
  { text: "\u0000\u202e" },
  { evidence: Array(1000).fill("abcdefghijklmnop") },
  { a: { b: { c: { d: { e: { f: { g: { h: {} } } } } } } } },
  { name: "规则", priority: 1e308, match: { keywords: [{}] }, target: { kind: "department", department: "$where" }, note: "n" },
  { holidays: ["2026-01-01T00:00:00Z"], workdays: [null], source: 1 },
  { acceptDays: -1, replyDays: "5", complexReplyDays: null, autoCloseDays: 1.5 },
  { barrierType: "B05", title: "标题", description: "描述".repeat(10), accusedName: "x", town: "南康镇", contact: { name: "张三", phone: "13812345678", $where: "1" } },
];

const HOSTILE_QUERIES: Record<string, string>[] = [
  { page: "-1" },
  { pageSize: "1e9" },
  { status: "[$ne]" },
  { q: "(.*)+$" },
  { from: "tomorrow" },
  { department: "../../admin" },
  { "status[$ne]": "closed" },
];

describe("every complaint endpoint refuses hostile input with coded 4xx and writes nothing", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0", UPLOAD_RATE_LIMIT_PER_MINUTE: "0" } });
  let tokens: string[] = [];
  let ticket = "";

  beforeAll(async () => {
    const owner = await citizen(server);
    ticket = await fileComplaint(server, owner.token, { listItemCode: "S2048" });
    tokens = [owner.token, (await staffOf(server, "scjgj")).token, (await coordinator(server)).token, (await hotlineOperator(server)).token, (await administrator(server)).token, "not.a.jwt"];
  });

  const params = (path: string, value: string) =>
    buildPath(path, { ticketNo: value, id: value, year: value, barrierType: value });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_, route) => {
    const before = [await ComplaintModel.countDocuments(), await RoutingRuleModel.countDocuments()];
    const paths = [params(route.path, ticket), params(route.path, "LS%00%24where"), params(route.path, "9".repeat(40))];
    for (const token of tokens) {
      for (const path of paths) {
        const attempts =
          route.method === "GET"
            ? HOSTILE_QUERIES.map((query) => server.request(route.method, path, { token, query }))
            : HOSTILE_BODIES.map((body) => server.request(route.method, path, { token, raw: JSON.stringify(body), contentType: "application/json" }));
        for (const res of await Promise.all(attempts)) {
          expect([route.path, path, res.status < 500]).toEqual([route.path, path, true]);
          if (res.status >= 400) expect(typeof (res.body as { error?: { code?: string } }).error?.code).toBe("string");
        }
      }
    }
    expect([await ComplaintModel.countDocuments(), await RoutingRuleModel.countDocuments()]).toEqual(before);
  }, 60_000);
});
