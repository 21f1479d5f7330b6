import { startScriptProcess } from "../../support/scriptProcess";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import type { StaffPostView } from "@lushan/shared";
import { Types } from "mongoose";
import { ConsentModel } from "../../../bff/src/models/consent/consent.schema";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { MessageModel } from "../../../bff/src/models/message/message.schema";
import { NotificationModel } from "../../../bff/src/models/notification/notification.schema";
import { DeliveryModel } from "../../../bff/src/models/notificationDelivery/notificationDelivery.schema";
import { SubscriptionModel } from "../../../bff/src/models/subscription/subscription.schema";
import { UserModel } from "../../../bff/src/models/user/user.schema";
import { buildStaff, tokenFor } from "../../support/factories";
import { FAKE_APPID, FAKE_SECRET } from "../../support/fakeWechat";
import { getTestServer } from "../../support/server";
import { drainAll, TEMPLATES } from "./support";

jest.setTimeout(120_000);

const SUBSCRIBERS = 4_000;
const CONSENTING = 400;

/** Starts a worker process on the test server's database and fake WeChat. */
function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  return startScriptProcess(path.join(__dirname, "../../support/workerProcess.ts"), env, "worker");
}

describe("a worker process killed (SIGKILL) in the middle of a fan-out", () => {
  const server = getTestServer({
    wechat: true,
    env: { ...TEMPLATES, NOTIFY_BATCH_SIZE: "100", SUBSCRIBE_SEND_PER_SECOND: "1000" },
  });

  it("notifies nobody twice once another worker has drained the queue", async () => {
    const users = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
      _id: new Types.ObjectId(),
      role: "citizen",
      displayName: "微信用户",
      openid: `okill${i}x${Date.now()}`,
    }));
    await UserModel.insertMany(users, { lean: true });
    await SubscriptionModel.insertMany(
      users.map((u) => ({
        userId: u._id,
        categories: ["政策解读"],
        topics: ["category:政策解读"],
      })),
      { lean: true },
    );
    await ConsentModel.insertMany(
      users
        .slice(0, CONSENTING)
        .map((u) => ({
          userId: u._id,
          templateId: TEMPLATES.WECHAT_TEMPLATE_POLICY_UPDATE,
          template: "policy_update",
          kind: "one_time",
          credits: 1,
        })),
      { lean: true },
    );
    const coordinator = tokenFor(server, await buildStaff("coordinator"));
    const draft = await server.post<StaffPostView>("/api/v1/staff/policies", {
      token: coordinator,
      body: { category: "政策解读", title: "进程中断测试", body: "<p>正文</p>" },
    });
    const worker = await startWorker({
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      MONGODB_URI: server.config.mongodbUri!,
      JWT_SECRET: "test-secret-test-secret-test-secret-0123",
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: server.wechat!.url,
      SEED: "false",
      NOTIFY_BATCH_SIZE: "100",
      SUBSCRIBE_SEND_PER_SECOND: "1000",
      ...TEMPLATES,
    });
    await server.post(`/api/v1/staff/policies/${draft.body.id}/publish`, {
      token: coordinator,
      body: {},
    });
    // Kill it once the fan-out is well under way (and some deliveries have started).
    const key = `post:${draft.body.id}`;
    for (;;) {
      const n = await NotificationModel.findOne({ key }, { progress: 1, state: 1 }).lean();
      if ((n?.progress?.batches ?? 0) >= 8) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    worker.kill("SIGKILL");
    await new Promise((r) => worker.once("exit", r));
    const atKill = await NotificationModel.findOne({ key }).lean();
    expect(atKill!.state).toBe("fanning_out");
    expect(atKill!.progress!.batches).toBeLessThan(SUBSCRIBERS / 100);

    // Restart: the dead worker's leases run out, a new worker drains everything.
    await JobModel.updateMany({ state: "processing" }, { $set: { leaseUntil: new Date(0) } });
    await DeliveryModel.updateMany(
      { state: "sending" },
      { $set: { claimedAt: new Date(Date.now() - 10 * 60_000) } },
    );
    (server.worker as unknown as { lastSweep: number }).lastSweep = 0;
    await drainAll(server);

    const n = await NotificationModel.findOne({ key }).lean();
    expect(n).toMatchObject({
      state: "done",
      progress: { recipients: SUBSCRIBERS, deliveries: CONSENTING },
    });
    const perUser = await MessageModel.aggregate([
      { $match: { notificationId: n!._id } },
      { $group: { _id: "$userId", n: { $sum: 1 } } },
      { $group: { _id: "$n", users: { $sum: 1 } } },
    ]);
    expect(perUser).toEqual([{ _id: 1, users: SUBSCRIBERS }]);
    const pushed = server.wechat!.sentMessages.filter((m) => m.touser.startsWith("okill"));
    expect(new Set(pushed.map((m) => m.touser)).size).toBe(pushed.length);
    const states = Object.fromEntries(
      (
        await DeliveryModel.aggregate([
          { $match: { notificationId: n!._id } },
          { $group: { _id: "$state", n: { $sum: 1 } } },
        ])
      ).map((r: { _id: string; n: number }) => [r._id, r.n]),
    );
    // Every consenting user was either sent exactly one message or — at most the handful in flight
    // at the kill — left "unknown" rather than risk a second one.
    expect((states.sent ?? 0) + (states.unknown ?? 0)).toBe(CONSENTING);
    expect(states.sent).toBe(pushed.length);
    expect(states.unknown ?? 0).toBeLessThanOrEqual(8);
  });
});
