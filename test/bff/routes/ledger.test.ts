import type { RectificationView } from "@lushan/shared";
import { cstDate } from "@lushan/shared";
import { RectificationModel } from "../../../bff/src/models/rectification/rectification.schema";
import { administrator, citizen, complaintIn, coordinator, staffOf, type Cast, type ErrorReply, type TestUser } from "../../support/complaintFactories";
import { missingId } from "../../support/factories";
import { getTestServer } from "../../support/server";

type List = { items: (RectificationView & { abilities: Record<string, boolean> })[]; total: number; counts: Record<string, number> };
type Board = { items: { taskNo: string; summary: string; department: { code: string }; deadline: string; closedAt: string; onTime: boolean }[]; total: number };

const inDays = (n: number): string => cstDate(new Date(Date.now() + n * 86_400_000));

describe("rectification ledger (整改台账)", () => {
  const server = getTestServer({ seed: true });
  let cast: Cast;
  let scjgjAdmin: TestUser;
  let swj: TestUser;
  let admin: TestUser;
  let stranger: TestUser;
  let ticket: string;

  beforeAll(async () => {
    cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj"), coordinator: await coordinator(server) };
    scjgjAdmin = await staffOf(server, "scjgj", "dept_admin");
    swj = await staffOf(server, "swj");
    admin = await administrator(server);
    stranger = await citizen(server);
    ticket = await complaintIn(server, "closed", cast, { contact: { name: "周文斌", phone: "13700001111" } });
  }, 60_000);

  const create = (token: string, body: Record<string, unknown>) => server.post<RectificationView & ErrorReply>("/api/v1/staff/rectifications", { token, body });
  const act = (token: string, id: string, body: Record<string, unknown>) => server.post<RectificationView & ErrorReply>(`/api/v1/staff/rectifications/${id}/actions`, { token, body });
  const base = () => ({ origin: "complaint", ticketNo: ticket, problem: "窗口要求提供法规没有规定的证明材料", department: "scjgj", responsiblePerson: "王科长", deadline: inDays(10) });

  it("401 without a token, 403 for citizens and for department staff opening tasks; the board is public", async () => {
    expect((await server.get("/api/v1/staff/rectifications")).status).toBe(401);
    expect((await server.get("/api/v1/staff/rectifications", { token: stranger.token })).status).toBe(403);
    expect((await create(cast.handler.token, base())).status).toBe(403);
    expect((await server.get(`/api/v1/staff/rectifications/${missingId()}`, { token: cast.coordinator.token })).status).toBe(404);
    expect((await server.get("/api/v1/rectifications")).status).toBe(200);
  });

  it("validates origins, departments and deadlines in Chinese", async () => {
    const noTicket = await create(cast.coordinator.token, { ...base(), ticketNo: undefined });
    expect(noTicket.status).toBe(400);
    expect(noTicket.body.error.message).toBe("请填写来源投诉编号");
    const past = await create(cast.coordinator.token, { ...base(), deadline: inDays(-3) });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toBe("整改期限不能早于今天");
    const dept = await create(cast.coordinator.token, { ...base(), department: "nosuch" });
    expect(dept.status).toBe(400);
    expect(dept.body.error.message).toContain("不存在");
    const evaluation = await create(cast.coordinator.token, { ...base(), origin: "evaluation", ticketNo: undefined });
    expect(evaluation.body.error.message).toBe("请填写效能评估发现的问题");
    const unknown = await create(cast.coordinator.token, { ...base(), extra: 1 });
    expect(unknown.status).toBe(400);
    expect(await RectificationModel.countDocuments()).toBe(0);
  });

  describe("a task from a complaint, signed off item by item", () => {
    let id: string;

    it("the coordinator opens it with owner, responsible person and deadline", async () => {
      const res = await create(cast.coordinator.token, base());
      expect(res.status).toBe(201);
      id = res.body.id;
      expect(res.body).toMatchObject({
        status: "open",
        statusLabel: "待整改",
        origin: { kind: "complaint", ref: ticket },
        department: { code: "scjgj" },
        responsiblePerson: "王科长",
        deadline: inDays(10),
        overdue: false,
      });
      expect(res.body.taskNo).toMatch(/^ZG\d{4}-\d{4}$/);
      expect(res.body.abilities).toMatchObject({ edit: true, start: false, confirm: false });
    });

    it("only its department sees it", async () => {
      expect((await server.get(`/api/v1/staff/rectifications/${id}`, { token: swj.token })).status).toBe(404);
      expect((await act(swj.token, id, { action: "start", measures: "x" })).status).toBe(404);
      const swjList = await server.get<List>("/api/v1/staff/rectifications", { token: swj.token });
      expect(swjList.body.items.map((t) => t.id)).not.toContain(id);
      // A department cannot widen its scope with the department filter.
      const widened = await server.get<List>("/api/v1/staff/rectifications", { token: swj.token, query: { department: "scjgj" } });
      expect(widened.body.items.map((t) => t.id)).not.toContain(id);
      const own = await server.get<List>("/api/v1/staff/rectifications", { token: cast.handler.token });
      expect(own.body.items.map((t) => t.id)).toEqual([id]);
      expect(own.body.counts).toMatchObject({ open: 1, done: 0, overdue: 0 });
      expect(own.body.items[0].abilities).toMatchObject({ start: true, confirm: false, edit: false });
    });

    it("the department starts, adds evidence and asks for sign-off; steps out of order are refused", async () => {
      const early = await act(cast.handler.token, id, { action: "request_signoff" });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain("待整改");
      const selfConfirm = await act(cast.handler.token, id, { action: "confirm", publicSummary: "已整改" });
      expect(selfConfirm.status).toBe(403);
      const started = await act(scjgjAdmin.token, id, { action: "start", measures: "清理窗口办事指南，删除额外证明要求" });
      expect(started.body.status).toBe("rectifying");
      const noEvidence = await act(cast.handler.token, id, { action: "request_signoff" });
      expect(noEvidence.status).toBe(400);
      expect(noEvidence.body.error.message).toBe("申请销号前请至少提供一条佐证材料");
      const badUrl = await act(cast.handler.token, id, { action: "progress", evidence: [{ text: "文件", url: "http://x" }] });
      expect(badUrl.status).toBe(400);
      const progress = await act(cast.handler.token, id, { action: "progress", evidence: [{ text: "修订后的办事指南（庐市监〔2026〕3号）", url: "https://www.lushan.gov.cn/zn.pdf" }] });
      expect(progress.body.evidence).toHaveLength(1);
      const asked = await act(cast.handler.token, id, { action: "request_signoff", note: "已完成整改" });
      expect(asked.body.status).toBe("pending_signoff");
    });

    it("the coordinator sends it back, then signs it off; the public summary is checked for personal data", async () => {
      const back = await act(cast.coordinator.token, id, { action: "reject", note: "佐证不足，请补充窗口整改照片" });
      expect(back.body.status).toBe("rectifying");
      await act(cast.handler.token, id, { action: "request_signoff", evidence: [{ text: "窗口公示栏整改照片说明" }] });
      const leaky = await act(cast.coordinator.token, id, { action: "confirm", publicSummary: "周文斌反映的问题已整改，联系电话13700001111。" });
      expect(leaky.status).toBe(422);
      expect(leaky.body.error.code).toBe("personal_data_found");
      expect(leaky.body.error.message).toContain("公开说明");
      expect(leaky.text).not.toContain("13700001111");
      const done = await act(cast.coordinator.token, id, { action: "confirm", publicSummary: "市场监管窗口额外要求证明材料的问题已整改，办事指南已修订。" });
      expect(done.status).toBe(200);
      expect(done.body.status).toBe("done");
      expect(done.body.closedAt).not.toBeNull();
      expect(done.body.closedLate).toBe(false);
      expect(done.body.signedOffBy).not.toBeNull();
      expect(done.body.history.map((h) => h.action)).toEqual(["create", "start", "progress", "request_signoff", "reject", "request_signoff", "confirm"]);
      expect((await server.patch(`/api/v1/staff/rectifications/${id}`, { token: cast.coordinator.token, body: { deadline: inDays(20), expectedVersion: done.body.version } })).status).toBe(409);
    });

    it("appears on the public board with its closing date, without person names or evidence", async () => {
      const board = await server.get<Board>("/api/v1/rectifications");
      const item = board.body.items.find((t) => t.summary.includes("办事指南已修订"))!;
      expect(item).toMatchObject({ department: { code: "scjgj" }, deadline: inDays(10), onTime: true });
      expect(item.closedAt).toMatch(/^\d{4}-/);
      expect(JSON.stringify(board.body)).not.toMatch(/王科长|周文斌|lushan\.gov\.cn|整改照片/);
      expect(JSON.stringify(board.body)).not.toContain(ticket);
    });
  });

  it("the coordinator moves owner and deadline; overdue tasks are flagged and filtered", async () => {
    const res = await create(cast.coordinator.token, { origin: "evaluation", finding: "2026年一季度市商务局答复按时率偏低", problem: "答复超期", department: "swj", responsiblePerson: "李主任", deadline: inDays(5) });
    const id = res.body.id;
    const stale = await server.patch<ErrorReply>(`/api/v1/staff/rectifications/${id}`, { token: cast.coordinator.token, body: { responsiblePerson: "赵主任", expectedVersion: 99 } });
    expect(stale.status).toBe(409);
    const moved = await server.patch<RectificationView>(`/api/v1/staff/rectifications/${id}`, { token: admin.token, body: { department: "scjgj", responsiblePerson: "赵主任", expectedVersion: 1 } });
    expect(moved.body).toMatchObject({ department: { code: "scjgj" }, responsiblePerson: "赵主任" });
    expect((await server.get(`/api/v1/staff/rectifications/${id}`, { token: swj.token })).status).toBe(404);
    expect((await server.patch(`/api/v1/staff/rectifications/${id}`, { token: cast.handler.token, body: { responsiblePerson: "x", expectedVersion: 2 } })).status).toBe(403);
    // Time passes: the deadline day is over.
    await RectificationModel.updateOne({ _id: id }, { $set: { deadline: new Date(Date.now() - 60_000), deadlineDate: inDays(-1) } });
    const overdue = await server.get<List>("/api/v1/staff/rectifications", { token: cast.handler.token, query: { overdue: "true" } });
    expect(overdue.body.items.map((t) => t.id)).toEqual([id]);
    expect(overdue.body.items[0].overdue).toBe(true);
    expect(overdue.body.counts.overdue).toBe(1);
    const notOverdue = await server.get<List>("/api/v1/staff/rectifications", { token: cast.handler.token, query: { overdue: "false" } });
    expect(notOverdue.body.items.map((t) => t.id)).not.toContain(id);
  });

  it("two sign-offs at once: one wins, the other is told the task changed", async () => {
    const res = await create(cast.coordinator.token, { ...base(), origin: "evaluation", ticketNo: undefined, finding: "抽查发现", deadline: inDays(3) });
    const id = res.body.id;
    await act(cast.handler.token, id, { action: "start", measures: "整改" });
    await act(cast.handler.token, id, { action: "request_signoff", evidence: [{ text: "整改报告" }] });
    const results = await Promise.all([cast.coordinator.token, admin.token].map((token) => act(token, id, { action: "confirm", publicSummary: "已整改完毕。" })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await server.get<RectificationView>(`/api/v1/staff/rectifications/${id}`, { token: cast.coordinator.token });
    expect(after.body.history.filter((h) => h.action === "confirm")).toHaveLength(1);
  });

  it("opens a task from a typical case, linked by case number", async () => {
    const t = await complaintIn(server, "replied", cast);
    const proposed = await server.post<{ id: string; caseNo: string }>("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: t, reason: "代表性" } });
    const res = await create(cast.coordinator.token, { origin: "case", caseId: proposed.body.id, problem: "同类窗口普遍存在额外要求", department: "xzspj", responsiblePerson: "陈股长", deadline: inDays(30) });
    expect(res.status).toBe(201);
    expect(res.body.origin).toEqual({ kind: "case", ref: proposed.body.caseNo, caseId: proposed.body.id, finding: null });
    expect(res.body.department.code).toBe("xzspj");
    const missing = await create(cast.coordinator.token, { origin: "case", caseId: "f".repeat(24), problem: "p", department: "xzspj", responsiblePerson: "r", deadline: inDays(3) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe("来源典型案例不存在");
  });
});
