import {
  HOTLINE_DELIVERY_LABELS,
  HOTLINE_QUEUE_STAGE_LABELS,
  Roles,
  STATUS_LABELS,
  type HotlineDeliveryState,
  type HotlineQueueStage,
  type HotlineWorkOrderView,
} from "@lushan/shared";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { WorkOrderPayload } from "../models/workOrder/workOrder.repository";
import type { WorkOrderRecord } from "../models/workOrder/workOrder.schema";
import { identityAccess } from "../policies/complaint";
import type { Actor } from "../types";

/** What presenting a page of work orders needs, loaded once per page. */
export interface QueueViewContext {
  viewer: Actor;
  complaints: Map<string, ComplaintRecord>;
  departmentsById: Map<string, DepartmentRecord>;
  operatorNames: Map<string, string>;
  /** No platform configured: the queue is worked in the product. */
  localMode: boolean;
  /** Show the complainant's name and phone (details only, never in lists). */
  withIdentity: boolean;
}

function stageOf(wo: WorkOrderRecord): HotlineQueueStage {
  if (wo.dispatchedAt) return "dispatched";
  if (wo.acknowledgedAt) return "acknowledged";
  return wo.claimedBy ? "claimed" : "unclaimed";
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * A work order as the operator queue shows it: the platform payload for what was reported, the
 * complaint for where it stands now, the complainant's identity only as far as the complaint
 * policy allows this viewer, and what the viewer may do next.
 * @param wo the work order.
 * @param ctx the page's complaints, departments, operators and viewer.
 * @returns the view.
 */
export function presentWorkOrder(wo: WorkOrderRecord, ctx: QueueViewContext): HotlineWorkOrderView {
  const p = wo.payload as WorkOrderPayload;
  const c = ctx.complaints.get(wo.complaintId.toHexString());
  const dept = c?.departmentId ? ctx.departmentsById.get(c.departmentId.toHexString()) : undefined;
  const status = c?.status ?? "submitted";
  const state = wo.deliveryState as HotlineDeliveryState;
  const stage = stageOf(wo);
  const mine = Boolean(wo.claimedBy?.equals(ctx.viewer.userId));
  const workable = ctx.localMode && ctx.viewer.role === Roles.hotlineOperator && ["local", "pending", "failed"].includes(state) && !wo.dispatchedAt;
  const open = c ? !["closed", "merged"].includes(c.status) : false;
  return {
    ticketNo: wo.ticketNo,
    title: p.title,
    content: p.content,
    category: p.category,
    town: p.town,
    accused: p.accused,
    channel: p.channel,
    confidential: p.confidential,
    requester: c && ctx.withIdentity && identityAccess(ctx.viewer, c) === "full" ? { name: c.contact.name, phone: c.contact.phone } : null,
    department: dept ? { code: dept.code, name: dept.name } : null,
    complaintStatus: status,
    complaintStatusLabel: STATUS_LABELS[status],
    deliveryState: state,
    deliveryStateLabel: HOTLINE_DELIVERY_LABELS[state],
    stage,
    stageLabel: HOTLINE_QUEUE_STAGE_LABELS[stage],
    claimedBy: wo.claimedBy ? { id: wo.claimedBy.toHexString(), name: ctx.operatorNames.get(wo.claimedBy.toHexString()) ?? "话务员" } : null,
    claimedByMe: mine,
    claimedAt: iso(wo.claimedAt),
    acknowledgedAt: iso(wo.acknowledgedAt),
    dispatchedAt: iso(wo.dispatchedAt),
    externalId: wo.externalId ?? null,
    externalStatus: wo.externalStatus ?? null,
    createdAt: (wo as unknown as { createdAt: Date }).createdAt.toISOString(),
    can: {
      claim: workable && open && !wo.claimedBy,
      acknowledge: workable && open && mine && !wo.acknowledgedAt,
      dispatch: workable && open && mine && (status === "submitted" || status === "assigned"),
    },
  };
}
