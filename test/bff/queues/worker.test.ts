import { JobModel } from "../../../bff/src/models/job/job.schema";
import { withTransaction } from "../../../bff/src/db/transaction";
import { eventTasks } from "../../../bff/src/queues/dispatch";
import { emitEvents } from "../../../bff/src/queues/events";
import { defineProcessor } from "../../../bff/src/queues/processor";
import { TaskRegistry } from "../../../bff/src/queues/registry";
import { defineTask } from "../../../bff/src/queues/task";
import { JobWorker } from "../../../bff/src/queues/worker";
import { createLogger } from "../../../bff/src/logger";
import { getTestServer } from "../../support/server";

describe("durable job queue", () => {
  const server = getTestServer();
  const log = createLogger("silent");

  function workerWith(...tasks: Parameters<TaskRegistry["register"]>) {
    return new JobWorker({
      registry: new TaskRegistry().register(...tasks),
      context: { config: server.config, log, services: server.services },
    });
  }

  it("writes a job only when its transaction commits", async () => {
    const task = defineTask<{ n: number }>({ name: "test.commit", perform: async () => undefined });
    await withTransaction(async (session) => task.schedule({ n: 1 }, { session }));
    await expect(
      withTransaction(async (session) => {
        await task.schedule({ n: 2 }, { session });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const jobs = await JobModel.find({ type: "test.commit" }).lean();
    expect(jobs.map((j) => (j.payload as { n: number }).n)).toEqual([1]);
  });

  it("runs a job once and marks it done with an expiry", async () => {
    const seen: number[] = [];
    const task = defineTask<{ n: number }>({ name: "test.once", perform: async (p) => void seen.push(p.n) });
    await task.schedule({ n: 7 });
    const worker = workerWith(task as never);
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(seen).toEqual([7]);
    const job = await JobModel.findOne({ type: "test.once" }).lean();
    expect(job).toMatchObject({ state: "done", attempts: 1 });
    expect(job!.expireAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("retries with backoff and parks the job as dead after the last attempt", async () => {
    const deadCalls: string[] = [];
    const task = defineTask<{ id: string }>({
      name: "test.failing",
      maxAttempts: 3,
      backoffMs: () => 0,
      perform: async () => {
        throw new Error("对方服务不可用");
      },
      onDead: async (p) => void deadCalls.push(p.id),
    });
    await task.schedule({ id: "x" });
    const worker = workerWith(task as never);
    await worker.drain();
    const job = await JobModel.findOne({ type: "test.failing" }).lean();
    expect(job).toMatchObject({ state: "dead", attempts: 3, lastError: "对方服务不可用" });
    expect(deadCalls).toEqual(["x"]);
  });

  it("waits for the backoff before retrying", async () => {
    let calls = 0;
    const task = defineTask({
      name: "test.backoff",
      backoffMs: () => 60_000,
      perform: async () => {
        calls++;
        throw new Error("temporarily down");
      },
    });
    await task.schedule({});
    const worker = workerWith(task as never);
    await worker.drain();
    expect(calls).toBe(1);
    const job = await JobModel.findOne({ type: "test.backoff" }).lean();
    expect(job!.state).toBe("pending");
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it("writes a job with a dedupe key only once", async () => {
    const task = defineTask({ name: "test.dedupe", perform: async () => undefined });
    await task.schedule({}, { dedupeKey: "same" });
    await task.schedule({}, { dedupeKey: "same" });
    expect(await JobModel.countDocuments({ type: "test.dedupe" })).toBe(1);
  });

  it("takes over a job whose worker died (expired lease)", async () => {
    let ran = 0;
    const task = defineTask({ name: "test.lease", perform: async () => void ran++ });
    await JobModel.create({
      type: "test.lease",
      state: "processing",
      attempts: 1,
      leaseOwner: "dead-worker",
      leaseUntil: new Date(Date.now() - 1_000),
    });
    await workerWith(task as never).drain();
    expect(ran).toBe(1);
    expect((await JobModel.findOne({ type: "test.lease" }).lean())!.state).toBe("done");
  });

  it("two workers never run the same job twice", async () => {
    let runs = 0;
    const task = defineTask({
      name: "test.concurrent",
      perform: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    for (let i = 0; i < 40; i++) await task.schedule({ i });
    await Promise.all([workerWith(task as never).drain(), workerWith(task as never).drain()]);
    expect(runs).toBe(40);
  });

  it("fans an event out to each interested processor exactly once, even if dispatched twice", async () => {
    const seen: string[] = [];
    const processor = defineProcessor({
      name: "TestProcessor",
      events: ["list.edition_activated"],
      perform: async (event) => void seen.push(event.payload.editionId),
    });
    const { dispatch, run } = eventTasks([processor]);
    const [event] = await withTransaction((session) =>
      emitEvents([{ name: "list.edition_activated", payload: { editionId: "e1", previousEditionId: null } }], session),
    );
    const worker = workerWith(dispatch as never, run as never);
    await worker.drain();
    // A crashed dispatcher running again must not notify twice.
    await dispatch.perform(event, { config: server.config, log, services: server.services, attempt: 2 });
    await worker.drain();
    expect(seen).toEqual(["e1"]);
  });
});
