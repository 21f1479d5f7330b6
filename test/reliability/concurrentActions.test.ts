/**
 * Conflicting lifecycle actions on one complaint at the same moment (two officers, an officer and
 * the complainant, double-clicks): exactly one transition wins, the others are refused without a
 * trace; the timeline, the status and the outbox (one event per transition) agree.
 */
import { ComplaintModel } from "../../bff/src/models/complaint/complaint.schema";
import { JobModel } from "../../bff/src/models/job/job.schema";
import {
  citizen,
  complaintIn,
  coordinator,
  staffOf,
  type Cast,
} from "../support/complaintFactories";
import { getTestServer } from "../support/server";

jest.setTimeout(60_000);

const REPLY = "经核查，已责令窗口取消额外材料要求。";

describe("concurrent conflicting actions on one complaint", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let cast: Cast;

  beforeAll(async () => {
    cast = {
      owner: await citizen(server),
      handler: await staffOf(server, "scjgj"),
      coordinator: await coordinator(server),
    };
  });

  async function stateOf(ticketNo: string) {
    const c = await ComplaintModel.findOne({ ticketNo }).lean();
    const events = await JobModel.find({
      type: "event.dispatch",
      "payload.payload.complaintId": c!._id.toHexString(),
    }).lean();
    return {
      c: c!,
      actions: c!.timeline.map((t) => t.action),
      events: events.map((e) => (e.payload as { payload: { action: string } }).payload.action),
    };
  }

  it("20 simultaneous accepts by two officers of the department: one succeeds, 19 are refused, one timeline entry, one event", async () => {
    const ticket = await complaintIn(server, "assigned" as never, cast);
    const second = await staffOf(server, "scjgj");
    const before = await stateOf(ticket);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.post(`/api/v1/staff/complaints/${ticket}/actions`, {
          token: (i % 2 ? second : cast.handler).token,
          body: { action: "accept" },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    for (const a of answers.filter((x) => x.status !== 200))
      expect((a.body as { error: { code: string } }).error.code).toMatch(
        /invalid_transition|conflict/,
      );
    const after = await stateOf(ticket);
    expect(after.c.status).toBe("accepted");
    expect(after.actions.filter((a) => a === "accept")).toHaveLength(1);
    expect(after.events.length - before.events.length).toBe(1);
  });

  it("two replies, a return and the complainant’s withdrawal at once: exactly one of them happens", async () => {
    const ticket = await complaintIn(server, "accepted", cast);
    const before = await stateOf(ticket);
    const answers = await Promise.all([
      server.post(`/api/v1/staff/complaints/${ticket}/actions`, {
        token: cast.handler.token,
        body: { action: "reply", note: REPLY },
      }),
      server.post(`/api/v1/staff/complaints/${ticket}/actions`, {
        token: cast.handler.token,
        body: { action: "reply", note: REPLY },
      }),
      server.post(`/api/v1/staff/complaints/${ticket}/actions`, {
        token: cast.handler.token,
        body: { action: "return", note: "不属于本部门职责" },
      }),
      server.post(`/api/v1/complaints/${ticket}/withdraw`, { token: cast.owner.token, body: {} }),
    ]);
    const won = answers.filter((a) => a.status === 200);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const after = await stateOf(ticket);
    const newActions = after.actions
      .slice(before.actions.length)
      .filter((a) => ["reply", "return", "withdraw"].includes(a));
    // Whatever won is what happened, once; a refused action left nothing behind.
    expect(newActions).toHaveLength(won.length);
    expect(won).toHaveLength(1);
    expect(new Set(newActions).size).toBe(newActions.length);
    expect(after.events.length - before.events.length).toBe(won.length);
    if (newActions.includes("reply")) expect(after.c.status).toBe("replied");
  });

  it("two ratings at once: one closes (or reopens) the complaint, the other is refused", async () => {
    const ticket = await complaintIn(server, "replied", cast);
    const answers = await Promise.all([
      server.post(`/api/v1/complaints/${ticket}/rating`, {
        token: cast.owner.token,
        body: { rating: "satisfied" },
      }),
      server.post(`/api/v1/complaints/${ticket}/rating`, {
        token: cast.owner.token,
        body: { rating: "unsatisfied", comment: "没有解决" },
      }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const after = await stateOf(ticket);
    expect(after.actions.filter((a) => a === "rate")).toHaveLength(1);
    expect(["closed", "accepted"]).toContain(after.c.status);
  });
});
