import {
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_STATUS_LABELS,
  cstDate,
  endOfCstDay,
  mayTakeRectification,
  rectificationStatusAfter,
  type RectificationActionInput,
  type RectificationCreateBody,
  type RectificationUpdateBody,
} from "@lushan/shared";
import type { Types } from "mongoose";
import type { z } from "zod";
import { checkAnonymity } from "../cases/anonymity";
import { privateFactsOf } from "../cases/privateFacts";
import { withTransaction } from "../db/transaction";
import { AuthorizationError, ConflictError, InvalidTransitionError, NotFoundError, PersonalDataFoundError, ValidationError } from "../errors";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { complaintRepository } from "../models/complaint/complaint.repository";
import { nextValue } from "../models/counter/counter.schema";
import { departmentRepository } from "../models/department/department.repository";
import type { RectificationHistoryRecord, RectificationRecord } from "../models/rectification/rectification.schema";
import { rectificationRepository } from "../models/rectification/rectification.repository";
import { typicalCaseRepository } from "../models/typicalCase/typicalCase.repository";
import { userRepository } from "../models/user/user.repository";
import { rectificationPolicy, rectificationRelation } from "../policies/rectification";
import { shortProblem } from "../notifications/ledgerNotices";
import { emitEvents, type RectificationEventFacts } from "../queues/events";
import type { Actor } from "../types";

type CreateInput = z.output<typeof RectificationCreateBody>;
type UpdateInput = z.output<typeof RectificationUpdateBody>;

async function nameOf(actor: Actor): Promise<string | null> {
  return (await userRepository.findById(actor.userId))?.displayName ?? null;
}

/** What the ledger's notices need to know about a task. */
function factsOf(t: RectificationRecord): RectificationEventFacts {
  return { taskId: t._id.toHexString(), taskNo: t.taskNo, departmentId: t.departmentId.toHexString(), problem: shortProblem(t.problem, 200), responsiblePerson: t.responsiblePerson, deadlineDate: t.deadlineDate };
}

function entry(actor: Actor, name: string | null, action: string, from: RectificationRecord["status"] | null, to: RectificationRecord["status"] | null, note: string | null = null): RectificationHistoryRecord {
  return { at: new Date(), action, actorId: actor.userId, actorRole: actor.role, actorName: name, from, to, note };
}

/** The deadline day as its last instant; a day before today (CST) is refused. */
function deadlineOf(date: string, field: string): Date {
  if (date < cstDate(new Date())) throw ValidationError("整改期限不能早于今天", [{ path: field, message: "整改期限不能早于今天" }]);
  return endOfCstDay(date);
}

async function departmentIdOf(code: string, field: string): Promise<Types.ObjectId> {
  const d = await departmentRepository.findByCode(code);
  if (!d || !d.active) throw ValidationError(`部门代码 ${code} 不存在`, [{ path: field, message: "部门不存在" }]);
  return d._id;
}

const cstYear = (at: Date): number => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

/**
 * Opens a task (the coordinator): from a complaint, a case or an evaluation finding, with the
 * owner department, responsible person and deadline.
 * @param actor the coordinator or an administrator.
 * @param input the validated fields.
 * @param requestId for the audit log.
 * @returns the new task.
 */
