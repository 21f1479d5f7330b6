import type { ClientSession, Types } from "mongoose";
import type { Role } from "@lushan/shared";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { ComplaintModel } from "../models/complaint/complaint.schema";
import { WorkOrderModel } from "../models/workOrder/workOrder.schema";
import { emitEvents } from "../queues/events";
import type { Services } from "../services";

export interface TimelineInput {
  action: string;
  actorId: Types.ObjectId | null;
  actorRole: Role | "system";
  departmentId?: Types.ObjectId | null;
  from: string | null;
  to: string | null;
  note?: string | null;
  internal?: boolean;
}

/** A timeline entry as stored (immutable once appended). */
export function timelineEntry(t: TimelineInput) {
  return {
    at: new Date(),
    action: t.action,
    actorId: t.actorId,
    actorRole: t.actorRole,
    departmentId: t.departmentId ?? null,
    from: t.from,
    to: t.to,
    note: t.note ?? null,
    internal: t.internal ?? false,
  };
}

/**
 * The 12345 work order (outbox record) for a complaint, written in the caller's transaction.
 * When the complainant asked for confidentiality the platform gets no identity.
 */
export async function createWorkOrder(c: ComplaintRecord, session: ClientSession): Promise<void> {
  const payload = {
    ticketNo: c.ticketNo,
    title: c.title,
    content: c.description,
    category: c.barrierType,
    town: c.town,
    accused: c.accusedName,
    channel: c.channel,
    confidential: c.confidential,
    requester: c.confidential ? null : { name: c.contact.name, phone: c.contact.phone },
    createdAt: c.createdAt.toISOString(),
  };
  await WorkOrderModel.updateOne({ ticketNo: c.ticketNo }, { $setOnInsert: { complaintId: c._id, payload, deliveryState: "pending", nextAttemptAt: new Date() } }, { upsert: true, session });
}

/**
 * Sends a complaint where its routing decided, once its content may be shown: to the handling
 * department (status `assigned`, accept deadline set) or, without one, to the coordination queue.
 * A 12345 work order is written in the same transaction when the rule asks for one.
 * @param c the complaint as stored.
 * @param services deadlines.
 * @param session the transaction of the change that allows dispatch.
 * @param actor who triggered it (null: the system).
 * @returns the updated complaint.
 */
export async function dispatchComplaint(
  c: ComplaintRecord,
  services: Services,
  session: ClientSession,
  actor: { id: Types.ObjectId | null; role: Role | "system" } = { id: null, role: "system" },
): Promise<ComplaintRecord> {
  const now = new Date();
  const departmentId = c.routing.departmentId ?? null;
  const update: Record<string, unknown> = {};
  const timeline = [];
  if (departmentId) {
    update.status = "assigned";
    update.departmentId = departmentId;
    update.coDepartmentIds = c.routing.coDepartmentIds ?? [];
    update.assignedAt = now;
    update["deadlines.acceptBy"] = await services.deadlines.acceptBy(now, c.barrierType);
    timeline.push(timelineEntry({ action: "assign", actorId: actor.id, actorRole: actor.role, from: c.status, to: "assigned", note: c.routing.plainReason }));
  } else {
    timeline.push(timelineEntry({ action: "queue", actorId: actor.id, actorRole: actor.role, from: c.status, to: c.status, note: "待市发改委协调确定承办部门" }));
  }
  const updated = await ComplaintModel.findOneAndUpdate(
    { _id: c._id, version: c.version },
    { $set: update, $push: { timeline: { $each: timeline } }, $inc: { version: 1 } },
    { returnDocument: "after", session },
  ).lean<ComplaintRecord>();
  if (!updated) throw new Error(`complaint ${c.ticketNo} changed during dispatch`);
  if (c.routing.hotline) await createWorkOrder(updated, session);
  if (departmentId) {
    await emitEvents(
      [
        {
          name: "complaint.status_changed",
          payload: statusEvent(updated, c.status, "assign"),
          actorId: actor.id ? actor.id.toHexString() : null,
        },
      ],
      session,
    );
  }
  return updated;
}

/** The payload of a complaint event. */
export function statusEvent(c: ComplaintRecord, from: string, action: string) {
  return {
    complaintId: c._id.toHexString(),
    ticketNo: c.ticketNo,
    ownerId: c.ownerId ? c.ownerId.toHexString() : null,
    followerIds: (c.followerIds ?? []).map((f) => f.toHexString()),
    departmentId: c.departmentId ? c.departmentId.toHexString() : null,
    from,
    to: c.status,
    action,
    title: c.title,
  };
}
