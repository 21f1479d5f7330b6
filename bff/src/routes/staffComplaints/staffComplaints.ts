import { complaintsContract } from "@lushan/shared";
import { complaintTransitioner, loadVisibleComplaint } from "../../commands/complaintTransitioner";
import { presentContextFor } from "../../complaints/presentContext";
import { AuthorizationError, ValidationError } from "../../errors";
import { auditLogRepository } from "../../models/auditLog/auditLog.repository";
import { ComplaintModel, type ComplaintRecord } from "../../models/complaint/complaint.schema";
import { WorkOrderModel, type WorkOrderRecord } from "../../models/workOrder/workOrder.schema";
import { contactAccess, relationOf, staffListFilter } from "../../policies/complaint";
import { seesAllDepartments } from "../../policies/predicates";
import { presentComplaintForStaff, presentComplaintListItem } from "../../presenters/complaint";
import type { Actor } from "../../types";
import type { AppContext } from "../../types";
import { register, type ApiRouter } from "../register";

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function presentStaff(ctx: AppContext, actor: Actor, c: ComplaintRecord) {
  const relation = relationOf(actor, c);
  const workOrder = await WorkOrderModel.findOne({ complaintId: c._id }).lean<WorkOrderRecord>();
  const view = presentComplaintForStaff(c, await presentContextFor(ctx.services, [c]), relation, actor.departmentId, workOrder);
  if (contactAccess(relation, c, actor.departmentId) === "full") {
    // Every disclosure of a complainant's identity to staff is recorded.
    await auditLogRepository.record({
      actor,
      action: "complaint.view_contact",
      resourceType: "complaint",
      resourceId: c.ticketNo,
      departmentId: actor.departmentId,
      requestId: ctx.state.requestId,
    });
  }
  return view;
}

/** The workbench: lists by department, details with masked data, lifecycle actions. */
export function staffComplaintRoutes(router: ApiRouter): void {
  register(router, complaintsContract.staffList, async (ctx) => {
    const actor = ctx.state.actor!;
    const scope = staffListFilter(actor);
    if (!scope) throw AuthorizationError();
    const { status, barrierType, overdue, department, from, to, q, moderation, page, pageSize } = ctx.input.query;
    const and: Record<string, unknown>[] = [scope];
    if (status) and.push({ status });
    if (barrierType) and.push({ barrierType });
    if (moderation) and.push({ moderation });
    if (overdue === "true") and.push({ overdue: true });
    if (overdue === "false") and.push({ overdue: false });
    if (department) {
      if (!seesAllDepartments(actor)) throw AuthorizationError("只有协调员和管理员可以按部门筛选");
      const d = (await ctx.services.list.departmentsByCode()).get(department);
      if (!d) throw ValidationError(`部门代码 ${department} 不存在`);
      and.push({ departmentId: d._id });
    }
    if (from) and.push({ createdAt: { $gte: new Date(`${from}T00:00:00+08:00`) } });
    if (to) and.push({ createdAt: { $lt: new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000) } });
    if (q) {
      const re = new RegExp(escapeRegex(q), "i");
      and.push({ $or: [{ ticketNo: re }, { title: re }, { description: re }, { accusedName: re }] });
    }
    const filter = { $and: and };
    const [rows, total] = await Promise.all([
      ComplaintModel.find(filter).sort({ createdAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<ComplaintRecord[]>(),
      ComplaintModel.countDocuments(filter),
    ]);
    const pctx = await presentContextFor(ctx.services, rows);
    return { items: rows.map((c) => presentComplaintListItem(c, pctx, relationOf(actor, c))), total, page, pageSize };
  });

  register(router, complaintsContract.staffGet, async (ctx) => {
    const actor = ctx.state.actor!;
    const { complaint } = await loadVisibleComplaint(actor, ctx.input.params.ticketNo);
    return presentStaff(ctx, actor, complaint);
  });

  register(router, complaintsContract.staffAction, async (ctx) => {
    const actor = ctx.state.actor!;
    const c = await complaintTransitioner(actor, ctx.input.params.ticketNo, ctx.input.body, ctx.services);
    // The actor may no longer see it (e.g. after a 退单): answer with what they saw last.
    if (relationOf(actor, c) === "other") {
      const pctx = await presentContextFor(ctx.services, [c]);
      return presentComplaintForStaff(c, pctx, "co_department", null, null);
    }
    return presentStaff(ctx, actor, c);
  });
}

