import { createHash } from "node:crypto";
import { Roles, STATUS_LABELS, cstDate, type ComplaintCreateBodyOutput, type ComplaintCreated } from "@lushan/shared";
import type { Config } from "../config";
import { AppError, IdempotencyKeyReusedError, RateLimitedError } from "../errors";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord, TimelineRecord } from "../models/complaint/complaint.schema";
import { uploadRepository } from "../models/upload/upload.repository";
import { presentDepartmentSummary } from "../presenters/department";
import type { Services } from "../services";
import type { Actor } from "../types";
import { SYSTEM, dispatchPlan, needsWorkOrder, statusEvent, timelineEntry, workOrderPayload } from "../complaints/dispatcher";
import { resolveIntakeFacts } from "../complaints/intakeFacts";
import { initialTextReview } from "../complaints/moderation";
import type { RoutingDecision } from "../complaints/routing";

type Input = ComplaintCreateBodyOutput;

export interface ComplaintDeps {
  services: Services;
  config: Config;
}

/**
 * Files a complaint. Everything that can be decided beforehand is decided outside the transaction
 * (what it refers to, where it goes, deadlines, validation), because a transaction holds the
 * database's write lock; the intake batcher's transaction then numbers it, stores it, attaches its
 * evidence and writes its 12345 work order and event (or its content-check job), together with
 * the complaints that arrived meanwhile. The write is durable before the 201. With an
 * Idempotency-Key the complaint remembers the key and its answer: a retry (even concurrent, even
 * days later) gets the same answer; another body under the key is refused.
 * @param actor the citizen, or the 12345 operator filing a phone call.
 * @param input the validated body.
 * @param deps services and configuration.
 * @param idempotencyKey the client's key, if any.
 * @returns the 201 body.
 */
export async function complaintCreator(actor: Actor, input: Input, deps: ComplaintDeps, idempotencyKey?: string): Promise<ComplaintCreated> {
  const key = idempotencyKey ? `${actor.userId.toHexString()}:${idempotencyKey}` : null;
  const hash = key ? createHash("sha256").update(JSON.stringify(input)).digest("hex") : "";
  try {
    return await create(actor, input, deps, key, hash);
  } catch (err) {
    // A retry whose first attempt went through (its uploads are attached now, or it raced the
    // first attempt to the unique key): answer as the first attempt was answered.
    if (key) {
      const previous = await complaintRepository.findByIntakeKey(key);
      if (previous) return replay(previous, hash);
    }
    throw err;
  }
}

function replay(previous: ComplaintRecord, hash: string): ComplaintCreated {
  if (previous.intake?.hash !== hash) throw IdempotencyKeyReusedError();
  return previous.intake.response as ComplaintCreated;
}

async function checkDailyLimit(actor: Actor, config: Config): Promise<void> {
  const limit = config.complaints.dailyLimit;
  if (actor.role !== Roles.citizen || limit <= 0) return;
  const filed = await complaintRepository.countFiledSince(actor.userId, new Date(Date.now() - 86_400_000));
  if (filed >= limit) {
    const err = RateLimitedError(3_600);
    err.message = `24 小时内最多反映 ${limit} 件问题，请稍后再提交；紧急情况请拨打 12345`;
    throw err;
  }
}

function createdBody(ticketNo: string, c: ComplaintRecord, decision: RoutingDecision): ComplaintCreated {
  return {
    ticketNo,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    routing: {
      department: decision.department ? presentDepartmentSummary(decision.department) : null,
      coDepartments: decision.coDepartments.map(presentDepartmentSummary),
      hotline: decision.hotline,
      reason: decision.plainReason,
    },
    followUp:
      c.channel === "phone"
        ? `请告知来电人受理编号 ${ticketNo}，可拨打 12345 查询进度。`
        : c.moderation === "pending" || c.moderation === "review"
          ? `请记下受理编号 ${ticketNo}。内容审核通过后即转交办理，可在“我的—我反映的问题”中查看进度。`
          : `请记下受理编号 ${ticketNo}。可在“我的—我反映的问题”中查看进度、补充材料，部门答复后请对办理结果进行评价。`,
    createdAt: c.createdAt.toISOString(),
  };
}

