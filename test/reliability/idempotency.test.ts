/**
 * 100 concurrent retries of one submission under one Idempotency-Key create one complaint (and
 * one 12345 work order, one assignment event); every retry gets the same answer.
 */
import { ComplaintModel } from "../../bff/src/models/complaint/complaint.schema";
import { JobModel } from "../../bff/src/models/job/job.schema";
import { WorkOrderModel } from "../../bff/src/models/workOrder/workOrder.schema";
import {
  citizen,
  complaintInput,
  hotlineOperator,
  type Created,
} from "../support/complaintFactories";
import { getTestServer } from "../support/server";

const RETRIES = 100;

// 100 submissions under one key race into one intake batch, which then falls back to writing them
// one by one (all but one replay): seconds on a busy machine.
jest.setTimeout(60_000);

describe("Idempotency-Key under 100 concurrent retries", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });

  it.each([
    [
      "a citizen, complaint assigned at once and sent to 12345",
      "citizen",
      { barrierType: "B07" as const, listItemCode: "S2048" },
    ],
    ["a 12345 operator registering a phone call", "operator", { listItemCode: "S2048" }],
  ])("%s: one complaint, one work order, one event, one answer", async (_, who, overrides) => {
    const filer = who === "citizen" ? await citizen(server) : await hotlineOperator(server);
    const body = complaintInput(overrides);
    const key = `retry-${Date.now()}-${who}`;
    const before = await ComplaintModel.countDocuments();
    const answers = await Promise.all(
      Array.from({ length: RETRIES }, () =>
        server.post<Created>("/api/v1/complaints", {
          token: filer.token,
          body,
          headers: { "idempotency-key": key },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(RETRIES).fill(201));
    const tickets = new Set(answers.map((a) => a.body.ticketNo));
    expect(tickets.size).toBe(1);
    // Byte-identical answers (the first attempt's answer is replayed).
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await ComplaintModel.countDocuments()).toBe(before + 1);
    const [ticketNo] = [...tickets];
    const stored = await ComplaintModel.find({ ticketNo }).lean();
    expect(stored).toHaveLength(1);
    expect(await WorkOrderModel.countDocuments({ complaintId: stored[0]._id })).toBe(1);
    expect(
      await JobModel.countDocuments({
        type: "event.dispatch",
        "payload.payload.complaintId": stored[0]._id.toHexString(),
      }),
    ).toBe(stored[0].status === "assigned" ? 1 : 0);

    // A later retry still gets the same answer; another body under the key is refused.
    const late = await server.post<Created>("/api/v1/complaints", {
      token: filer.token,
      body,
      headers: { "idempotency-key": key },
    });
    expect([late.status, late.body.ticketNo]).toEqual([201, ticketNo]);
    const other = await server.post<{ error: { code: string } }>("/api/v1/complaints", {
      token: filer.token,
      body: { ...body, title: "另一件事" },
      headers: { "idempotency-key": key },
    });
    expect([other.status, other.body.error.code]).toEqual([422, "idempotency_key_reused"]);
    expect(await ComplaintModel.countDocuments()).toBe(before + 1);
  });

  it("the same key from two different users is two complaints (keys are per user)", async () => {
    const [a, b] = [await citizen(server), await citizen(server)];
    const key = `shared-${Date.now()}`;
    const body = complaintInput();
    const answers = await Promise.all(
      [a, b, a, b].map((u) =>
        server.post<Created>("/api/v1/complaints", {
          token: u.token,
          body,
          headers: { "idempotency-key": key },
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(answers[0].body.ticketNo).toBe(answers[2].body.ticketNo);
    expect(answers[1].body.ticketNo).toBe(answers[3].body.ticketNo);
    expect(answers[0].body.ticketNo).not.toBe(answers[1].body.ticketNo);
  });
});
