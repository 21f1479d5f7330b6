import { randomBytes } from "node:crypto";
import type { ClientSession } from "mongoose";
import { nextStatusForRating, statusAfter, type ComplaintActionInput, type ComplaintStatus, type Rating } from "@lushan/shared";
import type { Config } from "../config";
import { AppError, InvalidTransitionError, ValidationError } from "../errors";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord, SupplementRecord } from "../models/complaint/complaint.schema";
import type { DepartmentRecord } from "../models/department/department.schema";
import { uploadRepository } from "../models/upload/upload.repository";
import { workOrderRepository } from "../models/workOrder/workOrder.repository";
import { contentCheckTask } from "../queues/tasks/contentCheck";
import type { Services } from "../services";
import type { Actor } from "../types";
import { departmentsById, dispatchCleared, needsWorkOrder, timelineEntry, workOrderPayload } from "./dispatcher";
import { initialTextReview } from "./moderation";

/** Every action, the staff's and the complainant's. */
export type TransitionInput =
  | ComplaintActionInput
  | { action: "rate"; rating: Rating; comment?: string }
  | { action: "supplement"; text: string; evidence: string[]; idempotencyKey?: string }
  | { action: "withdraw"; reason?: string };

/** A write to run in the action's transaction after the complaint itself changed. */
export type Step = (session: ClientSession, updated: ComplaintRecord) => Promise<ComplaintRecord | void>;

/** What an action changes. */
export interface Plan {
  set: Record<string, unknown>;
  addToSet?: Record<string, unknown>;
  push?: Record<string, unknown>;
  /** The status after the action. */
  to: ComplaintStatus;
  /** The timeline note. */
  note: string | null;
  /** Hidden from the complainant. */
  internal: boolean;
  /** The event action to announce, or null for nothing worth a notice. */
  event: string | null;
  steps: Step[];
}

export interface PlanContext {
  actor: Actor;
  c: ComplaintRecord;
  services: Services;
  config: Config;
  now: Date;
  departments: Map<string, DepartmentRecord>;
}

const HELD = ["pending", "review", "rejected"];

function activeDepartment(ctx: PlanContext, code: string, field: string): DepartmentRecord {
  const d = ctx.departments.get(code);
  if (!d || !d.active) throw ValidationError(`部门代码 ${code} 不存在或已停用`, [{ path: `body.${field}`, message: "部门不存在或已停用" }]);
  return d;
}

function plan(c: ComplaintRecord, action: string, partial: Partial<Plan>): Plan {
  return { set: {}, to: statusAfter(action as never, c.status), note: null, internal: false, event: action, steps: [], ...partial };
}

async function assignPlan(ctx: PlanContext, input: Extract<TransitionInput, { action: "assign" | "transfer" }>): Promise<Plan> {
  const { c, now } = ctx;
  if (HELD.includes(c.moderation)) throw InvalidTransitionError("内容尚未审核通过，请先完成内容审核再派单");
  const target = activeDepartment(ctx, input.department, "department");
  if (c.accusedDepartmentId?.equals(target._id)) throw ValidationError("被反映的单位不能承办针对自己的投诉（回避原则）", [{ path: "body.department", message: "不能派给被反映的单位" }]);
  if (input.action === "transfer" && c.departmentId?.equals(target._id)) throw ValidationError("该投诉已由此部门办理", [{ path: "body.department", message: "与当前承办部门相同" }]);
  const co = [...new Set(input.coDepartments)].filter((code) => code !== input.department).map((code) => activeDepartment(ctx, code, "coDepartments"));
  if (co.some((d) => c.accusedDepartmentId?.equals(d._id))) throw ValidationError("被反映的单位不能协办针对自己的投诉（回避原则）", [{ path: "body.coDepartments", message: "不能包含被反映的单位" }]);
  const to = co.length ? `派至${target.name}，协办：${co.map((d) => d.name).join("、")}` : `派至${target.name}`;
  return plan(c, input.action, {
    set: {
      departmentId: target._id,
      coDepartmentIds: co.map((d) => d._id),
      assignedAt: now,
      acceptedAt: null,
      complex: false,
      "deadlines.acceptBy": await ctx.services.deadlines.acceptBy(now, c.barrierType),
      "deadlines.replyBy": null,
      overdue: false,
      dueSoon: false,
    },
    note: input.note ? `${to}：${input.note}` : to,
    steps: needsWorkOrder(c)
      ? [async (session, updated) => workOrderRepository.createOnce(updated._id, workOrderPayload(updated, await departmentsById(ctx.services)), session)]
      : [],
  });
}

