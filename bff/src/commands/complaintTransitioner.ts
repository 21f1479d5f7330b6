import type { ClientSession } from "mongoose";
import {
  ACTION_LABELS,
  COMPLAINT_ACTIONS,
  STATUS_LABELS,
  TRANSITIONS,
  canTransition,
  nextStatusForRating,
  type ComplaintAction,
  type ComplaintActionInput,
  type ComplaintStatus,
  type Rating,
  type Relation,
} from "@lushan/shared";
import { withTransaction } from "../db/transaction";
import { AppError, AuthorizationError, ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from "../errors";
import { ComplaintModel, type ComplaintRecord } from "../models/complaint/complaint.schema";
import { UploadModel } from "../models/upload/upload.schema";
import { canView, relationOf } from "../policies/complaint";
import { emitEvents } from "../queues/events";
import type { Services } from "../services";
import type { Actor } from "../types";
import { createWorkOrder, dispatchComplaint, statusEvent, timelineEntry } from "../complaints/dispatcher";

/** Every action, staff's and the complainant's. */
export type TransitionInput =
  | ComplaintActionInput
  | { action: "rate"; rating: Rating; comment?: string }
  | { action: "supplement"; text: string; evidence: string[] }
  | { action: "withdraw"; reason?: string };

/** Actions that do not concern the complainant (no notice to them). */
const INTERNAL_ACTIONS = new Set<ComplaintAction>(["comment", "approve_content", "supervise", "escalate"]);

/**
 * Loads a complaint the actor may see, or answers 404 (others' ticket numbers cannot be probed).
 */
export async function loadVisibleComplaint(actor: Actor, ticketNo: string): Promise<{ complaint: ComplaintRecord; relation: Relation }> {
  const complaint = await ComplaintModel.findOne({ ticketNo }).lean<ComplaintRecord>();
  if (!complaint) throw NotFoundError("没有找到该投诉");
  const relation = relationOf(actor, complaint);
  if (!canView(relation)) throw NotFoundError("没有找到该投诉");
  return { complaint, relation };
}

function checkAllowed(action: ComplaintAction, status: ComplaintStatus, relation: Relation): void {
  const t = TRANSITIONS[action];
  if (!t.by.includes(relation)) throw AuthorizationError(`您不能对该投诉执行“${ACTION_LABELS[action]}”`);
  if (!canTransition(action, status, relation)) {
    throw InvalidTransitionError(`当前状态为“${STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”`);
  }
}

/**
 * Applies one lifecycle action in a transaction: checks the state machine and the actor's relation,
 * refuses stale writes (version), appends an immutable timeline entry, sets deadlines, and records
 * the event the complainant or department is notified from.
 * @param actor who acts.
 * @param ticketNo the complaint.
 * @param input the action and its arguments.
 * @param services deadlines, dispatch.
 * @returns the complaint after the action.
 */
export async function complaintTransitioner(actor: Actor, ticketNo: string, input: TransitionInput, services: Services): Promise<ComplaintRecord> {
  const { complaint: c, relation } = await loadVisibleComplaint(actor, ticketNo);
  if (!COMPLAINT_ACTIONS.includes(input.action)) throw ValidationError("未知的操作");
  checkAllowed(input.action, c.status, relation);
  const t = TRANSITIONS[input.action];
  const departments = await services.list.departmentsByCode();
  const dept = (code: string) => {
    const d = departments.get(code);
    if (!d || !d.active) throw ValidationError(`部门代码 ${code} 不存在或已停用`);
    return d;
  };
  const now = new Date();
  const set: Record<string, unknown> = {};
  let to: ComplaintStatus = t.to === "same" ? c.status : t.to;
  let note: string | null = "note" in input && input.note ? input.note : null;
  let internal = INTERNAL_ACTIONS.has(input.action);
  const extra: ((session: ClientSession) => Promise<void>)[] = [];

  switch (input.action) {
    case "assign":
    case "transfer": {
      const target = dept(input.department);
      if (c.accusedDepartmentId?.equals(target._id)) throw ValidationError("不能派给被反映的单位本身（回避原则）");
      if (input.action === "transfer" && c.departmentId?.equals(target._id)) throw ValidationError("该投诉已由此部门办理");
      set.departmentId = target._id;
      set.coDepartmentIds = input.coDepartments.filter((code) => code !== input.department).map((code) => dept(code)._id);
      set.assignedAt = now;
      set.acceptedAt = null;
      set["deadlines.acceptBy"] = await services.deadlines.acceptBy(now, c.barrierType);
      set["deadlines.replyBy"] = null;
      set.overdue = false;
      set.dueSoon = false;
      note = [`派至${target.name}`, note].filter(Boolean).join("：");
      if (c.routing.hotline || c.channel === "phone") {
        extra.push((session) => createWorkOrder({ ...c, departmentId: target._id }, session));
      }
      break;
    }
    case "accept":
      set.acceptedAt = now;
      set.complex = input.complex;
      set["deadlines.replyBy"] = await services.deadlines.replyBy(now, c.barrierType, input.complex);
      set.overdue = false;
      set.dueSoon = false;
      break;
    case "return":
      set.departmentId = null;
      set.coDepartmentIds = [];
      set["deadlines.acceptBy"] = null;
      set["deadlines.replyBy"] = null;
      set.overdue = false;
      if (input.suggestedDepartment) note = `${note}（建议改派：${dept(input.suggestedDepartment).name}）`;
      break;
    case "reply":
      set.repliedAt = now;
      set.reply = { text: input.note, at: now, departmentId: c.departmentId, byUserId: actor.userId };
      set["deadlines.replyBy"] = null;
      set.overdue = false;
      set.dueSoon = false;
      break;
    case "supervise":
      set.supervisedAt = now;
      internal = false;
      break;
    case "escalate":
      set.escalatedAt = now;
      break;
    case "merge": {
      if (input.into === c.ticketNo) throw ValidationError("不能并入自身");
      const survivor = await ComplaintModel.findOne({ ticketNo: input.into }).lean<ComplaintRecord>();
      if (!survivor) throw ValidationError(`受理编号 ${input.into} 不存在`);
      if (survivor.status === "merged" || survivor.status === "closed") throw InvalidTransitionError("被并入的投诉已办结或已并单");
      set.mergedInto = survivor.ticketNo;
      set.closedAt = now;
      note = [`并入 ${survivor.ticketNo}（重复诉求并单处理）`, note].filter(Boolean).join("：");
      extra.push(async (session) => {
        const followers = [c.ownerId, ...(c.followerIds ?? [])].filter((x): x is NonNullable<typeof x> => Boolean(x));
        const updated = await ComplaintModel.findOneAndUpdate(
          { _id: survivor._id, status: { $nin: ["merged", "closed"] } },
          {
            $addToSet: { followerIds: { $each: followers } },
            $push: { timeline: timelineEntry({ action: "merge_in", actorId: actor.userId, actorRole: actor.role, from: survivor.status, to: survivor.status, note: `并入 ${c.ticketNo}` }) },
            $inc: { version: 1 },
          },
          { returnDocument: "after", session },
        );
        if (!updated) throw InvalidTransitionError("被并入的投诉状态已变化，请刷新后重试");
      });
      break;
    }
    case "close":
      set.closedAt = now;
      set.closeReason = "staff";
      if (input.rating) set.rating = { value: input.rating, comment: `回访记录：${input.note}`, at: now };
      break;
    case "rate": {
      to = nextStatusForRating(input.rating);
      set.rating = { value: input.rating, comment: input.comment ?? null, at: now };
      note = input.comment ?? null;
      if (to === "closed") {
        set.closedAt = now;
        set.closeReason = "rated";
      } else {
        // 不满意: the department handles it again (重办) with a fresh reply deadline.
        set.reopenCount = (c.reopenCount ?? 0) + 1;
        set.acceptedAt = now;
        set.reply = null;
        set["deadlines.replyBy"] = await services.deadlines.replyBy(now, c.barrierType, c.complex ?? false);
      }
      break;
    }
    case "supplement": {
      note = input.text;
      if (input.evidence.length) {
        const uploads = await UploadModel.find({ _id: { $in: input.evidence } }).lean();
        if (uploads.length !== new Set(input.evidence).size || uploads.some((u) => !u.ownerId.equals(actor.userId) || u.complaintId)) {
          throw new AppError(400, "upload_not_usable");
        }
        extra.push(async (session) => {
          await UploadModel.updateMany({ _id: { $in: input.evidence } }, { $set: { complaintId: c._id } }, { session });
          await ComplaintModel.updateOne({ _id: c._id }, { $addToSet: { evidence: { $each: input.evidence } } }, { session });
        });
      }
      break;
    }
    case "withdraw":
      set.closedAt = now;
      set.closeReason = "withdrawn";
      note = input.reason ?? null;
      break;
    case "approve_content":
      set.moderation = "cleared";
      set.moderationNote = null;
      break;
    case "reject_content":
      set.moderation = "rejected";
      set.moderationNote = input.note;
      set.closedAt = now;
      set.closeReason = "rejected";
      internal = false;
      break;
    case "comment":
      internal = true;
      break;
  }
  if (t.to !== "same" || input.action === "rate") set.status = to;
  if (t.noteRequired && !note) throw ValidationError("请填写说明");

  const entry = timelineEntry({ action: input.action, actorId: actor.userId, actorRole: actor.role, departmentId: actor.departmentId, from: c.status, to, note, internal });
  const updated = await withTransaction(async (session) => {
    let after = await ComplaintModel.findOneAndUpdate(
      { _id: c._id, version: c.version },
      { $set: set, $push: { timeline: entry }, $inc: { version: 1 } },
      { returnDocument: "after", session },
    ).lean<ComplaintRecord>();
    if (!after) throw ConflictError("投诉刚被他人处理，请刷新后重试");
    for (const step of extra) await step(session);
    if (input.action === "approve_content") after = await dispatchComplaint(after, services, session, { id: actor.userId, role: actor.role });
    if (!internal || input.action === "supervise") {
      await emitEvents([{ name: "complaint.status_changed", payload: statusEvent(after, c.status, input.action), actorId: actor.userId.toHexString() }], session);
    }
    return after;
  });
  services.queue.nudge();
  return (await ComplaintModel.findById(updated._id).lean<ComplaintRecord>())!;
}
