import {
  buildPath,
  casesContract,
  publicStatsContract,
  rectificationsContract,
  staffCasesContract,
  staffRectificationsContract,
  staffStatsContract,
  type RouteContract,
} from "@lushan/shared";
import { PostModel } from "../../../bff/src/models/post/post.schema";
import { RectificationModel } from "../../../bff/src/models/rectification/rectification.schema";
import { TypicalCaseModel } from "../../../bff/src/models/typicalCase/typicalCase.schema";
import { administrator, citizen, complaintIn, coordinator, hotlineOperator, staffOf, type Cast } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

/** Every endpoint of the typical-case, ledger and statistics modules. */
const ROUTES: RouteContract[] = [casesContract, staffCasesContract, rectificationsContract, staffRectificationsContract, publicStatsContract, staffStatsContract].flatMap(
  (table) => Object.values(table) as RouteContract[],
);

const HOSTILE_BODIES: unknown[] = [
  null,
  [],
  "text",
  42,
  { ticketNo: { $ne: null }, reason: "x" },
  { ticketNo: "TS", reason: "x".repeat(10_000) },
  { title: "\u0000\u202e", expectedVersion: 1 },
  { summary: ["a"], expectedVersion: "1" },
  { expectedVersion: 1e308 },
  { action: "__proto__" },
  { action: "confirm", publicSummary: { $gt: "" } },
  { action: "progress", evidence: Array(1000).fill({ text: "x" }) },
  { action: "progress", evidence: [{ text: "x", url: "javascript:alert(1)" }] },
  { origin: "complaint", ticketNo: "$where", problem: "p", department: "../x", responsiblePerson: "r", deadline: "2026-02-30" },
  { origin: "evaluation", finding: "f", problem: "p", department: "scjgj", responsiblePerson: "r", deadline: "9999-99-99" },
  { reason: "" },
  { a: { b: { c: { d: { e: { f: {} } } } } } },
];

const HOSTILE_QUERIES: Record<string, string>[] = [
  { page: "-1" },
  { pageSize: "1e9" },
  { status: "[$ne]" },
  { q: "(.*)+$" },
  { from: "tomorrow" },
  { from: "2026-02-30", to: "2026-03-01" },
  { department: "../../admin" },
  { format: "xlsx" },
  { overdue: "maybe" },
  { barrierType: "B99" },
  { "status[$ne]": "done" },
];

describe("every case, ledger and statistics endpoint refuses hostile input with coded 4xx and writes nothing", () => {
  const server = getTestServer({ seed: true });
  let tokens: string[] = [];
  let caseId = "";
  let taskId = "";

  beforeAll(async () => {
    const cast: Cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj"), coordinator: await coordinator(server) };
    const ticket = await complaintIn(server, "closed", cast);
    caseId = (await server.post<{ id: string }>("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: ticket, reason: "代表性" } })).body.id;
    const deadline = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    taskId = (
      await server.post<{ id: string }>("/api/v1/staff/rectifications", {
        token: cast.coordinator.token,
        body: { origin: "case", caseId, problem: "窗口额外要求材料", department: "scjgj", responsiblePerson: "王科长", deadline },
      })
    ).body.id;
    tokens = [cast.owner.token, cast.handler.token, (await staffOf(server, "swj", "dept_admin")).token, cast.coordinator.token, (await hotlineOperator(server)).token, (await administrator(server)).token, "not.a.jwt"];
  }, 60_000);

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_, route) => {
    const snapshot = async () => [
      await TypicalCaseModel.countDocuments(),
      await RectificationModel.countDocuments(),
      await PostModel.countDocuments(),
      JSON.stringify(await TypicalCaseModel.findById(caseId, { updatedAt: 0 }).lean()),
      JSON.stringify(await RectificationModel.findById(taskId, { updatedAt: 0 }).lean()),
    ];
    const before = await snapshot();
    const ids = route.path.includes("/rectifications/") ? taskId : caseId;
    const paths = [...new Set([buildPath(route.path, { id: ids, dataset: "cases" }), buildPath(route.path, { id: "%00%24where", dataset: "..%2Fetc" })])];
    for (const token of tokens) {
      for (const path of paths) {
        const attempts =
          route.method === "GET"
            ? HOSTILE_QUERIES.map((query) => server.request(route.method, path, { token, query }))
            : HOSTILE_BODIES.map((body) => server.request(route.method, path, { token, raw: JSON.stringify(body), contentType: "application/json" }));
        for (const res of await Promise.all(attempts)) {
          expect([route.path, path, res.status < 500]).toEqual([route.path, path, true]);
          if (res.status >= 400) {
            const error = (res.body as { error?: { code?: string; message?: string } }).error;
            expect(typeof error?.code).toBe("string");
            expect(error?.message).toMatch(/[\u4e00-\u9fa5]/);
          }
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
