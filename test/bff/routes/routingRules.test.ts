import { AuditLogModel } from "../../../bff/src/models/auditLog/auditLog.schema";
import { RoutingEngine } from "../../../bff/src/complaints/routing";
import { administrator, citizen, complaintInput, coordinator, staffOf, storedComplaint, type Created, type ErrorReply, type TestUser } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

type Rule = { id: string; name: string; version: number; active: boolean; priority: number; updatedBy: string | null; targetDepartment: { code: string } | null };
type History = { items: { version: number; change: string; note: string; editor: string | null; at: string; snapshot: { active: boolean; priority: number; match: { towns: string[] } } }[] };

const tourismRule = {
  name: "测试：牯岭镇景区经营 → 文广新旅局",
  priority: 5,
  match: { towns: ["牯岭镇"], keywords: ["景区"] },
  target: { kind: "department", department: "wglj" },
  coDepartments: ["scjgj"],
  hotline: false,
  note: "测试新增",
};

describe("routing rules as data", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let admin: TestUser;
  let me: TestUser;

  beforeAll(async () => {
    admin = await administrator(server);
    me = await citizen(server);
  });

  it("is for administrators and the coordinator only", async () => {
    expect((await server.get("/api/v1/admin/routing-rules")).status).toBe(401);
    for (const u of [await staffOf(server, "scjgj", "dept_admin"), me]) {
      expect((await server.get("/api/v1/admin/routing-rules", { token: u.token })).status).toBe(403);
      expect((await server.post("/api/v1/admin/routing-rules", { token: u.token, body: tourismRule })).status).toBe(403);
    }
    const list = await server.get<{ items: Rule[] }>("/api/v1/admin/routing-rules", { token: (await coordinator(server)).token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(7);
    const priorities = list.body.items.filter((r) => r.active).map((r) => r.priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
  });

  it("changing a rule changes new complaints' routing at once, names the rule, and keeps who/what/when/why", async () => {
    const created = await server.post<Rule>("/api/v1/admin/routing-rules", { token: admin.token, body: tourismRule });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, active: true, targetDepartment: { code: "wglj" }, updatedBy: expect.any(String) });
    const body = complaintInput({ town: "牯岭镇", description: "在景区经营民宿被要求额外办理本地备案，还要找本地企业担保。" });
    const routed = await server.post<Created>("/api/v1/complaints", { token: me.token, body });
    expect(routed.body.routing).toMatchObject({ department: { code: "wglj" }, coDepartments: [{ code: "scjgj" }] });
    const stored = await storedComplaint(routed.body.ticketNo);
    expect(stored.routing.ruleId!.toHexString()).toBe(created.body.id);
    expect(stored.routing.explanation).toContain(`命中规则「${tourismRule.name}」`);
    expect(stored.routing.explanation).toContain("乡镇 牯岭镇");
    const moved = await server.put<Rule>(`/api/v1/admin/routing-rules/${created.body.id}`, { token: admin.token, body: { ...tourismRule, priority: 6, match: { towns: ["海会镇"], keywords: ["景区"] }, note: "改为海会镇" } });
    expect(moved.body).toMatchObject({ version: 2, priority: 6 });
    const elsewhere = await server.post<Created>("/api/v1/complaints", { token: me.token, body });
    expect(elsewhere.body.routing.department?.code).not.toBe("wglj");
    const off = await server.put<Rule>(`/api/v1/admin/routing-rules/${created.body.id}`, { token: admin.token, body: { ...tourismRule, active: false, note: "测试停用" } });
    expect(off.body).toMatchObject({ version: 3, active: false });
    const history = await server.get<History>(`/api/v1/admin/routing-rules/${created.body.id}/history`, { token: admin.token });
    expect(history.body.items.map((h) => [h.version, h.change, h.note])).toEqual([
      [3, "deactivated", "测试停用"],
      [2, "updated", "改为海会镇"],
      [1, "created", "测试新增"],
    ]);
    expect(history.body.items[1].snapshot).toMatchObject({ priority: 6, active: true, match: { towns: ["海会镇"] } });
    expect(history.body.items.every((h) => h.editor === "测试admin" && !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(await AuditLogModel.countDocuments({ resourceType: "routing_rule", resourceId: created.body.id })).toBe(3);
  });

  it("reaches other instances through the version counter (no restart, no per-complaint reload)", async () => {
    const other = new RoutingEngine(0);
    const departments = await server.services.list.departmentsByCode();
    const input = { barrierType: "B15", listScope: "unsure", listItem: null, town: "蓼花镇", title: "测试", description: "蓼花镇渔业合作社被要求额外审批", accusedDepartmentId: null };
    expect((await other.decide(input, departments)).department).toBeNull();
    const rule = await server.post<Rule>("/api/v1/admin/routing-rules", {
      token: admin.token,
      body: { name: "测试：蓼花镇渔业 → 农业农村局", priority: 7, match: { towns: ["蓼花镇"], keywords: ["渔业"] }, target: { kind: "department", department: "nyncj" }, note: "测试另一实例" },
    });
    expect((await other.decide(input, departments)).department?.code).toBe("nyncj");
    await server.put(`/api/v1/admin/routing-rules/${rule.body.id}`, { token: admin.token, body: { name: "x", priority: 7, active: false, match: {}, target: { kind: "coordinator" }, note: "停用" } });
    expect((await other.decide(input, departments)).department).toBeNull();
  });

  it("previews where a complaint would go without saving anything", async () => {
    const coord = await coordinator(server);
    const res = await server.post<{ routing: { department: { code: string } | null; reason: string }; ruleName: string; explanation: string }>("/api/v1/admin/routing-rules/preview", {
      token: coord.token,
      body: { barrierType: "B07" },
    });
    expect(res.body.routing.department?.code).toBe("scjgj");
    expect(res.body.explanation).toContain(res.body.ruleName);
    const self = await server.post<{ routing: { department: null }; explanation: string }>("/api/v1/admin/routing-rules/preview", { token: coord.token, body: { barrierType: "B07", accusedDepartment: "scjgj" } });
    expect(self.body.routing.department).toBeNull();
    expect((await server.post("/api/v1/admin/routing-rules/preview", { token: coord.token, body: { barrierType: "B07", listItemCode: "S2999" } })).status).toBe(400);
  });

  it("validates rules: departments, duplicates, target in co-handlers, unknown fields, missing reason", async () => {
    const bad = [
      { ...tourismRule, target: { kind: "department", department: "nosuch" } },
      { ...tourismRule, coDepartments: ["wglj"] },
      { ...tourismRule, match: { towns: ["牯岭镇", "牯岭镇"] } },
      { ...tourismRule, match: { towns: ["北京"] } },
      { ...tourismRule, match: { $where: "1" } },
      { ...tourismRule, note: "" },
      { ...tourismRule, priority: 0 },
      { ...tourismRule, target: { kind: "somewhere" } },
    ];
    for (const body of bad) {
      const res = await server.post<ErrorReply>("/api/v1/admin/routing-rules", { token: admin.token, body });
      expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
    }
    expect((await server.put("/api/v1/admin/routing-rules/000000000000000000000000", { token: admin.token, body: tourismRule })).status).toBe(404);
    expect((await server.get("/api/v1/admin/routing-rules/not-an-id/history", { token: admin.token })).status).toBe(400);
  });
});
