import { FINAL_STATUSES, type HotlineDispatchInput, type HotlineQueueQuery, type HotlineWorkOrderView } from "@lushan/shared";
import { complaintTransitioner } from "../commands/complaintTransitioner";
import type { ComplaintDeps } from "../commands/complaintCreator";
import { departmentsById } from "../complaints/dispatcher";
import { withTransaction } from "../db/transaction";
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from "../errors";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { workOrderRepository } from "../models/workOrder/workOrder.repository";
import type { WorkOrderRecord } from "../models/workOrder/workOrder.schema";
import type { Actor } from "../types";
import { workOrderPolicy } from "./policy";
import { presentWorkOrder } from "./presenter";
import { appendTimeline } from "./timeline";

/**
 * Presents work orders for a viewer (one read each for complaints, departments and operators).
 * The complainant's name and phone appear only in a single work order's view (`withIdentity`),
 * as far as the complaint policy allows, never in lists.
 * @param actor the viewer.
 * @param rows the work orders.
 * @param deps services and configuration.
 * @returns the views, in order.
 */
export async function presentWorkOrders(actor: Actor, rows: WorkOrderRecord[], deps: ComplaintDeps, withIdentity = false): Promise<HotlineWorkOrderView[]> {
  const [complaints, depts, names] = await Promise.all([workOrderRepository.complaintsOf(rows), departmentsById(deps.services), workOrderRepository.operatorNames(rows)]);
  const ctx = { viewer: actor, complaints, departmentsById: depts, operatorNames: names, localMode: !deps.config.hotline.url, withIdentity };
  return rows.map((wo) => presentWorkOrder(wo, ctx));
}

/**
 * A page of the 12345 queue.
 * @param actor an operator or administrator.
 * @param q view, filters, page.
 * @param deps services and configuration.
 * @returns the page.
 */
export async function queuePage(actor: Actor, q: HotlineQueueQuery, deps: ComplaintDeps) {
  const { rows, total } = await workOrderRepository.listQueue({ ...q, operatorId: actor.userId }, q.page, q.pageSize);
  return { items: await presentWorkOrders(actor, rows, deps), total, page: q.page, pageSize: q.pageSize };
}

/** The work order and its complaint, if the actor may see them (404 otherwise). */
export async function loadWorkOrder(actor: Actor, ticketNo: string): Promise<{ wo: WorkOrderRecord; complaint: ComplaintRecord }> {
  const wo = await workOrderRepository.findByTicketNo(ticketNo);
  const complaint = wo ? await complaintRepository.findById(wo.complaintId) : null;
  if (!wo || !complaint) throw NotFoundError("没有该受理编号的 12345 工单");
  workOrderPolicy.authorize(actor, "read", complaint, { hide: true });
  return { wo, complaint };
}

/** The in-product queue is worked only when no platform is configured, and only on open complaints. */
async function loadWorkable(actor: Actor, ticketNo: string, deps: ComplaintDeps) {
  const loaded = await loadWorkOrder(actor, ticketNo);
  workOrderPolicy.authorize(actor, "work", loaded.complaint);
  if (deps.config.hotline.url) throw InvalidTransitionError("已对接 12345 平台，该工单由平台办理");
  if (FINAL_STATUSES.includes(loaded.complaint.status)) throw InvalidTransitionError("该投诉已办结或已并单，工单无需再处理");
  if (loaded.wo.deliveryState !== "local" && loaded.wo.deliveryState !== "pending" && loaded.wo.deliveryState !== "failed") {
    throw InvalidTransitionError("该工单不在本系统热线队列中");
  }
  return loaded;
}

function notYours(wo: WorkOrderRecord, actor: Actor): never {
  if (!wo.claimedBy) throw ConflictError("请先领取该工单");
  if (!wo.claimedBy.equals(actor.userId)) throw ConflictError("该工单已由其他话务员领取");
  throw InvalidTransitionError("该工单已派单");
}

/**
 * Claims a work order for the operator (claiming one's own again changes nothing).
 * @returns the work order after.
 */
export async function claimWorkOrder(actor: Actor, ticketNo: string, deps: ComplaintDeps): Promise<WorkOrderRecord> {
  const { wo } = await loadWorkable(actor, ticketNo, deps);
  const claimed = await workOrderRepository.claim(ticketNo, actor.userId);
  if (claimed) return claimed;
  const now = (await workOrderRepository.findByTicketNo(ticketNo)) ?? wo;
  if (now.dispatchedAt) throw InvalidTransitionError("该工单已派单");
  return notYours(now, actor);
}

/**
 * Signs for a claimed work order: recorded on the work order and in the complaint's timeline
 * (12345 已签收) in one transaction. Signing again changes nothing.
 * @returns the work order after.
 */
export async function acknowledgeWorkOrder(actor: Actor, ticketNo: string, deps: ComplaintDeps): Promise<WorkOrderRecord> {
  const { wo } = await loadWorkable(actor, ticketNo, deps);
  if (!wo.claimedBy?.equals(actor.userId)) notYours(wo, actor);
  if (wo.acknowledgedAt) return wo;
  const after = await withTransaction(async (session) => {
    const updated = await workOrderRepository.acknowledge(ticketNo, actor.userId, session);
    if (!updated) return null;
    await appendTimeline(wo.complaintId, { action: "hotline_ack", actorId: actor.userId, actorRole: actor.role, note: "12345 热线已签收工单" }, session);
    return updated;
  });
  if (after) return after;
  const now = (await workOrderRepository.findByTicketNo(ticketNo)) ?? wo;
  if (now.acknowledgedAt && now.claimedBy?.equals(actor.userId)) return now;
  return notYours(now, actor);
}

/**
 * Dispatches a claimed work order to a department through the complaint's `assign` action (so the
 * department sees it on its workbench and is notified). A complaint that routing already assigned
 * to that same department is only confirmed; re-dispatching elsewhere is the coordinator's 改派.
 * @returns the work order after.
 */
export async function dispatchWorkOrder(actor: Actor, ticketNo: string, input: HotlineDispatchInput, deps: ComplaintDeps): Promise<WorkOrderRecord> {
  const { wo, complaint } = await loadWorkable(actor, ticketNo, deps);
  if (!wo.claimedBy?.equals(actor.userId) || wo.dispatchedAt) notYours(wo, actor);
  const target = (await deps.services.list.departmentsByCode()).get(input.departmentCode);
  if (!target || !target.active) throw ValidationError(`部门代码 ${input.departmentCode} 不存在或已停用`, [{ path: "body.departmentCode", message: "部门不存在或已停用" }]);
  if (complaint.status === "submitted") {
    await complaintTransitioner(actor, ticketNo, { action: "assign", department: input.departmentCode, coDepartments: input.coDepartments ?? [], note: input.note }, deps);
  } else if (!(complaint.status === "assigned" && complaint.departmentId?.equals(target._id))) {
    const current = complaint.departmentId ? (await departmentsById(deps.services)).get(complaint.departmentId.toHexString())?.name : null;
    throw InvalidTransitionError(current ? `该投诉已由${current}办理，改派请联系市发改委协调` : "该投诉当前不能派单，请联系市发改委协调");
  }
  const after = await workOrderRepository.markDispatched(ticketNo, actor.userId, target._id);
  if (!after) return notYours((await workOrderRepository.findByTicketNo(ticketNo)) ?? wo, actor);
  return after;
}
