import type { Types } from "mongoose";
import {
  ACTION_LABELS,
  RATING_LABELS,
  STATUS_LABELS,
  availableActions,
  barrierTypeByCode,
  maskCreditCode,
  type ComplaintListItem,
  type ComplaintView,
  type Relation,
  type StaffComplaintView,
} from "@lushan/shared";
import type { ComplaintRecord, TimelineRecord } from "../models/complaint/complaint.schema";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { UploadRecord } from "../models/upload/upload.schema";
import type { WorkOrderRecord } from "../models/workOrder/workOrder.schema";
import { contactAccess } from "../policies/complaint";
import type { UploadStore } from "../uploads/uploadStore";
import { presentDepartmentSummary } from "./department";

/** 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? "*" : `${chars[0]}${"*".repeat(chars.length - 1)}`;
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length < 7 ? "****" : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export interface PresentContext {
  departments: Map<string, DepartmentRecord>;
  uploads: Map<string, UploadRecord>;
  store: UploadStore;
  now?: Date;
}

function deptById(ctx: PresentContext, id: Types.ObjectId | null | undefined): DepartmentRecord | null {
  if (!id) return null;
  for (const d of ctx.departments.values()) if (d._id.equals(id)) return d;
  return null;
}

function deadlines(c: ComplaintRecord, now: Date) {
  const due = c.status === "assigned" ? c.deadlines.acceptBy : c.status === "accepted" ? c.deadlines.replyBy : null;
  return {
    acceptBy: c.deadlines.acceptBy ? c.deadlines.acceptBy.toISOString() : null,
    replyBy: c.deadlines.replyBy ? c.deadlines.replyBy.toISOString() : null,
    overdue: Boolean(due && due < now),
    dueSoon: Boolean(due && due >= now && due.getTime() - now.getTime() < 8 * 3_600_000),
  };
}

function actorLabel(e: TimelineRecord, ctx: PresentContext, forOwner: boolean): string {
  if (e.actorRole === "system") return "系统";
  if (e.actorRole === "citizen") return forOwner ? "您" : "投诉人";
  if (e.actorRole === "coordinator") return "市发改委（协调）";
  if (e.actorRole === "hotline_operator") return "12345热线";
  if (e.actorRole === "admin") return "系统管理员";
  return deptById(ctx, e.departmentId)?.name ?? "承办部门";
}

function timeline(c: ComplaintRecord, ctx: PresentContext, forOwner: boolean) {
  return c.timeline
    .filter((e) => !forOwner || !e.internal)
    .map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      actionLabel: (ACTION_LABELS as Record<string, string>)[e.action] ?? TIMELINE_LABELS[e.action] ?? e.action,
      actor: actorLabel(e, ctx, forOwner),
      from: (e.from as ComplaintView["status"] | null) ?? null,
      to: (e.to as ComplaintView["status"] | null) ?? null,
      note: e.note ?? null,
    }));
}

const TIMELINE_LABELS: Record<string, string> = {
  submit: "提交",
  route: "分办",
  queue: "转发改协调",
  hold: "内容待审核",
  merge_in: "并入重复诉求",
  auto_close: "逾期未评价自动办结",
  overdue: "超期提醒",
};

function evidence(c: ComplaintRecord, ctx: PresentContext, showPending: boolean) {
  return c.evidence.map((id) => {
    const u = ctx.uploads.get(id);
    const status = (u?.status ?? "pending") as "pending" | "cleared" | "risky" | "unchecked";
    const visible = status === "cleared" || status === "unchecked" || (showPending && status !== "risky");
    return {
      id,
      url: u && visible ? ctx.store.signedPath(id) : null,
      status,
      statusLabel: { pending: "审核中", cleared: "已审核", risky: "未通过审核", unchecked: "未经内容审核" }[status],
    };
  });
}

function routing(c: ComplaintRecord, ctx: PresentContext) {
  const d = deptById(ctx, c.routing.departmentId);
  return {
    department: d ? presentDepartmentSummary(d) : null,
    coDepartments: (c.routing.coDepartmentIds ?? []).map((id) => deptById(ctx, id)).filter((x): x is DepartmentRecord => Boolean(x)).map(presentDepartmentSummary),
    hotline: c.routing.hotline,
    reason: c.routing.plainReason,
  };
}

function common(c: ComplaintRecord, ctx: PresentContext, forOwner: boolean) {
  const now = ctx.now ?? new Date();
  const type = barrierTypeByCode(c.barrierType);
  const replyDept = c.reply ? deptById(ctx, c.reply.departmentId) : null;
  return {
    ticketNo: c.ticketNo,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    channel: c.channel,
    barrierType: { code: c.barrierType, name: type?.name ?? c.barrierType },
    title: c.title,
    description: c.description,
    listItem: c.listItemCode ? { code: c.listItemCode, name: c.listItemName ?? c.listItemCode } : null,
    accusedName: c.accusedName,
    town: c.town,
    confidential: c.confidential,
    routing: routing(c, ctx),
    deadlines: deadlines(c, now),
    reply: c.reply?.text && c.reply.at ? { text: c.reply.text, at: c.reply.at.toISOString(), department: replyDept?.name ?? "承办部门" } : null,
    rating: c.rating?.value && c.rating.at ? { value: c.rating.value, label: RATING_LABELS[c.rating.value], comment: c.rating.comment ?? null, at: c.rating.at.toISOString() } : null,
    mergedInto: c.mergedInto ?? null,
    timeline: timeline(c, ctx, forOwner),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The complaint for its complainant: their own data in full, no internal entries. */