async function supplementPlan(ctx: PlanContext, input: Extract<TransitionInput, { action: "supplement" }>): Promise<Plan> {
  const { c, actor, now } = ctx;
  if (!(await uploadRepository.allAttachable(input.evidence, actor.userId))) throw new AppError(400, "upload_not_usable");
  const review = await initialTextReview(actor, ctx.services, ctx.config);
  const supplement: SupplementRecord = { id: randomBytes(6).toString("hex"), at: now, text: input.text, evidence: input.evidence, moderation: review.state, key: input.idempotencyKey ?? null };
  return plan(c, "supplement", {
    push: { supplements: supplement },
    addToSet: input.evidence.length ? { evidence: { $each: input.evidence } } : undefined,
    note: input.evidence.length ? `补充说明及 ${input.evidence.length} 张图片` : "补充说明",
    steps: [
      async (session, updated) => {
        if ((await uploadRepository.attach(input.evidence, actor.userId, updated._id, session)) !== input.evidence.length) throw new AppError(400, "upload_not_usable");
        if (review.state === "pending") await contentCheckTask.schedule({ complaintId: updated._id.toHexString(), supplementId: supplement.id }, { session });
      },
    ],
  });
}

async function mergePlan(ctx: PlanContext, input: Extract<TransitionInput, { action: "merge" }>): Promise<Plan> {
  const { c, actor, now } = ctx;
  if (input.into === c.ticketNo) throw ValidationError("不能并入自身", [{ path: "body.into", message: "不能并入自身" }]);
  const survivor = await complaintRepository.findByTicketNo(input.into);
  if (!survivor) throw ValidationError(`受理编号 ${input.into} 不存在`, [{ path: "body.into", message: "受理编号不存在" }]);
  if (survivor.status === "merged" || survivor.status === "closed") throw InvalidTransitionError(`${survivor.ticketNo} 已办结或已并单，不能并入`);
  const followers = [c.ownerId, ...(c.followerIds ?? [])].filter((id): id is NonNullable<typeof id> => Boolean(id) && !survivor.ownerId?.equals(id!));
  const head = `并入 ${survivor.ticketNo}（重复诉求并单处理），请在该编号下跟踪办理进度`;
  return plan(c, "merge", {
    set: { mergedInto: survivor.ticketNo, closedAt: now, closeReason: "merged", "deadlines.acceptBy": null, "deadlines.replyBy": null, overdue: false, dueSoon: false },
    note: input.note ? `${head}：${input.note}` : head,
    steps: [
      async (session) => {
        const entry = timelineEntry({ action: "merge_in", actorId: actor.userId, actorRole: actor.role, from: survivor.status, to: survivor.status, note: `并入重复诉求 ${c.ticketNo}`, internal: true });
        const updated = await complaintRepository.update(
          survivor,
          { $addToSet: { followerIds: { $each: followers }, mergedFrom: c.ticketNo }, $push: { timeline: entry } },
          session,
        );
        if (!updated) throw InvalidTransitionError(`${survivor.ticketNo} 刚有变化，请刷新后重试`);
      },
    ],
  });
}

async function ratePlan(ctx: PlanContext, input: Extract<TransitionInput, { action: "rate" }>): Promise<Plan> {
  const { c, now } = ctx;
  const to = nextStatusForRating(input.rating);
  const rating = { value: input.rating, comment: input.comment ?? null, at: now };
  if (to === "closed") {
    return plan(c, "rate", { set: { rating, closedAt: now, closeReason: "rated" }, to, note: input.comment ?? null });
  }
  // 不满意: the same department handles it again (重办) with a fresh reply deadline.
  return plan(c, "rate", {
    set: {
      rating,
      reopenCount: (c.reopenCount ?? 0) + 1,
      acceptedAt: now,
      reply: null,
      "deadlines.replyBy": await ctx.services.deadlines.replyBy(now, c.barrierType, c.complex ?? false),
      overdue: false,
      dueSoon: false,
    },
    to,
    note: input.comment ? `不满意，退回承办部门重新办理：${input.comment}` : "不满意，退回承办部门重新办理",
    event: "reopen",
  });
}

