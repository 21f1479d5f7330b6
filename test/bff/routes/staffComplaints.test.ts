import type { ComplaintListItem, StaffComplaintView } from "@lushan/shared";
import { AuditLogModel } from "../../../bff/src/models/auditLog/auditLog.schema";
import { ComplaintModel } from "../../../bff/src/models/complaint/complaint.schema";
import { UploadModel } from "../../../bff/src/models/upload/upload.schema";
import {
  act,
  administrator,
  citizen,
  complaintIn,
  coordinator,
  fileComplaint,
  hotlineOperator,
  png,
  staffOf,
  uploadFile,
  validCreditCode,
  type Cast,
  type ErrorReply,
  type TestUser,
} from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

type Page = { items: ComplaintListItem[]; total: number; page: number; pageSize: number };
const PRIVATE = ["张三", "13812345678", "庐山某餐饮店", validCreditCode()];

describe("the staff workbench", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let cast: Cast;
  let other: TestUser;
  let admin: TestUser;
  let hotline: TestUser;

  beforeAll(async () => {
    cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj"), coordinator: await coordinator(server) };
    other = await staffOf(server, "wglj");
    admin = await administrator(server);
    hotline = await hotlineOperator(server);
  });

  const list = (token: string, query: Record<string, string | number> = {}) => server.get<Page & ErrorReply>("/api/v1/staff/complaints", { token, query: { pageSize: 100, ...query } });
  const detail = (token: string, ticket: string) => server.get<StaffComplaintView & ErrorReply>(`/api/v1/staff/complaints/${ticket}`, { token });

  it("requires staff login", async () => {
    expect((await server.get("/api/v1/staff/complaints")).status).toBe(401);
    expect((await server.get("/api/v1/staff/complaints", { token: cast.owner.token })).status).toBe(403);
    expect((await server.get("/api/v1/staff/complaints/summary", { token: cast.owner.token })).status).toBe(403);
    const ticket = await fileComplaint(server, cast.owner.token);
    expect((await server.get(`/api/v1/staff/complaints/${ticket}`, { token: cast.owner.token })).status).toBe(403);
    expect((await server.post(`/api/v1/staff/complaints/${ticket}/actions`, { token: cast.owner.token, body: { action: "comment", note: "x" } })).status).toBe(403);
  });

  describe("department isolation", () => {
    it("shows a department only its own complaints (as handler or co-handler); others get 404 and no rows", async () => {
      const own = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048" });
      const assisted = await fileComplaint(server, cast.owner.token, { barrierType: "B07" });
      const swj = await staffOf(server, "swj");
      expect((await detail(swj.token, assisted)).body).toMatchObject({ relation: "co_department", allowedActions: ["comment"] });
      expect((await detail(swj.token, own)).status).toBe(404);
      expect((await detail(other.token, own)).status).toBe(404);
      const otherRows = (await list(other.token)).body.items.map((i) => i.ticketNo);
      expect(otherRows).not.toContain(own);
      expect(otherRows).not.toContain(assisted);
      const swjRows = (await list(swj.token)).body.items.map((i) => i.ticketNo);
      expect(swjRows).toContain(assisted);
      expect(swjRows).not.toContain(own);
      const handlerRows = (await list(cast.handler.token)).body.items.map((i) => i.ticketNo);
      expect(handlerRows).toEqual(expect.arrayContaining([own, assisted]));
      expect((await server.post(`/api/v1/staff/complaints/${own}/actions`, { token: other.token, body: { action: "accept" } })).status).toBe(404);
      const filter = await list(other.token, { department: "scjgj" });
      expect([filter.status, filter.body.error.code]).toEqual([403, "forbidden"]);
    });

    it("lets the coordinator and administrators see all, filtered by department if they like", async () => {
      const own = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048" });
      for (const t of [cast.coordinator.token, admin.token]) {
        const rows = (await list(t, { department: "scjgj" })).body.items;
        expect(rows.map((i) => i.ticketNo)).toContain(own);
        expect(rows.every((i) => i.department?.code === "scjgj")).toBe(true);
      }
      expect((await list(cast.coordinator.token, { department: "nosuch" })).status).toBe(400);
    });

    it("shows 12345 operators phone complaints and those routed to 12345 only", async () => {
      const routed = await fileComplaint(server, cast.owner.token, { barrierType: "B07" });
      const notRouted = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048" });
      const phone = await fileComplaint(server, hotline.token, { barrierType: "B15" });
      const rows = (await list(hotline.token)).body.items.map((i) => i.ticketNo);
      expect(rows).toEqual(expect.arrayContaining([routed, phone]));
      expect(rows).not.toContain(notRouted);
      expect((await detail(hotline.token, notRouted)).status).toBe(404);
      expect((await detail(hotline.token, phone)).body.allowedActions).toEqual(["assign", "comment"]);
    });
  });

  describe("personal data", () => {
    it("never shows a confidential complainant to any department, in lists, details, or after acting; audits each full disclosure", async () => {
      const ticket = await fileComplaint(server, cast.owner.token, {
        barrierType: "B07",
        confidential: true,
        business: { name: "庐山某餐饮店", creditCode: validCreditCode() },
      });
      for (const t of [cast.handler.token, (await staffOf(server, "swj")).token]) {
        const view = await detail(t, ticket);
        expect(view.body.contact).toMatchObject({ withheld: true, masked: true });
        for (const secret of PRIVATE) expect(JSON.stringify(view.body)).not.toContain(secret);
        const row = (await list(t)).body.items.find((i) => i.ticketNo === ticket)!;
        expect(row.complainant).toBe("保密");
      }
      const accepted = await server.post<StaffComplaintView>(`/api/v1/staff/complaints/${ticket}/actions`, { token: cast.handler.token, body: { action: "accept" } });
      for (const secret of PRIVATE) expect(JSON.stringify(accepted.body)).not.toContain(secret);
      // Confidential and not taken by phone: 12345 does not see who it is either.
      const hotlineView = await detail(hotline.token, ticket);
      for (const secret of PRIVATE) expect(JSON.stringify(hotlineView.body)).not.toContain(secret);
      expect(await AuditLogModel.countDocuments({ action: "complaint.disclose_contact", resourceId: ticket })).toBe(0);
      const full = await detail(cast.coordinator.token, ticket);
      expect(full.body.contact).toEqual({ name: "张三", phone: "13812345678", masked: false, withheld: false });
      expect(full.body.abilities).toEqual({ read: true, readIdentity: true, readHeldContent: true, actAsComplainant: false });
      expect((await detail(cast.handler.token, ticket)).body.abilities).toMatchObject({ readIdentity: false, readHeldContent: false });
      expect(full.body.business).toMatchObject({ name: "庐山某餐饮店", creditCode: validCreditCode(), masked: false });
      const audit = await AuditLogModel.find({ action: "complaint.disclose_contact", resourceId: ticket }).lean();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: cast.coordinator.user._id, actorRole: "coordinator" });
    });

    it("shows the handling department the complainant in full (audited), co-handlers masked, lists masked", async () => {
      const ticket = await fileComplaint(server, cast.owner.token, { barrierType: "B07", accusedDepartment: "wglj", accusedName: "文广新旅局", business: { name: "庐山某餐饮店", creditCode: validCreditCode() } });
      const handler = await detail(cast.handler.token, ticket);
      expect(handler.body.contact).toEqual({ name: "张三", phone: "13812345678", masked: false, withheld: false });
      expect(await AuditLogModel.countDocuments({ action: "complaint.disclose_contact", resourceId: ticket, actorId: cast.handler.user._id })).toBe(1);
      const row = (await list(cast.handler.token)).body.items.find((i) => i.ticketNo === ticket)!;
      expect(row.complainant).toBe("张* 138****5678");
      const co = await detail((await staffOf(server, "swj")).token, ticket);
      expect(co.body.contact).toMatchObject({ name: "张*", phone: "138****5678", masked: true });
      expect(co.body.business).toMatchObject({ name: "庐*****", creditCode: expect.stringMatching(/^\w{4}\*+\w{2}$/), masked: true });
    });

    it("never lets the accused department handle or co-handle the complaint against it", async () => {
      const ticket = await fileComplaint(server, cast.owner.token, { barrierType: "B15", accusedDepartment: "wglj", accusedName: "文广新旅局某科" });
      for (const body of [
        { action: "assign", department: "wglj" },
        { action: "assign", department: "scjgj", coDepartments: ["wglj"] },
      ]) {
        const res = await server.post<ErrorReply>(`/api/v1/staff/complaints/${ticket}/actions`, { token: cast.coordinator.token, body });
        expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
        expect(res.body.error.message).toContain("回避");
      }
    });
  });

  describe("queues, filters and pagination", () => {
    it("filters by status, type, date range and text, newest first, with paging", async () => {
      const special = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048", barrierType: "B12", title: "独特的标题关键字XYZ" });
      const byText = await list(cast.coordinator.token, { q: "关键字XYZ" });
      expect(byText.body.items.map((i) => i.ticketNo)).toEqual([special]);
      expect((await list(cast.coordinator.token, { q: special })).body.items.map((i) => i.ticketNo)).toEqual([special]);
      expect((await list(cast.coordinator.token, { q: ".*" })).body.total).toBe(0);
      const byType = await list(cast.coordinator.token, { barrierType: "B12" });
      expect(byType.body.items.every((i) => i.barrierType.code === "B12")).toBe(true);
      const byStatus = await list(cast.coordinator.token, { status: "assigned" });
      expect(byStatus.body.items.every((i) => i.status === "assigned")).toBe(true);
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect((await list(cast.coordinator.token, { from: today, to: today })).body.items.map((i) => i.ticketNo)).toContain(special);
      expect((await list(cast.coordinator.token, { to: "2020-01-01" })).body.total).toBe(0);
      expect((await list(cast.coordinator.token, { from: "2026-02-30" })).status).toBe(400);
      expect((await list(cast.coordinator.token, { from: today, to: "2020-01-01" })).status).toBe(400);
      const all = await list(cast.coordinator.token);
      const times = all.body.items.map((i) => i.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const p2 = await list(cast.coordinator.token, { page: 2, pageSize: 2 });
      expect(p2.body.items.map((i) => i.ticketNo)).toEqual(all.body.items.slice(2, 4).map((i) => i.ticketNo));
      expect(p2.body.total).toBe(all.body.total);
      for (const q of [{ status: "nope" }, { pageSize: 0 }, { overdue: "maybe" }, { queue: "all" }, { unknown: 1 }, { q: "x".repeat(51) }]) {
        const bad = await list(cast.coordinator.token, q);
        expect([bad.status, bad.body.error.code]).toEqual([400, "validation_failed"]);
      }
    });

    it("keeps the coordination queue (待分办), the 督办 queue and the content review queue apart, and counts them", async () => {
      const waiting = await fileComplaint(server, cast.owner.token, { barrierType: "B15" });
      const returned = await complaintIn(server, "returned", cast);
      const overdue = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048" });
      await ComplaintModel.updateOne({ ticketNo: overdue }, { $set: { overdue: true } });
      const up = await uploadFile(server, cast.owner.token, await png());
      const withImage = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048", evidence: [up.body.id] });
      const rows = async (queue: string) => (await list(cast.coordinator.token, { queue })).body.items.map((i) => i.ticketNo);
      expect(await rows("coordination")).toEqual(expect.arrayContaining([waiting, returned]));
      expect(await rows("coordination")).not.toContain(overdue);
      expect(await rows("supervision")).toContain(overdue);
      expect(await rows("supervision")).not.toContain(waiting);
      // Without WeChat, images wait for a person; the text itself went through (recorded as unchecked).
      expect(await rows("review")).toContain(withImage);
      const summary = await server.get<{ coordination: number; supervision: number; review: number; overdue: number; byStatus: Record<string, number> }>("/api/v1/staff/complaints/summary", { token: cast.coordinator.token });
      expect(summary.body.coordination).toBeGreaterThanOrEqual(2);
      expect(summary.body.supervision).toBeGreaterThanOrEqual(1);
      expect(summary.body.review).toBeGreaterThanOrEqual(1);
      expect(summary.body.byStatus.submitted).toBeGreaterThanOrEqual(1);
      const deptSummary = await server.get<{ coordination: number }>("/api/v1/staff/complaints/summary", { token: other.token });
      expect(deptSummary.body.coordination).toBe(0);
    });
  });

  describe("evidence review", () => {
    it("hides uncleared images from the department until the coordinator clears them", async () => {
      const up = await uploadFile(server, cast.owner.token, await png());
      expect(up.body.status).toBe("review");
      const ticket = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048", evidence: [up.body.id] });
      const before = await detail(cast.handler.token, ticket);
      expect(before.body.evidence).toEqual([{ id: up.body.id, url: null, status: "review", statusLabel: "待人工审核" }]);
      expect((await detail(cast.coordinator.token, ticket)).body.evidence[0].url).toContain("/content?");
      const refused = await server.post<ErrorReply>(`/api/v1/staff/complaints/${ticket}/actions`, { token: cast.handler.token, body: { action: "review_evidence", upload: up.body.id, verdict: "cleared" } });
      expect(refused.status).toBe(403);
      const foreign = await server.post<ErrorReply>(`/api/v1/staff/complaints/${ticket}/actions`, { token: cast.coordinator.token, body: { action: "review_evidence", upload: "abcdefghijklmnopqrst", verdict: "cleared" } });
      expect(foreign.status).toBe(400);
      await act(server, cast.coordinator.token, ticket, { action: "review_evidence", upload: up.body.id, verdict: "cleared", note: "图片与投诉事项相关" });
      const after = await detail(cast.handler.token, ticket);
      expect(after.body.evidence[0]).toMatchObject({ status: "cleared", url: expect.stringContaining("/content?") });
      const image = await fetch(`${server.url}${after.body.evidence[0].url}`);
      expect([image.status, image.headers.get("content-type")]).toEqual([200, "image/png"]);
      await act(server, cast.coordinator.token, ticket, { action: "review_evidence", upload: up.body.id, verdict: "rejected" });
      expect((await UploadModel.findById(up.body.id).lean())!.status).toBe("rejected");
      expect((await detail(cast.handler.token, ticket)).body.evidence[0].url).toBeNull();
    });
  });

  it("returns the allowed next actions with every detail and after every action", async () => {
    const ticket = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048" });
    expect((await detail(cast.handler.token, ticket)).body.allowedActions).toEqual(["accept", "return", "comment"]);
    expect((await detail(cast.coordinator.token, ticket)).body.allowedActions).toEqual(["transfer", "supervise", "escalate", "merge", "review_evidence", "comment"]);
    const accepted = await server.post<StaffComplaintView>(`/api/v1/staff/complaints/${ticket}/actions`, { token: cast.handler.token, body: { action: "accept", complex: true } });
    expect(accepted.body).toMatchObject({ status: "accepted", complex: true, allowedActions: ["return", "reply", "comment"] });
    expect(new Date(accepted.body.deadlines.replyBy!).getTime()).toBeGreaterThan(Date.now() + 14 * 86_400_000);
  });
});
