import { maskCreditCode, type StaffComplaintView } from "@lushan/shared";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import type { WorkOrderRecord } from "../models/workOrder/workOrder.schema";
import { complaintPolicy, identityAccess, relationOf, workbenchActions } from "../policies/complaint";
import type { Actor } from "../types";
import { maskName, maskPhone, presentCommon, summariesOf, summaryOf, type PresentContext } from "./complaintParts";

/**
 * The complaint on the workbench: the complainant in full, masked or withheld by role and
 * confidentiality (the route audits full disclosures), images and supplements only once cleared
 * unless the viewer reviews them, the internal record, and the actions this viewer may take.
 * @param c the complaint.
 * @param ctx departments, uploads, link signing.
 * @param viewer the staff member.
 * @param workOrder the 12345 work order, if any.
 * @returns the staff view.
 */
export function presentComplaintForStaff(c: ComplaintRecord, ctx: PresentContext, viewer: Actor, workOrder: WorkOrderRecord | null): StaffComplaintView {
  const access = identityAccess(viewer, c);
  const contact =
    access === "full"
      ? { name: c.contact.name, phone: c.contact.phone, masked: false, withheld: false }
      : access === "masked"
        ? { name: maskName(c.contact.name), phone: maskPhone(c.contact.phone), masked: true, withheld: false }
        : { name: "（投诉人要求保密）", phone: "（保密）", masked: true, withheld: true };
  const business = !c.business?.name
    ? null
    : access === "full"
      ? { name: c.business.name, creditCode: c.business.creditCode ?? null, masked: false }
      : access === "masked"
        ? { name: maskName(c.business.name), creditCode: c.business.creditCode ? maskCreditCode(c.business.creditCode) : null, masked: true }
        : { name: "（保密）", creditCode: null, masked: true };
  return {
    ...presentCommon(c, ctx, { forOwner: false, heldContent: complaintPolicy.can(viewer, "readHeldContent", c) }),
    contact,
    business,
    department: summaryOf(ctx, c.departmentId),
    coDepartments: summariesOf(ctx, c.coDepartmentIds),
    accusedDepartment: summaryOf(ctx, c.accusedDepartmentId),
    routingDetail: { ruleId: c.routing.ruleId ? c.routing.ruleId.toHexString() : null, ruleName: c.routing.ruleName ?? null, explanation: c.routing.explanation },
    moderationNote: c.moderationNote ?? null,
    complex: c.complex ?? false,
    supervised: Boolean(c.supervisedAt),
    escalated: Boolean(c.escalatedAt),
    reopenCount: c.reopenCount ?? 0,
    mergedFrom: c.mergedFrom ?? [],
    workOrder: workOrder ? { deliveryState: workOrder.deliveryState, externalId: workOrder.externalId ?? null, attempts: workOrder.attempts } : null,
    allowedActions: workbenchActions(viewer, c),
    relation: relationOf(viewer, c),
    abilities: complaintPolicy.abilities(viewer, c),
  };
}
