import type { ClientSession, Types } from "mongoose";
import { ComplaintModel, type ComplaintRecord } from "../complaint/complaint.schema";
import { UserModel } from "../user/user.schema";
import { HOTLINE_EVENT_RETENTION_DAYS, HotlineEventModel, type HotlineEventRecord } from "./hotlineEvent.schema";
import { DELIVERY_STATES, WorkOrderModel, type DeliveryState, type WorkOrderRecord } from "./workOrder.schema";

/** What the 12345 platform receives for a complaint (a snapshot taken when the order is written). */
export interface WorkOrderPayload {
  ticketNo: string;
  title: string;
  content: string;
  category: { code: string; name: string };
  town: string;
  accused: string;
  channel: "miniapp" | "phone";
  confidential: boolean;
  /** Withheld (null) when the complainant asked for confidentiality. */
  requester: { name: string; phone: string } | null;
  department: { code: string; name: string } | null;
  listItem: { code: string; name: string } | null;
  createdAt: string;
}

/** Operator queue filters. */
export interface QueueFilters {
  view: "open" | "mine" | "unclaimed" | "dispatched" | "all";
  operatorId: Types.ObjectId;
  status?: string;
  channel?: string;
  barrierType?: string;
  q?: string;
}

const DUE_STATES: DeliveryState[] = ["pending", "failed"];
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The 12345 work-order outbox, its delivery by the dispatcher, the operator queue and received platform events. */
export const workOrderRepository = {
  /**
   * Writes the work order of a complaint in the caller's transaction, once per ticket (a second
   * call, e.g. after a transfer, leaves the existing record and its delivery state alone).
   * @param complaintId the complaint.
   * @param payload the snapshot sent to the platform.
   * @param session the transaction of the complaint's state change.
   */
  async createOnce(complaintId: Types.ObjectId, payload: WorkOrderPayload, session: ClientSession): Promise<void> {
    await WorkOrderModel.updateOne(
      { ticketNo: payload.ticketNo },
      { $setOnInsert: { ticketNo: payload.ticketNo, complaintId, payload, deliveryState: "pending", attempts: 0, nextAttemptAt: new Date() } },
      { upsert: true, session },
    );
  },

  /**
   * Inserts the work orders of newly numbered complaints (there can be none for them yet).
   * @param orders the complaints and their payloads.
   * @param session the intake transaction.
   */
  async insertNew(orders: { complaintId: Types.ObjectId; payload: WorkOrderPayload }[], session: ClientSession): Promise<void> {
    const now = new Date();
    await WorkOrderModel.collection.insertMany(
      orders.map(({ complaintId, payload }) => ({
        ticketNo: payload.ticketNo,
        complaintId,
        payload,
        deliveryState: "pending",
        attempts: 0,
        nextAttemptAt: now,
        leaseOwner: null,
        leaseUntil: null,
        externalId: null,
        externalStatus: null,
        lastError: null,
        deliveredAt: null,
        deadAt: null,
        lastPulledAt: null,
        settledAt: null,
        claimedBy: null,
        claimedAt: null,
        acknowledgedAt: null,
        dispatchedAt: null,
        dispatchedDepartmentId: null,
        createdAt: now,
        updatedAt: now,
      })) as never[],
      { session, ordered: true },
    );
  },

  async findByComplaintId(complaintId: Types.ObjectId): Promise<WorkOrderRecord | null> {
    return WorkOrderModel.findOne({ complaintId }).lean<WorkOrderRecord>();
  },

  async findByTicketNo(ticketNo: string): Promise<WorkOrderRecord | null> {
    return WorkOrderModel.findOne({ ticketNo }).lean<WorkOrderRecord>();
  },

  // ---- Dispatcher (platform configured) ----

  /**
   * Claims one work order that is due (pending, or failed and past its retry time) or whose
   * sender's lease ran out, for this dispatcher instance: one atomic findOneAndUpdate, so two
   * instances never hold the same record. Counts the attempt.
   * @param owner the dispatcher instance.
   * @param leaseMs how long the claim lasts.
   * @param now the current time.
   * @returns the claimed record, or null when nothing is due.
   */
  async claimDue(owner: string, leaseMs: number, now = new Date()): Promise<WorkOrderRecord | null> {
    const set = { $set: { deliveryState: "sending", leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } };
    const opts = { returnDocument: "after" as const, sort: { nextAttemptAt: 1 as const } };
    return (
      (await WorkOrderModel.findOneAndUpdate({ deliveryState: { $in: DUE_STATES }, nextAttemptAt: { $lte: now } }, set, opts).lean<WorkOrderRecord>()) ??
      (await WorkOrderModel.findOneAndUpdate({ deliveryState: "sending", leaseUntil: { $lt: now } }, set, { returnDocument: "after" }).lean<WorkOrderRecord>())
    );
  },

  /** The platform accepted it. Only the lease holder may say so. @returns false when the lease was lost meanwhile. */
  async markDelivered(id: Types.ObjectId, owner: string, externalId: string | null, externalStatus: string | null): Promise<boolean> {
    const res = await WorkOrderModel.updateOne(
      { _id: id, deliveryState: "sending", leaseOwner: owner },
      { $set: { deliveryState: "delivered", deliveredAt: new Date(), externalId, externalStatus, lastError: null, leaseOwner: null, leaseUntil: null } },
    );
    return res.modifiedCount === 1;
  },

  /** A retryable failure: try again at `nextAttemptAt`. @returns false when the lease was lost. */
  async markFailed(id: Types.ObjectId, owner: string, error: string, nextAttemptAt: Date): Promise<boolean> {
    const res = await WorkOrderModel.updateOne(
      { _id: id, deliveryState: "sending", leaseOwner: owner },
      { $set: { deliveryState: "failed", lastError: error.slice(0, 500), nextAttemptAt, leaseOwner: null, leaseUntil: null } },
    );
    return res.modifiedCount === 1;
  },

  /** The last attempt failed (or the platform refused for good): dead letter. @returns false when the lease was lost. */
  async markDead(id: Types.ObjectId, owner: string, error: string, session: ClientSession): Promise<boolean> {
    const res = await WorkOrderModel.updateOne(
      { _id: id, deliveryState: "sending", leaseOwner: owner },
      { $set: { deliveryState: "dead", deadAt: new Date(), lastError: error.slice(0, 500), leaseOwner: null, leaseUntil: null } },
      { session },
    );
    return res.modifiedCount === 1;
  },

  /** An administrator sends a dead work order again, with a fresh attempt count. @returns false when it is not dead. */
  async revive(ticketNo: string): Promise<boolean> {
    const res = await WorkOrderModel.updateOne(
      { ticketNo, deliveryState: "dead" },
      { $set: { deliveryState: "pending", attempts: 0, nextAttemptAt: new Date(), deadAt: null } },
    );
    return res.modifiedCount === 1;
  },

  /**
   * Without a platform, work orders are delivered to the in-product operator queue.
   * @returns how many became local.
   */
  async adoptLocal(): Promise<number> {
    const res = await WorkOrderModel.updateMany(
      { deliveryState: { $in: DUE_STATES } },
      { $set: { deliveryState: "local", leaseOwner: null, leaseUntil: null, nextAttemptAt: null } },
    );
    return res.modifiedCount;
  },

  // ---- Status pull ----

  /** Delivered orders the platform has not finished with and that were not checked since `before`, least recently checked first. */
  async unsettledDelivered(before: Date, limit: number): Promise<WorkOrderRecord[]> {
    return WorkOrderModel.find({ deliveryState: "delivered", settledAt: null, $or: [{ lastPulledAt: null }, { lastPulledAt: { $lt: before } }] })
      .sort({ lastPulledAt: 1 })
      .limit(limit)
      .lean<WorkOrderRecord[]>();
  },

  async markPulled(id: Types.ObjectId, settled: boolean): Promise<void> {
    await WorkOrderModel.updateOne({ _id: id }, { $set: { lastPulledAt: new Date(), ...(settled ? { settledAt: new Date() } : {}) } });
  },

  /** Records the platform's latest status (and its order number when first learnt). */
  async recordExternalStatus(ticketNo: string, status: string, orderId: string | null, settled: boolean): Promise<void> {
    await WorkOrderModel.updateOne(
      { ticketNo },
      { $set: { externalStatus: status, ...(orderId ? { externalId: orderId } : {}), ...(settled ? { settledAt: new Date() } : {}) } },
    );
  },

  // ---- Received platform events ----

  /**
   * Records a platform event id before it is applied.
   * @returns false when the id was seen before (a replay).
   */
  async recordEvent(e: { eventId: string; ticketNo: string; status: string; source: "callback" | "pull"; occurredAt: Date }): Promise<boolean> {
    try {
      await HotlineEventModel.create({ ...e, expiresAt: new Date(Date.now() + HOTLINE_EVENT_RETENTION_DAYS * 86_400_000) });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  },

  async settleEvent(eventId: string, applied: boolean, outcome: string): Promise<void> {
    await HotlineEventModel.updateOne({ eventId }, { $set: { applied, outcome } });
  },

  /** Forgets an event whose application failed, so that the platform may send it again. */
  async forgetEvent(eventId: string): Promise<void> {
    await HotlineEventModel.deleteOne({ eventId });
  },

  async eventsOf(ticketNo: string): Promise<HotlineEventRecord[]> {
    return HotlineEventModel.find({ ticketNo }).sort({ occurredAt: 1 }).lean<HotlineEventRecord[]>();
  },

  // ---- Operator queue (no platform) ----

  /** Counts for the queue's tabs. */
  async queueCounts(operatorId: Types.ObjectId): Promise<{ open: number; unclaimed: number; mine: number }> {
    const [open, unclaimed, mine] = await Promise.all([
      WorkOrderModel.countDocuments({ dispatchedAt: null }),
      WorkOrderModel.countDocuments({ dispatchedAt: null, claimedBy: null }),
      WorkOrderModel.countDocuments({ dispatchedAt: null, claimedBy: operatorId }),
    ]);
    return { open, unclaimed, mine };
  },

  /**
   * A page of the operator queue, newest first.
   * @param f view and filters.
   * @param page 1-based page.
   * @param pageSize items per page.
   * @returns the rows and the total.
   */
  async listQueue(f: QueueFilters, page: number, pageSize: number): Promise<{ rows: WorkOrderRecord[]; total: number }> {
    const filter: Record<string, unknown> = {};
    if (f.view === "open") filter.dispatchedAt = null;
    if (f.view === "mine") Object.assign(filter, { claimedBy: f.operatorId, dispatchedAt: null });
    if (f.view === "unclaimed") Object.assign(filter, { claimedBy: null, dispatchedAt: null });
    if (f.view === "dispatched") filter.dispatchedAt = { $ne: null };
    if (f.channel) filter["payload.channel"] = f.channel;
    if (f.barrierType) filter["payload.category.code"] = f.barrierType;
    if (f.q) {
      const re = new RegExp(escapeRegex(f.q), "i");
      filter.$or = [{ ticketNo: re }, { "payload.title": re }, { "payload.accused": re }];
    }
    if (f.status) {
      const ids = await ComplaintModel.find({ status: f.status as ComplaintRecord["status"], $or: [{ channel: "phone" }, { "routing.hotline": true }] }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      filter.complaintId = { $in: ids.map((c) => c._id) };
    }
    const [rows, total] = await Promise.all([
      WorkOrderModel.find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<WorkOrderRecord[]>(),
      WorkOrderModel.countDocuments(filter),
    ]);
    return { rows, total };
  },

  /**
   * Claims a local work order for an operator (again by the same operator is harmless).
   * @returns the record after, or null when someone else holds it or it is not in the local queue.
   */
  async claim(ticketNo: string, operatorId: Types.ObjectId): Promise<WorkOrderRecord | null> {
    const open = { ticketNo, deliveryState: { $in: ["local", "pending", "failed"] as DeliveryState[] }, dispatchedAt: null };
    const claimed = await WorkOrderModel.findOneAndUpdate(
      { ...open, claimedBy: null },
      { $set: { deliveryState: "local", claimedBy: operatorId, claimedAt: new Date() } },
      { returnDocument: "after" },
    ).lean<WorkOrderRecord>();
    return claimed ?? WorkOrderModel.findOne({ ticketNo, deliveryState: "local", dispatchedAt: null, claimedBy: operatorId }).lean<WorkOrderRecord>();
  },

  /** Marks a claimed order as signed for by its operator. @returns the record after, or null when not theirs. */
  async acknowledge(ticketNo: string, operatorId: Types.ObjectId, session: ClientSession): Promise<WorkOrderRecord | null> {
    return WorkOrderModel.findOneAndUpdate(
      { ticketNo, deliveryState: "local", claimedBy: operatorId, acknowledgedAt: null },
      { $set: { acknowledgedAt: new Date() } },
      { returnDocument: "after", session },
    ).lean<WorkOrderRecord>();
  },

  /** Records that the operator dispatched it to a department. @returns the record after, or null when not theirs. */
  async markDispatched(ticketNo: string, operatorId: Types.ObjectId, departmentId: Types.ObjectId): Promise<WorkOrderRecord | null> {
    const now = new Date();
    const done = await WorkOrderModel.findOneAndUpdate(
      { ticketNo, deliveryState: "local", claimedBy: operatorId, dispatchedAt: null },
      { $set: { dispatchedAt: now, dispatchedDepartmentId: departmentId } },
      { returnDocument: "after" },
    ).lean<WorkOrderRecord>();
    if (!done || done.acknowledgedAt) return done;
    // Dispatching implies signing for it.
    return (await WorkOrderModel.findOneAndUpdate({ _id: done._id, acknowledgedAt: null }, { $set: { acknowledgedAt: now } }, { returnDocument: "after" }).lean<WorkOrderRecord>()) ?? done;
  },

  /** The complaints of work orders, keyed by complaint id. */
  async complaintsOf(orders: Pick<WorkOrderRecord, "complaintId">[]): Promise<Map<string, ComplaintRecord>> {
    if (!orders.length) return new Map();
    const rows = await ComplaintModel.find({ _id: { $in: orders.map((o) => o.complaintId) } }).lean<ComplaintRecord[]>();
    return new Map(rows.map((c) => [c._id.toHexString(), c]));
  },

  /** Display names of the operators who claimed work orders, keyed by user id. */
  async operatorNames(orders: Pick<WorkOrderRecord, "claimedBy">[]): Promise<Map<string, string>> {
    const ids = orders.flatMap((o) => (o.claimedBy ? [o.claimedBy] : []));
    if (!ids.length) return new Map();
    const rows = await UserModel.find({ _id: { $in: ids } }, { displayName: 1 }).lean<{ _id: Types.ObjectId; displayName: string }[]>();
    return new Map(rows.map((u) => [u._id.toHexString(), u.displayName]));
  },

  // ---- Administrators ----

  async listByState(state: DeliveryState, page: number, pageSize: number): Promise<{ rows: WorkOrderRecord[]; total: number }> {
    const [rows, total] = await Promise.all([
      WorkOrderModel.find({ deliveryState: state })
        .sort({ updatedAt: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<WorkOrderRecord[]>(),
      WorkOrderModel.countDocuments({ deliveryState: state }),
    ]);
    return { rows, total };
  },

  async countByState(): Promise<Record<DeliveryState, number>> {
    const counts = await Promise.all(DELIVERY_STATES.map((s) => WorkOrderModel.countDocuments({ deliveryState: s })));
    return Object.fromEntries(DELIVERY_STATES.map((s, i) => [s, counts[i]])) as Record<DeliveryState, number>;
  },
};
