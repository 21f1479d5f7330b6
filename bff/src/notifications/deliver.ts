import { Types } from "mongoose";
import { withTransaction } from "../db/transaction";
import { ConsentModel } from "../models/consent/consent.schema";
import { DeliveryModel, type DeliveryRecord } from "../models/notificationDelivery/notificationDelivery.schema";
import { NotificationModel, type NotificationRecord } from "../models/notification/notification.schema";
import { UserModel } from "../models/user/user.schema";
import type { TaskContext } from "../queues/task";
import { enqueueMany } from "../queues/task";
import { notificationDeliverTask } from "../queues/tasks/notificationDeliver";
import { notificationMetrics } from "./metrics";
import { templateData } from "./templateFields";

/** Send attempts per message before it is given up (transient errors only). */
export const MAX_SEND_ATTEMPTS = 5;
/** A claim older than this belongs to a worker that died mid-send (a send takes seconds at most). */
const STALE_CLAIM_MS = 120_000;
/**
 * How long one delivery job sends before handing the rest to a follow-up job: jobs stay well
 * inside their lease and never hold a worker slot for long while the rate limit paces them.
 */
export const DELIVERY_BUDGET_MS = 20_000;

export interface DeliverResult {
  /** Left for the follow-up job (time budget used up). */
  deferred: number;
  sent: number;
  skipped: number;
  failed: number;
  retry: number;
  unknown: number;
}

/**
 * Sends the subscribe messages of one fan-out batch. Each message is claimed (`queued → sending`)
 * and its one-time credit taken in one transaction before WeChat is called; a message found still
 * `sending` after a crash is marked `unknown` and never sent again (at most once: the notice is in
 * the message center anyway). 43101 means the user has no consent left: the consent is cleared
 * and nothing is retried. Errors of ours (bad openid, template, data) give the credit back.
 * Busy/quota errors keep the credit for the next attempt, which the job's backoff schedules.
 * @param payload the notice and the users of the batch.
 * @param ctx services (sender), configuration and logger.
 * @param budgetMs how long to send before leaving the rest to a follow-up job.
 * @returns the outcome counts; throws when some messages should be retried later.
 */
export async function deliverBatch(
  payload: { notificationId: string; userIds: string[] },
  ctx: Omit<TaskContext, "attempt">,
  budgetMs = DELIVERY_BUDGET_MS,
): Promise<DeliverResult> {
  const result: DeliverResult = { deferred: 0, sent: 0, skipped: 0, failed: 0, retry: 0, unknown: 0 };
  const notification = await NotificationModel.findById(payload.notificationId).lean<NotificationRecord>();
  if (!notification) return result;
  const userIds = payload.userIds.map((id) => new Types.ObjectId(id));
  const rows = await DeliveryModel.find({ notificationId: notification._id, userId: { $in: userIds }, state: { $in: ["queued", "sending"] } }).lean<DeliveryRecord[]>();
  const stale = rows.filter((r) => r.state === "sending" && r.claimedAt && Date.now() - r.claimedAt.getTime() > STALE_CLAIM_MS);
  if (stale.length) {
    await DeliveryModel.updateMany({ _id: { $in: stale.map((r) => r._id) }, state: "sending" }, { $set: { state: "unknown", reason: "发送过程中进程中断，无法确认是否送达，不再重发" } });
    result.unknown += stale.length;
    notificationMetrics.pushes.inc({ template: notification.template, outcome: "unknown" }, stale.length);
    ctx.log.warn({ notificationId: payload.notificationId, count: stale.length }, "订阅消息发送中断，状态未知，不重发以免重复通知");
  }
  const queued = rows.filter((r) => r.state === "queued");
  if (queued.length === 0) return result;
  const users = await UserModel.find({ _id: { $in: queued.map((r) => r.userId) } }, { openid: 1, disabled: 1 }).lean();
  const openids = new Map(users.filter((u) => u.openid && !u.disabled).map((u) => [u._id.toHexString(), u.openid!]));
  const data = templateData(notification.templateValues as Record<string, string>);
  const deadline = Date.now() + budgetMs;
  const deferred: string[] = [];
  const sender = ctx.services.subscribeMessages;
  await Promise.all(
    queued.map((row) =>
      sender.throttle(async () => {
        if (Date.now() > deadline) {
          deferred.push(row.userId.toHexString());
          return;
        }
        const outcome = await deliverOne(row, openids.get(row.userId.toHexString()) ?? null, notification, data, ctx);
        if (!outcome) return;
        result[outcome]++;
        notificationMetrics.pushes.inc({ template: notification.template, outcome });
      }),
    ),
  );
  if (deferred.length) {
    // Not claimed, still queued: a follow-up job continues (claims are atomic, so overlap is harmless).
    result.deferred = deferred.length;
    await enqueueMany([notificationDeliverTask.job({ notificationId: payload.notificationId, userIds: deferred })]);
    ctx.services.queue.nudge();
  }
  if (result.retry > 0) throw new Error(`${result.retry} 条订阅消息暂时无法发送，稍后重试`);
  return result;
}

