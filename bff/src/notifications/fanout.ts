import { Types } from "mongoose";
import type { MessageKind, NoticeTargetType, TemplateKey } from "@lushan/shared";
import { ConsentModel } from "../models/consent/consent.schema";
import { DeliveryModel } from "../models/notificationDelivery/notificationDelivery.schema";
import { MessageModel } from "../models/message/message.schema";
import { NotificationModel, type NotificationRecord } from "../models/notification/notification.schema";
import { SubscriptionModel } from "../models/subscription/subscription.schema";
import { enqueueMany } from "../queues/task";
import type { TaskContext } from "../queues/task";
import { notificationDeliverTask } from "../queues/tasks/notificationDeliver";
import { insertIgnoringDuplicates } from "./bulkInsert";
import { notificationMetrics } from "./metrics";
import { TEMPLATE_LAYOUTS, type NoticeFacts } from "./templates";

/** A notice to fan out: what it says, where it leads, and who receives it. */
export interface NoticeSpec {
  /** Natural key: one notice per key, however often its event is replayed. */
  key: string;
  eventId: string;
  kind: MessageKind;
  title: string;
  body: string;
  target: { type: NoticeTargetType; id: string };
  page: string;
  template: TemplateKey;
  facts: NoticeFacts;
  /** Subscribers of any of these topics, or exactly these users. */
  audience: { topics: string[] } | { userIds: string[] };
}

/** What one run wrote: recipients reached, and message-center records and deliveries newly inserted (a resumed run skips what exists). */
export interface FanoutSummary {
  notificationId: string;
  recipients: number;
  messages: number;
  deliveries: number;
  batches: number;
  ms: number;
}

type FanoutContext = Pick<TaskContext, "config" | "log">;

/**
 * Records the notice (once per key).
 * @param spec the notice.
 * @returns the stored notification (the existing one on replay).
 */
export async function ensureNotification(spec: NoticeSpec): Promise<NotificationRecord> {
  const audience = "topics" in spec.audience ? { topics: spec.audience.topics, userIds: [] } : { topics: [], userIds: [...new Set(spec.audience.userIds)].map((id) => new Types.ObjectId(id)) };
  return (await NotificationModel.findOneAndUpdate(
    { key: spec.key },
    {
      $setOnInsert: {
        key: spec.key,
        eventId: spec.eventId,
        kind: spec.kind,
        title: spec.title,
        body: spec.body,
        target: spec.target,
        page: spec.page,
        template: spec.template,
        templateValues: TEMPLATE_LAYOUTS[spec.template].values(spec.facts),
        audience,
        state: "fanning_out",
        progress: { after: null, batches: 0, recipients: 0, messages: 0, deliveries: 0 },
      },
    },
    { upsert: true, returnDocument: "after" },
  ).lean<NotificationRecord>())!;
}

/**
 * Fans a notice out to its recipients in batches (`NOTIFY_BATCH_SIZE`, 1,000 by default; each
 * batch is one insertMany of messages, one insertMany of deliveries and one job; the users holding
 * a consent for the template are read once up front): a message-center record for every recipient,
 * and for those whose consent allows a WeChat message a delivery record plus one delivery job per
 * batch. Subscribers are read through the `topics` index with one cursor; every write is a bulk
 * write, so the cost is a handful of round trips per thousand users. Progress is checkpointed
 * after each batch and every write is idempotent, so a crashed fan-out resumes where it stopped
 * and never notifies anyone twice.
 * @param notification the stored notice.
 * @param ctx configuration and logger.
 * @returns what was written (by this run).
 */
export async function fanOut(notification: NotificationRecord, ctx: FanoutContext): Promise<FanoutSummary> {
  const started = Date.now();
  const id = notification._id;
  const summary: FanoutSummary = { notificationId: id.toHexString(), recipients: 0, messages: 0, deliveries: 0, batches: 0, ms: 0 };
  if (notification.state === "done") return summary;
  const template = ctx.config.notifications.templates[notification.template as TemplateKey];
  const pushable = Boolean(template.id && ctx.config.wechat.configured);
  const log = ctx.log.child({ notificationId: summary.notificationId, key: notification.key });
  notificationMetrics.fanoutsInProgress.inc();
  try {
    const consenting = pushable ? await consentingUsers(template.id!) : null;
    // Batches overlap: while one waits for its writes to be durable, the next is read and
    // written, so several batches share each journal sync. Checkpoints stay in order.
    const inFlight: Promise<void>[] = [];
    let lastCheckpoint: Promise<void> = Promise.resolve();
    for await (const batch of recipientBatches(notification, ctx.config.notifications.batchSize)) {
      const allowed = consenting ? batch.userIds.filter((u) => consenting.has(u.toHexString())) : [];
      const written = writeBatch(notification, batch, allowed, template.id);
      const previous = lastCheckpoint;
      lastCheckpoint = Promise.all([written, previous]).then(async ([counts]) => {
        // Progress counts what exists after the batch (a resumed batch may have written part of it before).
        await NotificationModel.updateOne(
          { _id: id },
          { $set: { "progress.after": batch.last }, $inc: { "progress.batches": 1, "progress.recipients": batch.userIds.length, "progress.messages": batch.userIds.length, "progress.deliveries": allowed.length } },
        );
        summary.batches++;
        summary.recipients += batch.userIds.length;
        summary.messages += counts.messages;
        summary.deliveries += counts.deliveries;
        notificationMetrics.recipients.inc({ kind: notification.kind }, counts.messages);
        if (counts.deliveries) notificationMetrics.deliveriesQueued.inc({ template: notification.template }, counts.deliveries);
        if (summary.batches % 10 === 0) log.info({ batches: summary.batches, recipients: summary.recipients, deliveries: summary.deliveries }, "通知分发进行中");
      });
      // Failures surface when the batch is awaited below; this keeps them from counting as unhandled meanwhile.
      lastCheckpoint.catch(() => undefined);
      inFlight.push(lastCheckpoint);
      if (inFlight.length >= PIPELINE_DEPTH) await inFlight.shift();
    }
    await Promise.all(inFlight);
    await NotificationModel.updateOne({ _id: id }, { $set: { state: "done", finishedAt: new Date() } });
  } finally {
    notificationMetrics.fanoutsInProgress.dec();
  }
  summary.ms = Date.now() - started;
  notificationMetrics.fanoutSeconds.observe({ kind: notification.kind }, summary.ms / 1000);
  log.info({ recipients: summary.recipients, messages: summary.messages, deliveries: summary.deliveries, batches: summary.batches, ms: summary.ms }, "通知分发完成");
  return summary;
}

