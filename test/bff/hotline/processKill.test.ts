import { hotlineDeliveryEnv } from "./support/env";
import { startScriptProcess } from "../../support/scriptProcess";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { WorkOrderModel } from "../../../bff/src/models/workOrder/workOrder.schema";
import { fileComplaint } from "../../support/complaintFactories";
import { buildStaff, tokenFor } from "../../support/factories";
import { FakeHotline } from "../../support/fakeHotline";
import { getTestServer } from "../../support/server";

jest.setTimeout(120_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a dispatcher process on the test server's database. */
function startDispatcher(env: Record<string, string>): Promise<ChildProcess> {
  return startScriptProcess(
    path.join(__dirname, "support/dispatcherProcess.ts"),
    env,
    "dispatcher",
  );
}

describe("two dispatcher processes, one killed (SIGKILL) while sending", () => {
  const fake = new FakeHotline();
  const env = hotlineDeliveryEnv(500);
  beforeAll(async () => {
    await fake.start();
    env.HOTLINE_API_URL = fake.url;
  });
  const server = getTestServer({ env });
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await fake.stop();
  });

  it("still gets every work order to the platform exactly once, after an outage", async () => {
    const token = tokenFor(server, await buildStaff("hotline_operator"));
    const childEnv = {
      ...env,
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      MONGODB_URI: server.config.mongodbUri!,
      JWT_SECRET: "test-secret-test-secret-test-secret-0123",
      SEED: "false",
    };
    const [a, b] = await Promise.all([
      startDispatcher({ ...childEnv, DISPATCHER_ID: "process-a" }),
      startDispatcher({ ...childEnv, DISPATCHER_ID: "process-b" }),
    ]);
    children.push(a, b);
    // Once the platform is back it answers slowly, so that sends are in flight when A is killed
    // (A claims its next record as soon as one is done, so it always holds some).
    fake.hangNext = 1_000;
    fake.hangMs = 300;
    const outage = fake.goDown(2_000);
    await sleep(20);
    const filed = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fileComplaint(server, token, { barrierType: "B15", title: `进程中断测试${i}` }),
      ),
    );
    await outage;
    for (;;) {
      const delivered = await WorkOrderModel.countDocuments({ deliveryState: "delivered" });
      const heldByA = await WorkOrderModel.countDocuments({
        deliveryState: "sending",
        leaseOwner: "process-a",
      });
      if (delivered >= 20 && heldByA > 0) break;
      await sleep(5);
    }
    a.kill("SIGKILL");
    await new Promise((r) => a.once("exit", r));
    const orphaned = (
      await WorkOrderModel.find(
        { deliveryState: "sending", leaseOwner: "process-a" },
        { ticketNo: 1 },
      ).lean()
    ).map((o) => o.ticketNo);
    expect(orphaned.length).toBeGreaterThan(0);
    fake.hangNext = 0;

    // B takes over A's records once their leases run out (timeout × 2 + 5 s).
    const until = Date.now() + 60_000;
    while (
      Date.now() < until &&
      (await WorkOrderModel.countDocuments({ deliveryState: { $ne: "delivered" } })) > 0
    )
      await sleep(100);
    b.kill("SIGKILL");

    expect(await WorkOrderModel.countDocuments({ deliveryState: { $ne: "delivered" } })).toBe(0);
    expect([...fake.orders.keys()].sort()).toEqual([...filed].sort());
    for (const t of filed) expect(fake.creations.get(t)).toBe(1);
    // The outage made retries; A's orphaned records were sent again by B after their leases ran out.
    const orders = await WorkOrderModel.find(
      { ticketNo: { $in: filed } },
      { ticketNo: 1, attempts: 1 },
    ).lean();
    expect(orders.some((o) => o.attempts > 1)).toBe(true);
    for (const o of orders.filter((x) => orphaned.includes(x.ticketNo)))
      expect(o.attempts).toBeGreaterThanOrEqual(2);
  });
});