export async function rectificationCreator(actor: Actor, input: CreateInput, requestId?: string): Promise<RectificationRecord> {
  const origin: RectificationRecord["origin"] = { kind: input.origin, ref: null, complaintId: null, caseId: null, finding: null };
  if (input.origin === "complaint") {
    const c = await complaintRepository.findByTicketNo(input.ticketNo!);
    if (!c) throw ValidationError("来源投诉不存在", [{ path: "body.ticketNo", message: "投诉不存在" }]);
    Object.assign(origin, { ref: c.ticketNo, complaintId: c._id });
  } else if (input.origin === "case") {
    const c = await typicalCaseRepository.findById(input.caseId!);
    if (!c) throw ValidationError("来源典型案例不存在", [{ path: "body.caseId", message: "案例不存在" }]);
    Object.assign(origin, { ref: c.caseNo, caseId: c._id, complaintId: c.complaintId });
  } else {
    origin.finding = input.finding!;
  }
  const departmentId = await departmentIdOf(input.department, "body.department");
  const deadline = deadlineOf(input.deadline, "body.deadline");
  const name = await nameOf(actor);
  const year = cstYear(new Date());
  return withTransaction(async (session) => {
    const seq = await nextValue(`rectification:${year}`, session);
    const task = await rectificationRepository.create(
      {
        taskNo: `ZG${year}-${String(seq).padStart(4, "0")}`,
        status: "open",
        origin,
        problem: input.problem,
        departmentId,
        responsiblePerson: input.responsiblePerson,
        deadlineDate: input.deadline,
        deadline,
        measures: input.measures ?? null,
        createdBy: actor.userId,
        history: [entry(actor, name, "create", null, "open", `责任人：${input.responsiblePerson}，期限：${input.deadline}`)],
        version: 1,
      },
      session,
    );
    await auditLogRepository.record({ actor, action: "rectification.create", resourceType: "rectification", resourceId: task._id.toHexString(), departmentId, details: { taskNo: task.taskNo }, requestId }, session);
    await emitEvents([{ name: "rectification.opened", payload: factsOf(task), actorId: actor.userId.toHexString() }], session);
    return task;
  });
}

async function load(actor: Actor, id: string): Promise<RectificationRecord> {
  const t = await rectificationRepository.findById(id);
  if (!t) throw NotFoundError("整改事项不存在");
  rectificationPolicy.authorize(actor, "read", t, { hide: true });
  return t;
}

/**
 * Changes owner, responsible person, deadline or problem (the coordinator; not after sign-off).
 * @param actor the coordinator or an administrator.
 * @param id the task.
 * @param input changed fields with the version the editor started from.
 * @param requestId for the audit log.
 * @returns the task after the change.
 */
export async function rectificationUpdater(actor: Actor, id: string, input: UpdateInput, requestId?: string): Promise<RectificationRecord> {
  const t = await load(actor, id);
  if (t.status === "done") throw InvalidTransitionError("已销号的事项不能修改");
  rectificationPolicy.authorize(actor, "edit", t);
  if (t.version !== input.expectedVersion) throw ConflictError(`整改事项已被他人修改（当前为第 ${t.version} 版），请刷新后再改`);
  const set: Partial<RectificationRecord> = {};
  const changes: string[] = [];
  if (input.problem !== undefined) {
    set.problem = input.problem;
    changes.push("问题描述");
  }
  if (input.department !== undefined) {
    set.departmentId = await departmentIdOf(input.department, "body.department");
    changes.push(`责任部门改为 ${input.department}`);
  }
  if (input.responsiblePerson !== undefined) {
    set.responsiblePerson = input.responsiblePerson;
    changes.push(`责任人改为 ${input.responsiblePerson}`);
  }
  if (input.deadline !== undefined) {
    set.deadline = deadlineOf(input.deadline, "body.deadline");
    set.deadlineDate = input.deadline;
    changes.push(`期限改为 ${input.deadline}`);
  }
  const name = await nameOf(actor);
  const note = [changes.join("；"), input.note].filter(Boolean).join("。") || null;
  return withTransaction(async (session) => {
    const after = await rectificationRepository.update(t, { $set: set, $push: { history: entry(actor, name, "edit", t.status, t.status, note) } }, session);
    if (!after) throw ConflictError("整改事项刚被他人修改，请刷新后再改");
    await auditLogRepository.record({ actor, action: "rectification.edit", resourceType: "rectification", resourceId: id, departmentId: after.departmentId, details: { fields: Object.keys(set) }, requestId }, session);
    // The owner department hears about a new owner, responsible person or deadline (not about wording).
    const ownerChanges = changes.filter((c) => !c.startsWith("问题描述"));
    if (ownerChanges.length) {
      await emitEvents(
        [{ name: "rectification.reassigned", payload: { ...factsOf(after), previousDepartmentId: t.departmentId.toHexString(), changes: ownerChanges, note: input.note ?? null }, actorId: actor.userId.toHexString() }],
        session,
      );
    }
    return after;
  });
}