async function create(actor: Actor, input: Input, { services, config }: ComplaintDeps, key: string | null, hash: string): Promise<ComplaintCreated> {
  const channel = actor.role === Roles.hotlineOperator ? "phone" : "miniapp";
  await checkDailyLimit(actor, config);
  const { item, departments, accusedDepartmentId } = await resolveIntakeFacts(input, services);
  if (!(await uploadRepository.allAttachable(input.evidence, actor.userId))) throw new AppError(400, "upload_not_usable");
  const decision = await services.routing.decide(
    { barrierType: input.barrierType, listScope: input.listScope, listItem: item, town: input.town, title: input.title, description: input.description, accusedDepartmentId },
    departments,
  );
  const review = await initialTextReview(actor, services, config);
  const routing = {
    ruleId: decision.ruleId,
    ruleName: decision.ruleName,
    explanation: decision.explanation,
    plainReason: decision.plainReason,
    departmentId: decision.department?._id ?? null,
    coDepartmentIds: decision.coDepartments.map((d) => d._id),
    hotline: decision.hotline,
  };
  const timeline: TimelineRecord[] = [
    timelineEntry({ action: "submit", actorId: actor.userId, actorRole: actor.role, from: null, to: "submitted", note: channel === "phone" ? "12345 热线电话登记" : null }),
    timelineEntry({ action: "route", actorId: null, actorRole: "system", from: "submitted", to: "submitted", note: decision.explanation, internal: true }),
    timelineEntry({ action: review.state === "pending" ? "hold" : "content_check", actorId: null, actorRole: "system", from: "submitted", to: "submitted", note: review.note, internal: true }),
  ];
  const held = review.state === "pending" || review.state === "review";
  const plan = held ? null : await dispatchPlan({ routing, status: "submitted", barrierType: input.barrierType }, services, SYSTEM);
  if (plan) timeline.push(plan.entry);
  const doc = complaintRepository.prepare({
    channel,
    ownerId: channel === "miniapp" ? actor.userId : null,
    operatorId: channel === "phone" ? actor.userId : null,
    barrierType: input.barrierType,
    title: input.title,
    description: input.description,
    listScope: input.listScope,
    listItemCode: item?.code ?? null,
    listItemName: item?.name ?? null,
    industry: item?.industry ?? null,
    accusedName: input.accusedName,
    accusedDepartmentId,
    business: input.business ? { name: input.business.name, creditCode: input.business.creditCode ?? null } : null,
    town: input.town,
    evidence: input.evidence,
    contact: input.contact,
    confidential: input.confidential,
    status: "submitted",
    routing,
    moderation: review.state,
    moderationNote: held ? review.note : null,
    timeline,
    ...(plan?.assigned ? { status: "assigned", departmentId: routing.departmentId, coDepartmentIds: routing.coDepartmentIds, assignedAt: new Date(), deadlines: { acceptBy: plan.set["deadlines.acceptBy"] as Date, replyBy: null } } : {}),
  });
  const byId = new Map([...departments.values()].map((d) => [d._id.toHexString(), d]));
  const body = await services.intake.submit({
    doc,
    day: cstDate(doc.createdAt).replace(/-/g, ""),
    idempotency: key ? { key, hash } : null,
    evidence: { ids: input.evidence, ownerId: actor.userId },
    workOrder: plan && needsWorkOrder(doc) ? (c) => workOrderPayload(c, byId) : null,
    event: plan?.assigned ? (c) => statusEvent(c, "submitted", "assign") : null,
    contentCheck: review.state === "pending",
    respond: (c) => createdBody(c.ticketNo, c, decision),
  });
  services.queue.nudge();
  return body;
}
