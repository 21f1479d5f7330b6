import { HotlineDispatcher } from "../../../bff/src/hotline/dispatcher";
import { pullStatuses } from "../../../bff/src/hotline/statusPull";
import { createLogger } from "../../../bff/src/logger";
import { HotlineEventModel } from "../../../bff/src/models/workOrder/hotlineEvent.schema";
import { WorkOrderModel } from "../../../bff/src/models/workOrder/workOrder.schema";
import {
  citizen,
  fileComplaint,
  hotlineOperator,
  staffOf,
  storedComplaint,
  type TestUser,
} from "../../support/complaintFactories";
import { FAKE_HOTLINE_KEY, FAKE_HOTLINE_SECRET, FakeHotline } from "../../support/fakeHotline";
import { getTestServer } from "../../support/server";

const log = createLogger("silent");
const PATH = "/api/v1/integrations/hotline/callback";

/** The 12345 platform's signed status callback, and the status pull that backs it up. */
describe("12345 status updates", () => {
  const fake = new FakeHotline();
  const env: Record<string, string> = {
    COMPLAINT_DAILY_LIMIT: "0",
    HOTLINE_API_SECRET: FAKE_HOTLINE_SECRET,
    HOTLINE_API_KEY: FAKE_HOTLINE_KEY,
    HOTLINE_PULL_INTERVAL_SECONDS: "10",
  };
  beforeAll(async () => {
    await fake.start();
    env.HOTLINE_API_URL = fake.url;
  });
  const server = getTestServer({ seed: true, env });
  afterAll(() => fake.stop());

  let owner: TestUser;
  let handler: TestUser;
  beforeAll(async () => {
    owner = await citizen(server);
    handler = await staffOf(server, "scjgj");
  });

  const endpoint = () => `${server.url}${PATH}`;
  const deliver = () => new HotlineDispatcher({ config: server.config, log }).runOnce();
  /** A citizen's complaint routed to the coordinator and to 12345 (B03), delivered to the platform. */
  async function delivered(): Promise<string> {
    const ticket = await fileComplaint(server, owner.token, { barrierType: "B03" });
    await deliver();
    expect(fake.orders.has(ticket)).toBe(true);
    return ticket;
  }
  const snapshot = async (ticket: string) => {
    const c = await storedComplaint(ticket);
    return {
      status: c.status,
      version: c.version,
      timeline: c.timeline.length,
      events: await HotlineEventModel.countDocuments({ ticketNo: ticket }),
    };
  };

  describe("refusals (nothing changes)", () => {
    let ticket: string;
    beforeAll(async () => {
      ticket = await delivered();
    });

    it("refuses a missing or forged signature and a body other than the one signed (401 signature_invalid)", async () => {
      const before = await snapshot(ticket);
      const event = fake.addEvent(ticket, "dispatched", { departmentCode: "scjgj" });
      for (const options of [
        { omitSignature: true },
        { secret: "someone-elses-secret-000" },
        { tamper: (b: string) => b.replace("scjgj", "swj") },
      ]) {
        const res = await fake.sendCallback(endpoint(), event, options);
        expect(res.status).toBe(401);
        expect(res.body.error).toMatchObject({
          code: "signature_invalid",
          message: expect.stringMatching(/签名/),
        });
      }
      expect(await snapshot(ticket)).toEqual(before);
    });

    it("refuses a timestamp outside the window, stale or from the future (401 timestamp_out_of_window)", async () => {
      const before = await snapshot(ticket);
      const event = fake.addEvent(ticket, "dispatched", { departmentCode: "scjgj" });
      for (const offset of [-301, 301, -86_400]) {
        const res = await fake.sendCallback(endpoint(), event, { timestampOffsetSeconds: offset });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe("timestamp_out_of_window");
      }
      expect(await snapshot(ticket)).toEqual(before);
    });

    it("refuses a replayed event (409 replayed_request), even re-signed with a fresh timestamp", async () => {
      const event = fake.addEvent(ticket, "accepted");
      const first = await fake.sendCallback(endpoint(), event);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        eventId: event.eventId,
        ticketNo: ticket,
        applied: false,
        complaintStatus: "submitted",
      });
      const before = await snapshot(ticket);
      for (let i = 0; i < 3; i++) {
        const again = await fake.sendCallback(endpoint(), event);
        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe("replayed_request");
      }
      expect(await snapshot(ticket)).toEqual(before);
    });

    it("refuses unknown tickets (404) and bad updates (400) without remembering their event ids", async () => {
      const before = await snapshot(ticket);
      const unknown = await fake.sendCallback(endpoint(), {
        ...fake.addEvent(ticket, "accepted"),
        ticketNo: "LS202601019999",
      });
      expect(unknown.status).toBe(404);
      for (const bad of [
        { ...fake.addEvent(ticket, "accepted"), status: "办结" },
        { ...fake.addEvent(ticket, "accepted"), extra: 1 },
        fake.addEvent(ticket, "dispatched"), // no department
      ]) {
        const res = await fake.sendCallback(endpoint(), bad);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("validation_failed");
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      const noSuchDept = fake.addEvent(ticket, "dispatched", { departmentCode: "nosuch" });
      expect((await fake.sendCallback(endpoint(), noSuchDept)).status).toBe(400);
      expect(await snapshot(ticket)).toEqual(before);
      // Corrected and sent again under the same event id, it is applied.
      const fixed = await fake.sendCallback(endpoint(), { ...noSuchDept, departmentCode: "scjgj" });
      expect(fixed.status).toBe(200);
      expect(fixed.body.complaintStatus).toBe("assigned");
    });
  });

  describe("mapping onto the complaint lifecycle", () => {
    it("受理 is noted, 派单 assigns the department (which sees it), 办结 after the department replied closes it", async () => {
      const ticket = await delivered();
      const accepted = await fake.sendCallback(endpoint(), fake.addEvent(ticket, "accepted"));
      expect(accepted.body).toMatchObject({ applied: false, complaintStatus: "submitted" });
      expect((await storedComplaint(ticket)).timeline.at(-1)).toMatchObject({
        action: "comment",
        actorRole: "hotline_operator",
        note: expect.stringContaining("12345 已受理"),
      });

      const dispatched = await fake.sendCallback(
        endpoint(),
        fake.addEvent(ticket, "dispatched", { departmentCode: "scjgj", note: "请市场监管局核实" }),
      );
      expect(dispatched.status).toBe(200);
      expect(dispatched.body).toMatchObject({
        applied: true,
        outcome: "已派单至承办部门",
        complaintStatus: "assigned",
      });
      const list = await server.get<{ items: { ticketNo: string }[] }>("/api/v1/staff/complaints", {
        token: handler.token,
        query: { status: "assigned", pageSize: 100 },
      });
      expect(list.body.items.map((i) => i.ticketNo)).toContain(ticket);
      const assign = (await storedComplaint(ticket)).timeline.at(-1)!;
      expect(assign).toMatchObject({
        action: "assign",
        actorRole: "hotline_operator",
        from: "submitted",
        to: "assigned",
        note: expect.stringContaining("12345 平台派单"),
      });

      // 办结 before the department replied does not close it (the state machine decides): noted.
      const early = await fake.sendCallback(endpoint(), fake.addEvent(ticket, "closed"));
      expect(early.body).toMatchObject({ applied: false, complaintStatus: "assigned" });

      for (const body of [
        { action: "accept" },
        { action: "reply", note: "经核查已责令窗口整改，取消重复材料要求。" },
      ]) {
        expect(
          (
            await server.post(`/api/v1/staff/complaints/${ticket}/actions`, {
              token: handler.token,
              body,
            })
          ).status,
        ).toBe(200);
      }
      const closed = await fake.sendCallback(
        endpoint(),
        fake.addEvent(ticket, "closed", { note: "回访企业表示满意" }),
      );
      expect(closed.body).toMatchObject({ applied: true, complaintStatus: "closed" });
      const c = await storedComplaint(ticket);
      expect(c.status).toBe("closed");
      expect(c.timeline.at(-1)).toMatchObject({
        action: "close",
        to: "closed",
        note: "12345 回访办结：回访企业表示满意",
      });
      const wo = await WorkOrderModel.findOne({ ticketNo: ticket }).lean();
      expect(wo).toMatchObject({ externalStatus: "closed", deliveryState: "delivered" });
      expect(wo!.settledAt).not.toBeNull();
      // The complainant sees the platform's steps in plain words, not internal notes.
      const mine = await server.get<{
        timeline: { action: string; actionLabel: string; actor: string; note: string | null }[];
      }>(`/api/v1/complaints/${ticket}`, { token: owner.token });
      expect(
        mine.body.timeline
          .filter((e) => e.action === "assign" || e.action === "close")
          .every((e) => e.actor === "12345热线"),
      ).toBe(true);
      expect(mine.body.timeline.find((e) => e.action === "hotline_push")).toMatchObject({
        actionLabel: "已推送12345",
        actor: "系统",
      });
      expect(mine.body.timeline.some((e) => e.action === "comment")).toBe(false);
    });

    it("keeps operators out of the in-product queue actions while a platform is configured (they read it)", async () => {
      const operator = await hotlineOperator(server);
      const ticket = await fileComplaint(server, operator.token, { barrierType: "B15" });
      await deliver();
      const view = await server.get<{
        deliveryState: string;
        externalId: string;
        can: Record<string, boolean>;
      }>(`/api/v1/staff/hotline/queue/${ticket}`, { token: operator.token });
      expect(view.body).toMatchObject({
        deliveryState: "delivered",
        externalId: fake.orders.get(ticket)!.orderId,
        can: { claim: false, acknowledge: false, dispatch: false },
      });
      const claim = await server.post<{ error: { code: string; message: string } }>(
        `/api/v1/staff/hotline/queue/${ticket}/claim`,
        { token: operator.token },
      );
      expect(claim.status).toBe(409);
      expect(claim.body.error).toEqual(
        expect.objectContaining({
          code: "invalid_transition",
          message: "已对接 12345 平台，该工单由平台办理",
        }),
      );
    });

    it("notes a 派单 to another department when ours is already handling it (改派 stays with the coordinator)", async () => {
      const ticket = await fileComplaint(server, owner.token, { barrierType: "B07" });
      await deliver();
      const res = await fake.sendCallback(
        endpoint(),
        fake.addEvent(ticket, "dispatched", { departmentCode: "swj" }),
      );
      expect(res.body).toMatchObject({ applied: false, complaintStatus: "assigned" });
      expect(
        (await storedComplaint(ticket)).departmentId!.equals(
          (await storedComplaint(ticket)).routing.departmentId!,
        ),
      ).toBe(true);
    });

    it("the status pull applies updates whose callbacks were lost, once, and skips those already received", async () => {
      const operator = await hotlineOperator(server);
      const ticket = await fileComplaint(server, operator.token, { barrierType: "B15" });
      await deliver();
      const viaCallback = fake.addEvent(ticket, "accepted");
      expect((await fake.sendCallback(endpoint(), viaCallback)).status).toBe(200);
      // These two never reach us as callbacks.
      fake.addEvent(ticket, "dispatched", { departmentCode: "scjgj" });
      fake.addEvent(ticket, "returned", { note: "非本平台受理范围" });
      const pulled = await pullStatuses({ config: server.config, services: server.services, log });
      // Earlier tests left events on other orders the platform never sent (among them refused ones: skipped, not retried).
      expect(pulled.failed).toBe(0);
      expect(pulled.known).toBeGreaterThanOrEqual(1);
      expect(pulled.skipped).toBeGreaterThanOrEqual(1);
      const events = await HotlineEventModel.find({ ticketNo: ticket })
        .sort({ occurredAt: 1 })
        .lean();
      expect(events.map((e) => [e.status, e.source])).toEqual([
        ["accepted", "callback"],
        ["dispatched", "pull"],
        ["returned", "pull"],
      ]);
      const c = await storedComplaint(ticket);
      expect(c.status).toBe("assigned");
      expect(c.timeline.at(-1)!.note).toContain("12345 已退回：非本平台受理范围");
      // 退回 is final on the platform's side: nothing more to pull for it.
      const again = await pullStatuses(
        { config: server.config, services: server.services, log },
        200,
        new Date(Date.now() + 3_600_000),
      );
      expect(again.applied).toBe(0);
      expect(await HotlineEventModel.countDocuments({ ticketNo: ticket })).toBe(3);
      expect((await WorkOrderModel.findOne({ ticketNo: ticket }).lean())!.settledAt).not.toBeNull();
    });
  });
});