type Outcome = "sent" | "skipped" | "failed" | "retry";

async function deliverOne(
  row: DeliveryRecord,
  openid: string | null,
  n: NotificationRecord,
  data: Record<string, { value: string }>,
  ctx: Omit<TaskContext, "attempt">,
): Promise<Outcome | null> {
  const claim = await withTransaction(async (session) => {
    const claimed = await DeliveryModel.findOneAndUpdate(
      { _id: row._id, state: "queued" },
      { $set: { state: "sending", claimedAt: new Date() }, $inc: { attempts: 1 } },
      { returnDocument: "after", session },
    ).lean<DeliveryRecord>();
    if (!claimed) return { claimed: null, reason: null };
    if (!openid) {
      await DeliveryModel.updateOne({ _id: row._id }, { $set: { state: "skipped", reason: "用户没有微信身份或已停用" } }, { session });
      return { claimed: null, reason: "skipped" as const };
    }
    if (claimed.creditTaken) return { claimed, reason: null };
    const standing = await ConsentModel.exists({ userId: row.userId, templateId: row.templateId, standing: true }).session(session);
    if (standing) return { claimed, reason: null };
    const credit = await ConsentModel.findOneAndUpdate(
      { userId: row.userId, templateId: row.templateId, credits: { $gt: 0 } },
      { $inc: { credits: -1 } },
      { session, projection: { _id: 1 } },
    ).lean();
    if (!credit) {
      // The credit was used by another notice since the fan-out: the message center has it.
      await DeliveryModel.updateOne({ _id: row._id }, { $set: { state: "skipped", reason: "订阅次数已用完" } }, { session });
      return { claimed: null, reason: "skipped" as const };
    }
    await DeliveryModel.updateOne({ _id: row._id }, { $set: { creditTaken: true } }, { session });
    return { claimed: { ...claimed, creditTaken: true }, reason: null };
  });
  // Not claimed: another worker has it (a replayed batch), or it was skipped just now.
  if (!claim.claimed) return claim.reason;
  const current = claim.claimed;
  const outcome = await ctx.services.subscribeMessages.send({ openid: openid!, templateId: row.templateId, page: n.page, data });
  if (outcome.ok) {
    await DeliveryModel.updateOne({ _id: row._id }, { $set: { state: "sent", sentAt: new Date(), errcode: null, reason: null } });
    return "sent";
  }
  if (outcome.kind === "refused") {
    // 43101: WeChat holds no consent for this user and template; our count was stale.
    await withTransaction(async (session) => {
      await DeliveryModel.updateOne({ _id: row._id }, { $set: { state: "skipped", errcode: outcome.errcode, reason: outcome.reason } }, { session });
      await ConsentModel.updateOne({ userId: row.userId, templateId: row.templateId }, { $set: { credits: 0, standing: false } }, { session });
    });
    return "skipped";
  }
  const giveUp = outcome.kind === "permanent" || current.attempts >= MAX_SEND_ATTEMPTS;
  if (giveUp) {
    await withTransaction(async (session) => {
      await DeliveryModel.updateOne({ _id: row._id }, { $set: { state: "failed", errcode: outcome.errcode, reason: outcome.reason, creditTaken: false } }, { session });
      // Nothing reached the user: the consent is still theirs.
      if (current.creditTaken) await ConsentModel.updateOne({ userId: row.userId, templateId: row.templateId, standing: false }, { $inc: { credits: 1 } }, { session });
    });
    return "failed";
  }
  await DeliveryModel.updateOne({ _id: row._id, state: "sending" }, { $set: { state: "queued", errcode: outcome.errcode, reason: outcome.reason } });
  return "retry";
}
