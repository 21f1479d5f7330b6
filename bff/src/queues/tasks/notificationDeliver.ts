import { Types } from "mongoose";
import { ConsentModel } from "../../models/consent/consent.schema";
import { DeliveryModel } from "../../models/notificationDelivery/notificationDelivery.schema";
import { deliverBatch } from "../../notifications/deliver";
import { defineTask, exponentialBackoff } from "../task";

/**
 * Sends the WeChat subscribe messages of one fan-out batch (≤ 1,000 users), rate-limited by the
 * sender. Transient failures retry the job; messages already sent or given up are not touched again.
 */
export const notificationDeliverTask = defineTask<{ notificationId: string; userIds: string[] }>({
  name: "notifications.deliver",
  maxAttempts: 6,
  backoffMs: exponentialBackoff(30_000, 1_800_000),
  async perform(payload, ctx) {
    await deliverBatch(payload, ctx);
  },
  async onDead(payload, error, ctx) {
    // Whatever is still queued will not be sent: give its credits back and say why.
    const filter = { notificationId: new Types.ObjectId(payload.notificationId), userId: { $in: payload.userIds.map((id) => new Types.ObjectId(id)) }, state: "queued" as const };
    const rows = await DeliveryModel.find(filter, { userId: 1, templateId: 1, creditTaken: 1 }).lean();
    for (const r of rows) {
      if (r.creditTaken) await ConsentModel.updateOne({ userId: r.userId, templateId: r.templateId, standing: false }, { $inc: { credits: 1 } });
    }
    await DeliveryModel.updateMany(filter, { $set: { state: "failed", creditTaken: false, reason: `多次重试仍失败：${error.message}`.slice(0, 300) } });
    ctx.log.error({ notificationId: payload.notificationId, count: rows.length }, "订阅消息多次重试仍失败，已放弃（消息中心仍有通知）");
  },
});
