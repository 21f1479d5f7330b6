import type { Types } from "mongoose";
import {
  ACTION_LABELS,
  EVIDENCE_LABELS,
  MODERATION_LABELS,
  RATING_LABELS,
  STATUS_LABELS,
  barrierTypeByCode,
  type ComplaintView,
} from "@lushan/shared";
import type { ComplaintRecord, SupplementRecord, TimelineRecord } from "../models/complaint/complaint.schema";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { UploadRecord } from "../models/upload/upload.schema";
import { presentDepartmentSummary } from "./department";

/** What presenting complaints needs besides the complaints: departments, their uploads, link signing. */
export interface PresentContext {
  departmentsById: Map<string, DepartmentRecord>;
  uploads: Map<string, UploadRecord>;
  signedPath(uploadId: string): string;
  now: Date;
}

/** What the viewer may see of content under review. */
export interface Visibility {
  /** The complainant (first person in the timeline). */
  forOwner: boolean;
  /** Images and supplements not cleared yet (complainant, coordinator, administrators). */
  heldContent: boolean;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? "*" : `${chars[0]}${"*".repeat(chars.length - 1)}`;
}

/** 13812345678 → 138****5678; 0792-2661234 → 079****1234. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.length < 7 ? "****" : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function departmentOf(ctx: PresentContext, id: Types.ObjectId | null | undefined): DepartmentRecord | null {
  return id ? (ctx.departmentsById.get(id.toHexString()) ?? null) : null;
}

export function summaryOf(ctx: PresentContext, id: Types.ObjectId | null | undefined) {
  const d = departmentOf(ctx, id);
  return d ? presentDepartmentSummary(d) : null;
}

export function summariesOf(ctx: PresentContext, ids: Types.ObjectId[] | undefined) {
  return (ids ?? []).map((id) => departmentOf(ctx, id)).filter((d): d is DepartmentRecord => d !== null).map(presentDepartmentSummary);
}

/** The deadline running now and whether it is near or past. */
export function presentDeadlines(c: ComplaintRecord, now: Date) {
  const due = c.status === "assigned" ? c.deadlines.acceptBy : c.status === "accepted" ? c.deadlines.replyBy : null;
  return {
    acceptBy: c.deadlines.acceptBy ? c.deadlines.acceptBy.toISOString() : null,
    replyBy: c.deadlines.replyBy ? c.deadlines.replyBy.toISOString() : null,
    overdue: Boolean(due && due < now),
    dueSoon: Boolean(due && due >= now && due.getTime() - now.getTime() < 8 * 3_600_000),
  };
}

const TIMELINE_LABELS: Record<string, string> = {
  submit: "提交",
  route: "分办",
  queue: "转发改协调",
  hold: "内容待审核",
  content_check: "内容安全检测",
  merge_in: "并入重复诉求",
  auto_close: "逾期未评价自动办结",
  overdue: "超期提醒",
  evidence_check: "图片安全检测",
  hotline_push: "已推送12345",
  hotline_ack: "12345签收",
};

function actorLabel(e: TimelineRecord, ctx: PresentContext, forOwner: boolean): string {
  if (e.actorRole === "system") return "系统";
  if (e.actorRole === "citizen") return forOwner ? "您" : "投诉人";
  if (e.actorRole === "coordinator") return "市发改委（协调）";
  if (e.actorRole === "hotline_operator") return "12345热线";
  if (e.actorRole === "admin") return "系统管理员";
  return departmentOf(ctx, e.departmentId)?.name ?? "承办部门";
}

export function presentTimeline(c: ComplaintRecord, ctx: PresentContext, v: Visibility): ComplaintView["timeline"] {
  return c.timeline
    .filter((e) => !v.forOwner || !e.internal)
    .map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      actionLabel: (ACTION_LABELS as Record<string, string>)[e.action] ?? TIMELINE_LABELS[e.action] ?? e.action,
      actor: actorLabel(e, ctx, v.forOwner),
      from: e.from ?? null,
      to: e.to ?? null,
      note: e.note ?? null,
    }));
}

export function presentEvidence(ids: string[], ctx: PresentContext, v: Visibility): ComplaintView["evidence"] {
  return ids.map((id) => {
    const u = ctx.uploads.get(id);
    const status = u?.status ?? "pending";
    const visible = Boolean(u) && (status === "cleared" || v.heldContent);
    return { id, url: visible ? ctx.signedPath(id) : null, status, statusLabel: EVIDENCE_LABELS[status] };
  });
}

function presentSupplement(s: SupplementRecord, ctx: PresentContext, v: Visibility) {
  const shown = s.moderation === "cleared" || s.moderation === "skipped" || v.heldContent;
  return {
    id: s.id,
    at: s.at.toISOString(),
    text: shown ? s.text : null,
    evidence: presentEvidence(s.evidence, ctx, v),
    moderation: s.moderation,
    moderationLabel: MODERATION_LABELS[s.moderation],
  };
}

/** The parts every view of one complaint shares. */
export function presentCommon(c: ComplaintRecord, ctx: PresentContext, v: Visibility) {
  const type = barrierTypeByCode(c.barrierType);
  const supplementEvidence = new Set(c.supplements.flatMap((s) => s.evidence));
  return {
    ticketNo: c.ticketNo,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    channel: c.channel,
    barrierType: { code: c.barrierType, name: type?.name ?? c.barrierType },
    title: c.title,
    description: c.description,
    listScope: c.listScope,
    listItem: c.listItemCode ? { code: c.listItemCode, name: c.listItemName ?? c.listItemCode } : null,
    accusedName: c.accusedName,
    town: c.town,
    confidential: c.confidential,
    moderation: c.moderation,
    moderationLabel: MODERATION_LABELS[c.moderation],
    evidence: presentEvidence(c.evidence.filter((id) => !supplementEvidence.has(id)), ctx, v),
    supplements: c.supplements.map((s) => presentSupplement(s, ctx, v)),
    routing: {
      department: summaryOf(ctx, c.routing.departmentId),
      coDepartments: summariesOf(ctx, c.routing.coDepartmentIds),
      hotline: c.routing.hotline,
      reason: c.routing.plainReason,
    },
    deadlines: presentDeadlines(c, ctx.now),
    reply: c.reply?.text && c.reply.at ? { text: c.reply.text, at: c.reply.at.toISOString(), department: departmentOf(ctx, c.reply.departmentId)?.name ?? "承办部门" } : null,
    rating: c.rating?.value && c.rating.at ? { value: c.rating.value, label: RATING_LABELS[c.rating.value], comment: c.rating.comment ?? null, at: c.rating.at.toISOString() } : null,
    mergedInto: c.mergedInto ?? null,
    timeline: presentTimeline(c, ctx, v),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
