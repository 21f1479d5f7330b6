import type { HotlineWorkOrderView } from "@lushan/shared";
import { AuditLogModel } from "../../../bff/src/models/auditLog/auditLog.schema";
import { WorkOrderModel } from "../../../bff/src/models/workOrder/workOrder.schema";
import { HotlineDispatcher } from "../../../bff/src/hotline/dispatcher";
import { createLogger } from "../../../bff/src/logger";
import {
  administrator,
  citizen,
  coordinator,
  fileComplaint,
  hotlineOperator,
  staffOf,
  storedComplaint,
  type ErrorReply,
  type TestUser,
} from "../../support/complaintFactories";
import { buildStaff, tokenFor } from "../../support/factories";
import { getTestServer } from "../../support/server";

type Page = { items: HotlineWorkOrderView[]; total: number; page: number; pageSize: number };
const QUEUE = "/api/v1/staff/hotline/queue";

/** The in-product 12345 queue: no HOTLINE_API_URL (the embedded default). */
describe("12345 operator queue (no platform configured)", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let operator: TestUser;
  let other: TestUser;
  let admin: TestUser;

  const queue = (token: string, query: Record<string, string | number> = {}) => server.get<Page & ErrorReply>(QUEUE, { token, query });
  const act = (token: string, ticketNo: string, what: "claim" | "acknowledge" | "dispatch", body?: unknown) =>
    server.post<HotlineWorkOrderView & ErrorReply>(`${QUEUE}/${ticketNo}/${what}`, { token, body });
  const runDispatcher = () => new HotlineDispatcher({ config: server.config, log: createLogger("silent") }).runOnce();

  beforeAll(async () => {
    operator = await hotlineOperator(server);
    other = await hotlineOperator(server);
    admin = await administrator(server);
  });

  describe("access", () => {
    it("refuses anonymous callers (401) and roles other than 12345 operators and administrators (403)", async () => {
      expect((await server.get(QUEUE)).status).toBe(401);
      const refused = [await citizen(server), await staffOf(server, "scjgj"), await coordinator(server)];
      for (const u of refused) {
        const res = await queue(u.token);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
      expect((await queue(admin.token)).status).toBe(200);
      const ticket = await fileComplaint(server, operator.token, { barrierType: "B15" });
      // Administrators read the queue but do not work it.
      const res = await act(admin.token, ticket, "claim");
      expect(res.status).toBe(403);
    });

    it("answers 404 for tickets without a work order and 400 for malformed ones", async () => {
      expect((await server.get(`${QUEUE}/LS202601019999`, { token: operator.token })).status).toBe(404);
      // A complaint 12345 has nothing to do with has no work order.
      const owner = await citizen(server);
      const notOurs = await fileComplaint(server, owner.token, { listItemCode: "S2048" });
      const res = await server.get<ErrorReply>(`${QUEUE}/${notOurs}`, { token: operator.token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
      expect((await server.get(`${QUEUE}/not-a-ticket`, { token: operator.token })).status).toBe(400);
    });
  });

  describe("taking a phone complaint through to a department", () => {
    it("files by phone, shows it in the queue, claims, acknowledges and dispatches it; the department sees and accepts it", async () => {
      const filed = await server.post<{ ticketNo: string; status: string; followUp: string }>("/api/v1/complaints", {
        token: operator.token,
        body: {
          barrierType: "B15",
          title: "来电反映办证被要求重复提交材料",
          description: "来电人称在窗口办理食品经营许可时被要求重复提交营业执照复印件，已跑三次。",
          listItemCode: null,
          accusedName: "某窗口",
          town: "南康镇",
          contact: { name: "李四", phone: "13900001111" },
          confidential: false,
        },
      });
      expect(filed.status).toBe(201);
      const ticket = filed.body.ticketNo;
      expect(filed.body.followUp).toContain("12345");
      const stored = await storedComplaint(ticket);
      expect(stored).toMatchObject({ channel: "phone", status: "submitted", operatorId: operator.user._id });

      // The outbox record exists from intake; with no platform the dispatcher hands it to the in-product queue.
      expect((await WorkOrderModel.findOne({ ticketNo: ticket }).lean())!.deliveryState).toBe("pending");
      expect((await runDispatcher()).local).toBeGreaterThanOrEqual(1);
      expect((await WorkOrderModel.findOne({ ticketNo: ticket }).lean())!.deliveryState).toBe("local");

      const unclaimed = await queue(operator.token, { view: "unclaimed", pageSize: 100 });
      const row = unclaimed.body.items.find((i) => i.ticketNo === ticket)!;
      expect(row).toMatchObject({ stage: "unclaimed", stageLabel: "待领取", deliveryState: "local", complaintStatus: "submitted", channel: "phone", claimedBy: null, can: { claim: true, acknowledge: false, dispatch: false } });
      // Lists never carry the caller's name and phone.
      expect(row.requester).toBeNull();
      expect(JSON.stringify(unclaimed.body)).not.toContain("13900001111");

      const claimed = await act(operator.token, ticket, "claim");
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ stage: "claimed", claimedByMe: true, claimedBy: { id: operator.user._id.toHexString() }, can: { claim: false, acknowledge: true, dispatch: true } });
      // The operator took the call: the detail shows the caller (audited).
      expect(claimed.body.requester).toEqual({ name: "李四", phone: "13900001111" });
      expect(await AuditLogModel.countDocuments({ action: "complaint.disclose_contact", resourceId: ticket, actorId: operator.user._id })).toBeGreaterThanOrEqual(1);
      // Claiming again is harmless; another operator is refused.
      expect((await act(operator.token, ticket, "claim")).status).toBe(200);
      const taken = await act(other.token, ticket, "claim");
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: "conflict", message: "该工单已由其他话务员领取" });
      expect((await act(other.token, ticket, "dispatch", { departmentCode: "scjgj" })).status).toBe(409);

      const counts = await server.get<{ open: number; unclaimed: number; mine: number; local: boolean }>("/api/v1/staff/hotline/summary", { token: operator.token });
      expect(counts.body).toMatchObject({ local: true, mine: 1 });
      expect(counts.body.open).toBeGreaterThan(counts.body.unclaimed);
      expect((await server.get<{ mine: number }>("/api/v1/staff/hotline/summary", { token: other.token })).body.mine).toBe(0);
      const mine = await queue(operator.token, { view: "mine" });
      expect(mine.body.items.map((i) => i.ticketNo)).toContain(ticket);
      expect((await queue(other.token, { view: "mine" })).body.items.map((i) => i.ticketNo)).not.toContain(ticket);

      const acked = await act(operator.token, ticket, "acknowledge");
      expect(acked.status).toBe(200);
      expect(acked.body).toMatchObject({ stage: "acknowledged", can: { acknowledge: false, dispatch: true } });
      expect((await act(operator.token, ticket, "acknowledge")).status).toBe(200);
      const acks = (await storedComplaint(ticket)).timeline.filter((e) => e.action === "hotline_ack");
      expect(acks).toHaveLength(1);

      // A department that does not exist is refused and nothing changes.
      const bad = await act(operator.token, ticket, "dispatch", { departmentCode: "nosuch" });
      expect(bad.status).toBe(400);
      expect((await storedComplaint(ticket)).status).toBe("submitted");

      const dispatched = await act(operator.token, ticket, "dispatch", { departmentCode: "scjgj", note: "请核实窗口要求" });
      expect(dispatched.status).toBe(200);
      expect(dispatched.body).toMatchObject({ stage: "dispatched", complaintStatus: "assigned", department: { code: "scjgj" }, can: { claim: false, acknowledge: false, dispatch: false } });
      const after = await storedComplaint(ticket);
      expect(after.status).toBe("assigned");
      expect(after.timeline.at(-1)).toMatchObject({ action: "assign", actorRole: "hotline_operator", to: "assigned" });
      expect((await act(operator.token, ticket, "dispatch", { departmentCode: "scjgj" })).status).toBe(409);
      expect((await queue(operator.token, { view: "open", pageSize: 100 })).body.items.map((i) => i.ticketNo)).not.toContain(ticket);
      expect((await queue(operator.token, { view: "dispatched", pageSize: 100 })).body.items.map((i) => i.ticketNo)).toContain(ticket);

      // The department sees it on its workbench and takes it on.
      const handler = await staffOf(server, "scjgj");
      const list = await server.get<{ items: { ticketNo: string; status: string }[] }>("/api/v1/staff/complaints", { token: handler.token, query: { status: "assigned", pageSize: 100 } });
      expect(list.body.items.map((i) => i.ticketNo)).toContain(ticket);
      const accepted = await server.post(`/api/v1/staff/complaints/${ticket}/actions`, { token: handler.token, body: { action: "accept" } });
      expect(accepted.status).toBe(200);
      const byStatus = await queue(operator.token, { view: "all", status: "accepted", pageSize: 100 });
      expect(byStatus.body.items.map((i) => i.ticketNo)).toContain(ticket);
    });

    it("confirms a phone complaint that routing already assigned, and refuses dispatching it elsewhere (改派 is the coordinator's)", async () => {
      const ticket = await fileComplaint(server, operator.token, { listItemCode: "S2048" });
      expect((await storedComplaint(ticket)).status).toBe("assigned");
      await runDispatcher();
      expect((await act(operator.token, ticket, "claim")).status).toBe(200);
      const elsewhere = await act(operator.token, ticket, "dispatch", { departmentCode: "swj" });
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.error.code).toBe("invalid_transition");
      const same = await act(operator.token, ticket, "dispatch", { departmentCode: "scjgj" });
      expect(same.status).toBe(200);
      expect(same.body.stage).toBe("dispatched");
    });

    it("refuses acting before claiming, and on finished complaints", async () => {
      const ticket = await fileComplaint(server, operator.token, { barrierType: "B15" });
      const early = await act(operator.token, ticket, "acknowledge");
      expect(early.status).toBe(409);
      expect(early.body.error.message).toBe("请先领取该工单");
      expect((await act(operator.token, ticket, "dispatch", { departmentCode: "scjgj" })).status).toBe(409);
      const coord = await coordinator(server);
      await server.post(`/api/v1/staff/complaints/${ticket}/actions`, { token: coord.token, body: { action: "merge", into: await fileComplaint(server, operator.token, { barrierType: "B15" }) } });
      const merged = await act(operator.token, ticket, "claim");
      expect(merged.status).toBe(409);
      expect(merged.body.error.code).toBe("invalid_transition");
    });

    it("validates bodies and queries with Chinese messages", async () => {
      const ticket = await fileComplaint(server, operator.token, { barrierType: "B15" });
      await act(operator.token, ticket, "claim");
      for (const body of [{}, { departmentCode: "scjgj", extra: 1 }, { departmentCode: 5 }]) {
        const res = await act(operator.token, ticket, "dispatch", body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("validation_failed");
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect((await queue(operator.token, { view: "everything" })).status).toBe(400);
      expect((await queue(operator.token, { pageSize: 1000 })).status).toBe(400);
    });
  });

  describe("platform callback without a configured platform", () => {
    it("answers 503 integration_not_configured and changes nothing", async () => {
      const res = await server.post<ErrorReply>("/api/v1/integrations/hotline/callback", {
        body: { eventId: "EV0000000001", ticketNo: "LS202601010001", status: "accepted", occurredAt: new Date().toISOString() },
        headers: { "X-Hotline-Timestamp": String(Math.floor(Date.now() / 1000)), "X-Hotline-Signature": "0".repeat(64) },
      });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("integration_not_configured");
    });
  });

  describe("filters and paging", () => {
    it("filters by view, channel, category and text, newest first, paged", async () => {
      const op = await buildStaff("hotline_operator");
      const token = tokenFor(server, op);
      const mark = `分页测试${Date.now()}`;
      const tickets: string[] = [];
      for (let i = 0; i < 5; i++) tickets.push(await fileComplaint(server, token, { barrierType: "B15", title: `${mark}第${i}件` }));
      const first = await queue(token, { view: "all", q: mark, pageSize: 2 });
      expect(first.body.total).toBe(5);
      expect(first.body.items.map((i) => i.ticketNo)).toEqual([tickets[4], tickets[3]]);
      const third = await queue(token, { view: "all", q: mark, pageSize: 2, page: 3 });
      expect(third.body.items.map((i) => i.ticketNo)).toEqual([tickets[0]]);
      expect((await queue(token, { view: "all", q: mark, channel: "miniapp" })).body.total).toBe(0);
      expect((await queue(token, { view: "all", q: mark, barrierType: "B15" })).body.total).toBe(5);
      expect((await queue(token, { view: "all", q: tickets[2] })).body.items.map((i) => i.ticketNo)).toEqual([tickets[2]]);
      // A citizen's complaint routed to 12345 (B07) is in the queue too, without the content review hold.
      const owner = await citizen(server);
      const routed = await fileComplaint(server, owner.token, { barrierType: "B07", title: `${mark}群众` });
      const miniapp = await queue(token, { view: "all", q: mark, channel: "miniapp" });
      expect(miniapp.body.items.map((i) => i.ticketNo)).toEqual([routed]);
    });
  });
});