/**
 * What one lifecycle action changes, after the state machine allowed it: the fields to set, the
 * timeline note, the further writes of the same transaction and the event to announce.
 * @param ctx the actor, the complaint as read, services.
 * @param input the action and its arguments (validated by the contract).
 * @returns the plan.
 */
export async function planAction(ctx: PlanContext, input: TransitionInput): Promise<Plan> {
  const { c, actor, now } = ctx;
  switch (input.action) {
    case "assign":
    case "transfer":
      return assignPlan(ctx, input);
    case "accept": {
      const replyBy = await ctx.services.deadlines.replyBy(now, c.barrierType, input.complex);
      return plan(c, "accept", {
        set: { acceptedAt: now, complex: input.complex, "deadlines.replyBy": replyBy, overdue: false, dueSoon: false },
        note: input.note ?? (input.complex ? "按复杂件办理" : null),
      });
    }
    case "return": {
      const suggested = input.suggestedDepartment ? activeDepartment(ctx, input.suggestedDepartment, "suggestedDepartment") : null;
      return plan(c, "return", {
        set: { departmentId: null, coDepartmentIds: [], assignedAt: null, acceptedAt: null, "deadlines.acceptBy": null, "deadlines.replyBy": null, overdue: false, dueSoon: false },
        note: suggested ? `${input.note}（建议改派：${suggested.name}）` : input.note,
      });
    }
    case "reply":
      return plan(c, "reply", {
        set: { repliedAt: now, reply: { text: input.note, at: now, departmentId: c.departmentId, byUserId: actor.userId }, "deadlines.replyBy": null, overdue: false, dueSoon: false },
        note: input.note,
      });
    case "supervise":
      return plan(c, "supervise", { set: { supervisedAt: now }, note: input.note, internal: true });
    case "escalate":
      return plan(c, "escalate", { set: { escalatedAt: now }, note: input.note });
    case "merge":
      return mergePlan(ctx, input);
    case "close":
      if (input.rating === "unsatisfied") throw ValidationError("回访不满意的不能办结，请由投诉人评价“不满意”退回重办，或改派其他部门", [{ path: "body.rating", message: "不满意不能办结" }]);
      return plan(c, "close", {
        set: { closedAt: now, closeReason: "staff", ...(input.rating ? { rating: { value: input.rating, comment: `回访记录：${input.note}`, at: now } } : {}) },
        note: input.note,
      });
    case "rate":
      return ratePlan(ctx, input);
    case "supplement":
      return supplementPlan(ctx, input);
    case "withdraw":
      return plan(c, "withdraw", {
        set: { closedAt: now, closeReason: "withdrawn", "deadlines.acceptBy": null, "deadlines.replyBy": null, overdue: false, dueSoon: false },
        note: input.reason ?? null,
      });
    case "approve_content":
      if (c.moderation !== "pending" && c.moderation !== "review") throw InvalidTransitionError("该投诉不在内容审核中");
      return plan(c, "approve_content", {
        set: { moderation: "cleared", moderationNote: null },
        note: input.note ? `人工审核通过：${input.note}` : "人工审核通过",
        internal: true,
        event: null,
        steps: [
          async (session, updated) => {
            const dispatched = await dispatchCleared(updated, ctx.services, session, { id: actor.userId, role: actor.role }, {});
            if (!dispatched) throw InvalidTransitionError("投诉刚有变化，请刷新后重试");
            return dispatched;
          },
        ],
      });
    case "reject_content":
      if (c.moderation !== "pending" && c.moderation !== "review") throw InvalidTransitionError("该投诉不在内容审核中");
      return plan(c, "reject_content", { set: { moderation: "rejected", moderationNote: input.note, closedAt: now, closeReason: "rejected" }, note: input.note });
    case "review_evidence": {
      if (!c.evidence.includes(input.upload)) throw ValidationError("该图片不属于本投诉", [{ path: "body.upload", message: "不属于本投诉" }]);
      const verdict = input.verdict === "cleared" ? "证据图片审核通过，承办部门可见" : "证据图片不予向承办部门展示";
      return plan(c, "review_evidence", {
        note: input.note ? `${verdict}：${input.note}` : verdict,
        internal: true,
        event: null,
        steps: [
          async (session) => {
            await uploadRepository.setStatus(input.upload, input.verdict, input.note ?? null, session);
          },
        ],
      });
    }
    case "comment":
      return plan(c, "comment", { note: input.note, internal: true, event: null });
  }
}
