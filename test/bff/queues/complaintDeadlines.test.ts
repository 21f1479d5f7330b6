import { createLogger } from "../../../bff/src/logger";
import { ComplaintModel } from "../../../bff/src/models/complaint/complaint.schema";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { complaintDeadlinesCron } from "../../../bff/src/queues/crons/complaintDeadlines";
import { citizen, complaintIn, coordinator, staffOf, storedComplaint, type Cast } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

describe("complaint deadlines (scheduled)", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let cast: Cast;
  const run = () => complaintDeadlinesCron.perform({ config: server.config, log: createLogger("silent"), services: server.services });
  const events = async (ticket: string, action: string) => JobModel.countDocuments({ "payload.name": "complaint.status_changed", "payload.payload.ticketNo": ticket, "payload.payload.action": action });
  const shift = (ticket: string, set: Record<string, unknown>) => ComplaintModel.updateOne({ ticketNo: ticket }, { $set: set });

  beforeAll(async () => {
    cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj"), coordinator: await coordinator(server) };
  });

  it("flags overdue complaints once (even when runs overlap) and puts them in the coordinator's 督办 queue", async () => {
    const late = await complaintIn(server, "assigned", cast);
    await shift(late, { "deadlines.acceptBy": new Date(Date.now() - 60_000) });
    await Promise.all([run(), run(), run()]);
    const c = await storedComplaint(late);
    expect(c.overdue).toBe(true);
    expect(c.timeline.filter((e) => e.action === "overdue")).toHaveLength(1);
    expect(await events(late, "overdue")).toBe(1);
    await run();
    expect(await events(late, "overdue")).toBe(1);
    const queue = await server.get<{ items: { ticketNo: string; deadlines: { overdue: boolean } }[] }>("/api/v1/staff/complaints", { token: cast.coordinator.token, query: { queue: "supervision", pageSize: 100 } });
    expect(queue.body.items.find((i) => i.ticketNo === late)?.deadlines.overdue).toBe(true);
    expect((await server.get<{ items: { ticketNo: string }[] }>("/api/v1/staff/complaints", { token: cast.coordinator.token, query: { overdue: "true", pageSize: 100 } })).body.items.map((i) => i.ticketNo)).toContain(late);
    // Accepting starts the reply clock and clears the flag.
    await server.post(`/api/v1/staff/complaints/${late}/actions`, { token: cast.handler.token, body: { action: "accept" } });
    expect((await storedComplaint(late)).overdue).toBe(false);
  });

  it("marks complaints due within 8 hours, and unmarks them when the clock moves", async () => {
    const soon = await complaintIn(server, "accepted", cast);
    await shift(soon, { "deadlines.replyBy": new Date(Date.now() + 2 * 3_600_000) });
    await run();
    expect((await storedComplaint(soon)).dueSoon).toBe(true);
    await shift(soon, { "deadlines.replyBy": new Date(Date.now() + 5 * 86_400_000) });
    await run();
    expect((await storedComplaint(soon)).dueSoon).toBe(false);
  });

  it("closes a reply nobody rated within the configured silence, once", async () => {
    const silent = await complaintIn(server, "replied", cast);
    const fresh = await complaintIn(server, "replied", cast);
    await shift(silent, { repliedAt: new Date(Date.now() - 30 * 86_400_000) });
    await Promise.all([run(), run()]);
    expect(await storedComplaint(silent)).toMatchObject({ status: "closed", closeReason: "auto" });
    expect(await events(silent, "auto_close")).toBe(1);
    expect((await storedComplaint(fresh)).status).toBe("replied");
    const view = await server.get<{ timeline: { action: string; actionLabel: string }[] }>(`/api/v1/complaints/${silent}`, { token: cast.owner.token });
    expect(view.body.timeline.at(-1)).toMatchObject({ action: "auto_close", actionLabel: "逾期未评价自动办结" });
  });
});
