import { STATUS_LABELS, barrierTypeByCode, type ComplaintListItem, type ComplaintView } from "@lushan/shared";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { identityAccess } from "../policies/complaint";
import type { Actor } from "../types";
import { maskName, maskPhone, presentCommon, presentDeadlines, summaryOf, type PresentContext } from "./complaintParts";

export { maskName, maskPhone, type PresentContext } from "./complaintParts";

/**
 * The complaint for its complainant: their own data in full, no internal entries, and what they
 * can do now.
 * @param c the complaint.
 * @param ctx departments, uploads, link signing.
 * @returns the complainant's view.
 */
export function presentComplaintForOwner(c: ComplaintRecord, ctx: PresentContext): ComplaintView {
  const open = c.status !== "closed" && c.status !== "merged";
  return {
    ...presentCommon(c, ctx, { forOwner: true, heldContent: true }),
    contact: { name: c.contact.name, phone: c.contact.phone },
    business: c.business?.name ? { name: c.business.name, creditCode: c.business.creditCode ?? null } : null,
    can: { rate: c.status === "replied", supplement: open, withdraw: c.status === "submitted" || c.status === "assigned" },
  };
}

/**
 * A row of a list: the complainant never more than masked (保密 when confidentiality was asked
 * and the viewer may not know), so lists disclose nothing worth auditing.
 * @param c the complaint.
 * @param ctx departments.
 * @param viewer who lists.
 * @returns the row.
 */
export function presentComplaintListItem(c: ComplaintRecord, ctx: PresentContext, viewer: Actor): ComplaintListItem {
  const access = identityAccess(viewer, c);
  const followed = Boolean(c.followerIds?.some((f) => f.equals(viewer.userId)));
  return {
    ticketNo: c.ticketNo,
    title: c.title,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    barrierType: { code: c.barrierType, name: barrierTypeByCode(c.barrierType)?.name ?? c.barrierType },
    department: summaryOf(ctx, c.departmentId),
    town: c.town,
    complainant: access === "withheld" ? "保密" : `${maskName(c.contact.name)} ${maskPhone(c.contact.phone)}`,
    channel: c.channel,
    deadlines: presentDeadlines(c, ctx.now),
    supervised: Boolean(c.supervisedAt),
    escalated: Boolean(c.escalatedAt),
    moderation: c.moderation,
    followed,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