/**
 * One step of the ledger's state machine: start (measures), progress (measures, evidence),
 * request sign-off (evidence needed), confirm (销号, with a public summary free of personal data),
 * reject (back to rectifying), comment.
 * @param actor the caller.
 * @param id the task.
 * @param input the action and its fields.
 * @param requestId for the audit log.
 * @returns the task after the step.
 */
export async function rectificationTransitioner(actor: Actor, id: string, input: RectificationActionInput, requestId?: string): Promise<RectificationRecord> {
  const t = await load(actor, id);
  const relation = rectificationRelation(actor, t);
  const label = RECTIFICATION_ACTION_LABELS[input.action];
  if (!mayTakeRectification(input.action, relation)) throw AuthorizationError(`您不能对该事项执行“${label}”`);
  if (!rectificationPolicy.can(actor, input.action, t)) throw InvalidTransitionError(`事项当前为“${RECTIFICATION_STATUS_LABELS[t.status]}”，不能执行“${label}”`);
  if (input.expectedVersion !== undefined && input.expectedVersion !== t.version) throw ConflictError(`整改事项已被他人修改（当前为第 ${t.version} 版），请刷新后重试`);
  const name = await nameOf(actor);
  const now = new Date();
  const to = rectificationStatusAfter(input.action, t.status);
  const set: Record<string, unknown> = { status: to };
  const push: Record<string, unknown[]> = {};
  const evidence = "evidence" in input ? input.evidence.map((e) => ({ at: now, text: e.text, url: e.url, byUserId: actor.userId, byName: name })) : [];
  if (evidence.length) push.evidence = evidence;
  switch (input.action) {
    case "start":
      set.measures = input.measures;
      set.startedAt = now;
      break;
    case "progress":
      if (input.measures === undefined && evidence.length === 0) throw ValidationError("请填写整改措施或佐证材料", [{ path: "body.evidence", message: "请填写整改措施或佐证材料" }]);
      if (input.measures !== undefined) set.measures = input.measures;
      break;
    case "request_signoff":
      if (t.evidence.length + evidence.length === 0) throw ValidationError("申请销号前请至少提供一条佐证材料", [{ path: "body.evidence", message: "请提供佐证材料" }]);
      set.signoffRequestedAt = now;
      break;
    case "confirm": {
      const check = checkAnonymity({ summary: input.publicSummary }, await privateFactsOf(t.origin.complaintId ? await complaintRepository.findById(t.origin.complaintId) : null), { summary: "公开说明" });
      if (!check.passed) throw PersonalDataFoundError(check.explanation, check.findings.map((f) => ({ path: "body.publicSummary", message: f.message })));
      Object.assign(set, { publicSummary: input.publicSummary, closedAt: now, signedOffBy: actor.userId, signedOffByName: name });
      break;
    }
    case "reject":
      set.signoffRequestedAt = null;
      break;
    case "comment":
      break;
  }
  const note = "note" in input && input.note ? input.note : input.action === "start" ? input.measures : null;
  return withTransaction(async (session) => {
    const after = await rectificationRepository.update(
      t,
      { $set: set, $push: { ...Object.fromEntries(Object.entries(push).map(([k, v]) => [k, { $each: v }])), history: entry(actor, name, input.action, t.status, to, note ?? null) } },
      session,
    );
    if (!after) throw ConflictError("整改事项刚被他人修改，请刷新后重试");
    await auditLogRepository.record({ actor, action: `rectification.${input.action}`, resourceType: "rectification", resourceId: id, departmentId: after.departmentId, details: { from: t.status, to }, requestId }, session);
    if (input.action === "request_signoff") await emitEvents([{ name: "rectification.signoff_requested", payload: { ...factsOf(after), note: input.note ?? null }, actorId: actor.userId.toHexString() }], session);
    if (input.action === "reject") await emitEvents([{ name: "rectification.returned", payload: { ...factsOf(after), reason: input.note }, actorId: actor.userId.toHexString() }], session);
    return after;
  });
}
