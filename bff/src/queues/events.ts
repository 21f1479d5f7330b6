import { Types, type ClientSession } from "mongoose";
import { enqueueMany } from "./task";
import { EVENT_DISPATCH_TASK } from "./taskNames";

/**
 * Domain events and their payloads. A module adds its events here; payloads carry ids and the
 * few facts processors need, never whole documents (they may change before processing).
 */
export interface EventMap {
  /** A list edition became the active one. */
  "list.edition_activated": { editionId: string; previousEditionId: string | null };
  /**
   * Anything the complainant or a department should hear about. `action` is the lifecycle action
   * (assign, accept, return, transfer, reply, supervise, escalate, merge, close, rate, supplement,
   * withdraw, reject_content), `reopen` (不满意 sent it back to the department), `overdue` or
   * `auto_close`; internal notes and evidence reviews emit nothing.
   */
  "complaint.status_changed": {
    complaintId: string;
    ticketNo: string;
    ownerId: string | null;
    followerIds: string[];
    departmentId: string | null;
    from: string;
    to: string;
    action: string;
    title: string;
  };
}

export interface EventMap {
  /** A post of the policy feed became public for the first time (re-publications emit nothing). */
  "policy.published": { postId: string; category: string; title: string };
}

export interface EventMap {
  /** A 12345 work order was dead-lettered after its last push attempt (administrators are alerted). */
  "hotline.work_order_dead": { ticketNo: string; title: string; attempts: number; lastError: string };
}

/** The facts every rectification-ledger notice needs (ids and a few words, never the whole task). */
export interface RectificationEventFacts {
  taskId: string;
  taskNo: string;
  /** The owner department (after the change). */
  departmentId: string;
  /** The problem, shortened for a notice. */
  problem: string;
  responsiblePerson: string;
  /** Deadline day (CST, YYYY-MM-DD). */
  deadlineDate: string;
}

export interface EventMap {
  /** The coordinator opened a rectification task (整改台账) for a department. */
  "rectification.opened": RectificationEventFacts;
  /** The coordinator changed a task's owner department, responsible person or deadline. */
  "rectification.reassigned": RectificationEventFacts & { previousDepartmentId: string | null; changes: string[]; note: string | null };
  /** The owner department asked for sign-off (申请销号). */
  "rectification.signoff_requested": RectificationEventFacts & { note: string | null };
  /** The coordinator sent a sign-off request back (退回重新整改) with a reason. */
  "rectification.returned": RectificationEventFacts & { reason: string };
  /** A task passed its deadline unsigned-off; `deadline` (ISO instant) names the overdue episode. */
  "rectification.overdue": RectificationEventFacts & { deadline: string };
}

export type EventName = keyof EventMap;

export interface DomainEvent<N extends EventName = EventName> {
  id: string;
  name: N;
  payload: EventMap[N];
  /** The user whose action caused the event, if any. */
  actorId: string | null;
  at: string;
}

/**
 * Records events in the caller's transaction; the worker fans each out to its processors.
 * @param events the events to emit.
 * @param session the transaction of the state change that caused them.
 * @returns the stored events.
 */
export async function emitEvents<N extends EventName>(
  events: { name: N; payload: EventMap[N]; actorId?: string | null }[],
  session?: ClientSession,
): Promise<DomainEvent<N>[]> {
  const at = new Date();
  const stored = events.map((e) => ({
    id: new Types.ObjectId().toHexString(),
    name: e.name,
    payload: e.payload,
    actorId: e.actorId ?? null,
    at: at.toISOString(),
  }));
  await enqueueMany(
    stored.map((event) => ({
      type: EVENT_DISPATCH_TASK,
      payload: event,
      runAt: at,
      maxAttempts: 10,
      dedupeKey: `event:${event.id}`,
    })),
    session,
  );
  return stored;
}
