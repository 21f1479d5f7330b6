import { complaintsContract } from "@lushan/shared";
import { complaintTransitioner, loadVisibleComplaint } from "../../commands/complaintTransitioner";
import { presentContextFor } from "../../complaints/presentContext";
import { AuthorizationError, ValidationError } from "../../errors";
import { auditLogRepository } from "../../models/auditLog/auditLog.repository";
import { complaintRepository, type StaffListFilters } from "../../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../../models/complaint/complaint.schema";
import { uploadRepository } from "../../models/upload/upload.repository";
import { workOrderRepository } from "../../models/workOrder/workOrder.repository";
import { complaintPolicy, complaintScopeFor } from "../../policies/complaint";
import { seesAllDepartments } from "../../policies/predicates";
import { presentComplaintListItem } from "../../presenters/complaint";
import { presentComplaintForStaff } from "../../presenters/complaintStaff";
import type { Actor, AppContext } from "../../types";
import { register, type ApiRouter } from "../register";

const DAY_MS = 86_400_000;
const cstMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The detail for a staff member; each time it shows the complainant in full, the audit log says so. */
async function presentForStaff(ctx: AppContext, actor: Actor, c: ComplaintRecord) {
  const [pctx, workOrder] = await Promise.all([presentContextFor(ctx.services, [c]), workOrderRepository.findByComplaintId(c._id)]);
  const view = presentComplaintForStaff(c, pctx, actor, workOrder);
  if (complaintPolicy.can(actor, "readIdentity", c)) {
    await auditLogRepository.record({
      actor,
      action: "complaint.disclose_contact",
      resourceType: "complaint",
      resourceId: c.ticketNo,
      departmentId: actor.departmentId,
      details: { confidential: c.confidential, relation: view.relation },
      requestId: ctx.state.requestId,
    });
  }
  return view;
}

/** The workbench: queues and lists by scope, details with masked data, lifecycle actions. */
export function staffComplaintRoutes(router: ApiRouter): void {
  register(router, complaintsContract.staffList, async (ctx) => {
    const actor = ctx.state.actor!;
    const scope = complaintScopeFor(actor);
    const { status, barrierType, overdue, queue, department, from, to, q, moderation, page, pageSize } = ctx.input.query;
    const filters: StaffListFilters = { status, barrierType, queue, moderation, text: q || undefined };
    if (overdue) filters.overdue = overdue === "true";
    if (department) {
      if (!seesAllDepartments(actor)) throw AuthorizationError("只有协调员和管理员可以按部门筛选");
      const d = (await ctx.services.list.departmentsByCode()).get(department);
      if (!d) throw ValidationError(`部门代码 ${department} 不存在`, [{ path: "query.department", message: "部门不存在" }]);
      filters.departmentId = d._id;
    }
    if (from) filters.from = cstMidnight(from);
    if (to) filters.to = new Date(cstMidnight(to).getTime() + DAY_MS);
    if (filters.from && filters.to && filters.from >= filters.to) throw ValidationError("开始日期不能晚于结束日期", [{ path: "query.from", message: "晚于结束日期" }]);
    if (queue === "review") filters.reviewIds = await uploadRepository.complaintIdsAwaitingReview();
    const { rows, total } = await complaintRepository.listForStaff(scope, filters, page, pageSize);
    const pctx = await presentContextFor(ctx.services, rows, false);
    return { items: rows.map((c) => presentComplaintListItem(c, pctx, actor)), total, page, pageSize };
  });

  register(router, complaintsContract.staffSummary, async (ctx) => {
    const scope = complaintScopeFor(ctx.state.actor!);
    return complaintRepository.summaryForStaff(scope, await uploadRepository.complaintIdsAwaitingReview());
  });

  register(router, complaintsContract.staffGet, async (ctx) => {
    const actor = ctx.state.actor!;
    const { complaint } = await loadVisibleComplaint(actor, ctx.input.params.ticketNo);
    return presentForStaff(ctx, actor, complaint);
  });

  register(router, complaintsContract.staffAction, async (ctx) => {
    const actor = ctx.state.actor!;
    const c = await complaintTransitioner(actor, ctx.input.params.ticketNo, ctx.input.body, ctx);
    // After e.g. a 退单 the department no longer sees the complaint: it gets the result, masked.
    return presentForStaff(ctx, actor, c);
  });
}
