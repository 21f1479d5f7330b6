import type { ClientSession, Types } from "mongoose";
import { barrierTypeByCode, type ComplaintStatus, type Role } from "@lushan/shared";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord, TimelineRecord } from "../models/complaint/complaint.schema";
import type { DepartmentRecord } from "../models/department/department.schema";
import { workOrderRepository, type WorkOrderPayload } from "../models/workOrder/workOrder.repository";
import { emitEvents, type EventMap } from "../queues/events";
import type { Services } from "../services";

export interface TimelineInput {
  action: string;
  actorId: Types.ObjectId | null;
  actorRole: Role | "system";
  departmentId?: Types.ObjectId | null;
  from: ComplaintStatus | null;
  to: ComplaintStatus | null;
  note?: string | null;
  internal?: boolean;
}

/**
 * A timeline entry as stored. Entries are only ever appended (`$push`), never changed.
 * @param t what happened.
 * @returns the entry.
 */
export function timelineEntry(t: TimelineInput): TimelineRecord {
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

/** Who triggers a dispatch. */
export interface DispatchActor {
  id: Types.ObjectId | null;
  role: Role | "system";
}

export const SYSTEM: DispatchActor = { id: null, role: "system" };

/**
 * What sending a complaint where its routing decided changes: assignment to the handling
 * department with an acceptance deadline, or a note that the coordinator decides.
 * @param c the complaint (routing, status, barrier type).
 * @param services deadlines.
 * @param actor who dispatches (the system at intake).
 * @param now the dispatch time.
 * @returns the fields to set and the timeline entry to append.
 */
export async function dispatchPlan(
  c: Pick<ComplaintRecord, "routing" | "status" | "barrierType">,
  services: Services,
  actor: DispatchActor,
  now = new Date(),
): Promise<{ set: Partial<ComplaintRecord> & Record<string, unknown>; entry: TimelineRecord; assigned: boolean }> {
  const departmentId = c.routing.departmentId ?? null;
  if (!departmentId) {
    return {
      set: {},
      entry: timelineEntry({ action: "queue", actorId: actor.id, actorRole: actor.role, from: c.status, to: c.status, note: "待市发改委协调确定承办部门" }),
      assigned: false,
    };
  }
  return {
    set: {
      status: "assigned",
      departmentId,
      coDepartmentIds: c.routing.coDepartmentIds ?? [],
      assignedAt: now,
      "deadlines.acceptBy": await services.deadlines.acceptBy(now, c.barrierType),
    },
    entry: timelineEntry({ action: "assign", actorId: actor.id, actorRole: actor.role, from: c.status, to: "assigned", note: c.routing.plainReason }),
    assigned: true,
  };
}

/** A 12345 work order is kept for complaints routed to 12345 and for those 12345 took by phone. */
export function needsWorkOrder(c: Pick<ComplaintRecord, "routing" | "channel">): boolean {
  return c.routing.hotline || c.channel === "phone";
}

/**
 * What the 12345 platform receives; no identity when the complainant asked for confidentiality.
 * @param c the complaint.
 * @param departmentsById departments, for the handling department's name.
 * @returns the work-order payload.
 */
export function workOrderPayload(c: ComplaintRecord, departmentsById: Map<string, DepartmentRecord>): WorkOrderPayload {
  const dept = c.departmentId ? departmentsById.get(c.departmentId.toHexString()) : undefined;
  return {
    ticketNo: c.ticketNo,
    title: c.title,
    content: c.description,
    category: { code: c.barrierType, name: barrierTypeByCode(c.barrierType)?.name ?? c.barrierType },
    town: c.town,
    accused: c.accusedName,
    channel: c.channel,
    confidential: c.confidential,
    requester: c.confidential ? null : { name: c.contact.name, phone: c.contact.phone },
    department: dept ? { code: dept.code, name: dept.name } : null,
    listItem: c.listItemCode ? { code: c.listItemCode, name: c.listItemName ?? c.listItemCode } : null,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Departments keyed by id, from the catalog's by-code map. */
export async function departmentsById(services: Services): Promise<Map<string, DepartmentRecord>> {
  return new Map([...(await services.list.departmentsByCode()).values()].map((d) => [d._id.toHexString(), d]));
}

/**
 * Dispatches a complaint whose content was held for review, once it is cleared, in the caller's
 * transaction: assignment (or the coordination queue), the 12345 work order when routing asks
 * for one, and the event.
 * @param c the complaint as read in this transaction.
 * @param services deadlines, departments.
 * @param session the transaction.
 * @param actor who cleared it.
 * @param set further fields to set in the same write (e.g. the moderation verdict).
 * @returns the complaint after the change, or null when it changed meanwhile.
 */
export async function dispatchCleared(
  c: ComplaintRecord,
  services: Services,
  session: ClientSession,
  actor: DispatchActor,
  set: Record<string, unknown>,
  extraEntries: TimelineRecord[] = [],
): Promise<ComplaintRecord | null> {
  const plan = await dispatchPlan(c, services, actor);
  const updated = await complaintRepository.update(c, { $set: { ...set, ...plan.set }, $push: { timeline: { $each: [...extraEntries, plan.entry] } } }, session);
  if (!updated) return null;
  if (needsWorkOrder(updated)) await workOrderRepository.createOnce(updated._id, workOrderPayload(updated, await departmentsById(services)), session);
  if (plan.assigned) await emitEvents([{ name: "complaint.status_changed", payload: statusEvent(updated, c.status, "assign"), actorId: actor.id?.toHexString() ?? null }], session);
  return updated;
}

/**
 * The payload of a complaint event: ids and the few facts notices need.
 * @param c the complaint after the change.
 * @param from the status before.
 * @param action what happened (a lifecycle action, `overdue`, `auto_close`, `reopen`).
 * @returns the payload.
 */
export function statusEvent(c: ComplaintRecord, from: ComplaintStatus, action: string): EventMap["complaint.status_changed"] {
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
