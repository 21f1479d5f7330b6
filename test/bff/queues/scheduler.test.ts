import { CronScheduler, defineCron } from "../../../bff/src/queues/scheduler";
import { ScheduleModel } from "../../../bff/src/models/schedule/schedule.schema";
import { createLogger } from "../../../bff/src/logger";
import { getTestServer } from "../../support/server";

describe("cron scheduler", () => {
  const server = getTestServer();

  it("runs a due task on exactly one of several instances and schedules the next run", async () => {
    let runs = 0;
    const cron = defineCron({
      name: "test.cron",
      intervalMs: 60_000,
      perform: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 20));
      },
    });
    const ctx = { config: server.config, log: createLogger("silent"), services: server.services };
    const instances = [new CronScheduler([cron], ctx), new CronScheduler([cron], ctx), new CronScheduler([cron], ctx)];
    for (const s of instances) await s.start();
    await Promise.all(instances.map((s) => s.tick()));
    await Promise.all(instances.map((s) => s.tick()));
    for (const s of instances) await s.stop();
    expect(runs).toBe(1);
    const row = await ScheduleModel.findById("test.cron").lean();
    expect(row!.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(row!.leaseOwner).toBeNull();
  });

  it("records a failing run and tries again at the next interval", async () => {
    const cron = defineCron({
      name: "test.cron.fail",
      intervalMs: 1,
      perform: async () => {
        throw new Error("上游超时");
      },
    });
    const s = new CronScheduler([cron], { config: server.config, log: createLogger("silent"), services: server.services });
    await s.start();
    await s.tick();
    await s.stop();
    const row = await ScheduleModel.findById("test.cron.fail").lean();
    expect(row!.lastError).toBe("上游超时");
  });
});