/**
 * Users who may receive this template now (a credit or a standing consent), read once per
 * fan-out with one indexed query: far cheaper than a lookup per batch, and exact enough because
 * the credit itself is taken atomically when the message is sent.
 */
async function consentingUsers(templateId: string): Promise<Set<string>> {
  const out = new Set<string>();
  const cursor = ConsentModel.find({ templateId, $or: [{ standing: true }, { credits: { $gt: 0 } }] }, { userId: 1, _id: 0 }).batchSize(5_000).lean().cursor();
  for await (const c of cursor) out.add((c.userId as Types.ObjectId).toHexString());
  return out;
}

/** Batches written at the same time. */
const PIPELINE_DEPTH = 4;

/**
 * Writes one batch: message-center records and delivery records at once, then the batch's
 * delivery job (after its deliveries exist, so the job never runs ahead of them).
 */
async function writeBatch(n: NotificationRecord, batch: RecipientBatch, allowed: Types.ObjectId[], templateId: string | null): Promise<{ messages: number; deliveries: number }> {
  const now = new Date();
  const [messages, deliveries] = await Promise.all([
    insertIgnoringDuplicates(
      MessageModel,
      batch.userIds.map((userId) => ({
        _id: new Types.ObjectId(),
        userId,
        notificationId: n._id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        target: n.target,
        page: n.page,
        createdAt: now,
        readAt: null,
      })),
    ),
    insertIgnoringDuplicates(
      DeliveryModel,
      allowed.map((userId) => ({
        _id: new Types.ObjectId(),
        notificationId: n._id,
        userId,
        template: n.template,
        templateId,
        state: "queued",
        creditTaken: false,
        attempts: 0,
        claimedAt: null,
        errcode: null,
        reason: null,
        sentAt: null,
        createdAt: now,
        updatedAt: now,
      })),
    ),
  ]);
  if (allowed.length) {
    // Keyed by the batch, so a resumed fan-out re-enqueues nothing already queued.
    await enqueueMany([
      notificationDeliverTask.job({ notificationId: n._id.toHexString(), userIds: allowed.map((u) => u.toHexString()) }, { dedupeKey: `notify:${n._id.toHexString()}:${batch.first}` }),
    ]);
  }
  return { messages, deliveries };
}

interface RecipientBatch {
  userIds: Types.ObjectId[];
  /** Checkpoint values: where this batch starts and ends (subscription id, or position in `userIds`). */
  first: string;
  last: string;
}

/** The recipients in batches, after the last checkpoint. */
async function* recipientBatches(n: NotificationRecord, size: number): AsyncGenerator<RecipientBatch> {
  const after = n.progress?.after ?? null;
  const explicit = n.audience.userIds ?? [];
  if (explicit.length > 0 || (n.audience.topics ?? []).length === 0) {
    let start = after === null ? 0 : Number(after) + 1;
    for (; start < explicit.length; start += size) {
      const end = Math.min(explicit.length, start + size);
      yield { userIds: explicit.slice(start, end), first: String(start), last: String(end - 1) };
    }
    return;
  }
  const filter: Record<string, unknown> = { topics: { $in: n.audience.topics } };
  if (after) filter._id = { $gt: new Types.ObjectId(after) };
  const cursor = SubscriptionModel.find(filter, { userId: 1 }).sort({ _id: 1 }).batchSize(size).lean().cursor();
  let batch: { _id: Types.ObjectId; userId: Types.ObjectId }[] = [];
  const flush = (): RecipientBatch => ({ userIds: batch.map((s) => s.userId), first: batch[0]._id.toHexString(), last: batch[batch.length - 1]._id.toHexString() });
  for await (const row of cursor) {
    batch.push(row as { _id: Types.ObjectId; userId: Types.ObjectId });
    if (batch.length === size) {
      yield flush();
      batch = [];
    }
  }
  if (batch.length) yield flush();
}
