import { ACTION_LABELS, COMPLAINANT_ACTIONS, STATUS_LABELS, canTransition, mayTake, type Relation } from "@lushan/shared";
import { withTransaction } from "../db/transaction";
import { AuthorizationError, ConflictError, IdempotencyKeyReusedError, InvalidTransitionError, NotFoundError } from "../errors";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { complaintPolicy, relationOf } from "../policies/complaint";
import { emitEvents } from "../queues/events";
import type { Actor } from "../types";
import { planAction, type TransitionInput } from "../complaints/actionPlans";
import { statusEvent, timelineEntry } from "../complaints/dispatcher";
import type { ComplaintDeps } from "./complaintCreator";

export type { TransitionInput } from "../complaints/actionPlans";

/**
 * Loads a complaint the actor may see; anyone else gets 404, so ticket numbers cannot be probed.
 * @param actor the caller.
 * @param ticketNo the ticket number.
 * @returns the complaint and the caller's relation to it.
 */
export async function loadVisibleComplaint(actor: Actor, ticketNo: string): Promise<{ complaint: ComplaintRecord; relation: Relation }> {
  const complaint = await complaintRepository.findByTicketNo(ticketNo);
  if (!complaint) throw NotFoundError("没有找到该投诉");
  complaintPolicy.authorize(actor, "read", complaint, { hide: true });
  return { complaint, relation: relationOf(actor, complaint) };
}

/**
 * Whether the actor may take the action now: not theirs to take at all is 403, not in this
 * status is 409. The complainant's own actions belong to the complainant alone (not to the
 * followers of a merged duplicate).
 */
function authorizeAction(actor: Actor, c: ComplaintRecord, relation: Relation, action: TransitionInput["action"]): void {
  const label = ACTION_LABELS[action];
  if (!mayTake(action, relation)) throw AuthorizationError(`您不能对该投诉执行“${label}”`);
  if (COMPLAINANT_ACTIONS.includes(action) && !c.ownerId?.equals(actor.userId)) {
    throw AuthorizationError(`只有投诉人本人可以${label}；并入的重复诉求请在原编号下跟踪`);
  }
  if (!canTransition(action, c.status, relation)) throw InvalidTransitionError(`当前状态为“${STATUS_LABELS[c.status]}”，不能执行“${label}”`);
}

/** A supplement sent again with the same Idempotency-Key: the first one stands. */
function replayedSupplement(c: ComplaintRecord, input: TransitionInput): boolean {
  if (input.action !== "supplement" || !input.idempotencyKey) return false;
  const previous = c.supplements.find((s) => s.key === input.idempotencyKey);
  if (!previous) return false;
  if (previous.text !== input.text || previous.evidence.join() !== input.evidence.join()) throw IdempotencyKeyReusedError();
  return true;
}

/**
 * Applies one lifecycle action: checks the state machine and the actor's relation, then in one
 * transaction changes the complaint (refusing a stale write by version), appends an immutable
 * timeline entry (actor, role, time, note), runs the action's further writes (12345 work order,
 * merge target, uploads, content check) and records the event notices are made from.
 * @param actor who acts.
 * @param ticketNo the complaint.
 * @param input the action and its arguments.
 * @param deps services and configuration.
 * @returns the complaint after the action.
 */
export async function complaintTransitioner(actor: Actor, ticketNo: string, input: TransitionInput, deps: ComplaintDeps): Promise<ComplaintRecord> {
  const { complaint: c, relation } = await loadVisibleComplaint(actor, ticketNo);
  if (replayedSupplement(c, input)) return c;
  authorizeAction(actor, c, relation, input.action);
  const departments = await deps.services.list.departmentsByCode();
  const plan = await planAction({ actor, c, services: deps.services, config: deps.config, now: new Date(), departments }, input);
  const entry = timelineEntry({
    action: input.action,
    actorId: actor.userId,
    actorRole: actor.role,
    departmentId: actor.departmentId,
    from: c.status,
    to: plan.to,
    note: plan.note,
    internal: plan.internal,
  });
  const after = await withTransaction(async (session) => {
    let updated = await complaintRepository.update(
      c,
      {
        $set: { ...plan.set, status: plan.to },
        $push: { ...(plan.push ?? {}), timeline: entry },
        ...(plan.addToSet ? { $addToSet: plan.addToSet } : {}),
      },
      session,
    );
    if (!updated) throw ConflictError("投诉刚被他人处理，请刷新后重试");
    for (const step of plan.steps) updated = (await step(session, updated)) ?? updated;
    if (plan.event) {
      await emitEvents([{ name: "complaint.status_changed", payload: statusEvent(updated, c.status, plan.event), actorId: actor.userId.toHexString() }], session);
    }
    return updated;
  });
  deps.services.queue.nudge();
  return after;
}