export function presentComplaintForOwner(c: ComplaintRecord, ctx: PresentContext): ComplaintView {
  const open = !["closed", "merged"].includes(c.status);
  return {
    ...common(c, ctx, true),
    contact: { name: c.contact.name, phone: c.contact.phone },
    business: c.business?.name ? { name: c.business.name, creditCode: c.business.creditCode ?? null } : null,
    evidence: evidence(c, ctx, true),
    can: { rate: c.status === "replied", supplement: open, withdraw: c.status === "submitted" || c.status === "assigned" },
  };
}

/**
 * The complaint for staff: identity in full, masked or withheld by role and confidentiality
 * (callers audit full disclosures), the internal record, and the actions this viewer may take.
 */
export function presentComplaintForStaff(
  c: ComplaintRecord,
  ctx: PresentContext,
  relation: Relation,
  viewerDepartment: Types.ObjectId | null,
  workOrder: WorkOrderRecord | null,
): StaffComplaintView {
  const access = contactAccess(relation, c, viewerDepartment);
  const contact =
    access === "full"
      ? { name: c.contact.name, phone: c.contact.phone, masked: false, withheld: false }
      : access === "masked"
        ? { name: maskName(c.contact.name), phone: maskPhone(c.contact.phone), masked: true, withheld: false }
        : { name: "（投诉人要求保密）", phone: "（保密）", masked: true, withheld: true };
  const business = c.business?.name
    ? access === "full"
      ? { name: c.business.name, creditCode: c.business.creditCode ?? null, masked: false }
      : access === "masked"
        ? { name: maskName(c.business.name), creditCode: c.business.creditCode ? maskCreditCode(c.business.creditCode) : null, masked: true }
        : { name: "（保密）", creditCode: null, masked: true }
    : null;
  const dept = deptById(ctx, c.departmentId);
  const accused = deptById(ctx, c.accusedDepartmentId);
  const departmentsSeeEvidence = relation === "coordinator" || relation === "admin" || relation === "hotline";
  return {
    ...common(c, ctx, false),
    contact,
    business,
    evidence: evidence(c, ctx, departmentsSeeEvidence),
    department: dept ? presentDepartmentSummary(dept) : null,
    accusedDepartment: accused ? presentDepartmentSummary(accused) : null,
    routingDetail: { ruleId: c.routing.ruleId ? c.routing.ruleId.toHexString() : null, ruleName: c.routing.ruleName ?? null, explanation: c.routing.explanation },
    moderation: c.moderation,
    moderationNote: c.moderationNote ?? null,
    complex: c.complex ?? false,
    supervised: Boolean(c.supervisedAt),
    escalated: Boolean(c.escalatedAt),
    reopenCount: c.reopenCount ?? 0,
    workOrder: workOrder ? { deliveryState: workOrder.deliveryState, externalId: workOrder.externalId ?? null, attempts: workOrder.attempts } : null,
    allowedActions: availableActions(c.status, relation).filter((a) => !["rate", "supplement", "withdraw"].includes(a)).filter((a) => a !== "approve_content" && a !== "reject_content" ? true : c.moderation === "pending"),
  };
}

/** A row of a list: never more than masked identity. */
export function presentComplaintListItem(c: ComplaintRecord, ctx: PresentContext, relation: Relation | "owner"): ComplaintListItem {
  const dept = deptById(ctx, c.departmentId);
  const withheld = relation !== "owner" && relation !== "coordinator" && relation !== "admin" && relation !== "hotline" && c.confidential;
  return {
    ticketNo: c.ticketNo,
    title: c.title,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    barrierType: { code: c.barrierType, name: barrierTypeByCode(c.barrierType)?.name ?? c.barrierType },
    department: dept ? presentDepartmentSummary(dept) : null,
    town: c.town,
    complainant: withheld ? "保密" : `${maskName(c.contact.name)} ${maskPhone(c.contact.phone)}`,
    channel: c.channel,
    deadlines: deadlines(c, ctx.now ?? new Date()),
    supervised: Boolean(c.supervisedAt),
    escalated: Boolean(c.escalatedAt),
    moderation: c.moderation,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
