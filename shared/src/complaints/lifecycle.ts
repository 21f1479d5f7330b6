import type { Role } from "../roles";

/**
 * Complaint statuses (12345 closed loop: 受理 → 派单 → 办理 → 答复 → 回访/评价 → 办结).
 * Moderation (content review) and delivery (12345 work order) are tracked apart from the status.
 */
export const COMPLAINT_STATUSES = ["submitted", "assigned", "accepted", "returned", "replied", "closed", "merged"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const STATUS_LABELS: Record<ComplaintStatus, string> = {
  submitted: "已提交",
  assigned: "已派单",
  accepted: "办理中",
  returned: "已退回待改派",
  replied: "已答复待评价",
  closed: "已办结",
  merged: "已并单",
};

export const OPEN_STATUSES: readonly ComplaintStatus[] = ["submitted", "assigned", "accepted", "returned", "replied"];

/** Who an actor is with respect to one complaint. */
export type Relation =
  /** The complainant. */
  | "owner"
  /** Staff of the department the complaint is assigned to. */
  | "handling_department"
  /** Staff of a co-handling department (read and comment only). */
  | "co_department"
  | "coordinator"
  | "hotline"
  | "admin"
  | "other";

export const COMPLAINT_ACTIONS = [
  "assign",
  "accept",
  "return",
  "transfer",
  "reply",
  "supervise",
  "escalate",
  "merge",
  "close",
  "rate",
  "supplement",
  "withdraw",
  "approve_content",
  "reject_content",
  "comment",
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const ACTION_LABELS: Record<ComplaintAction, string> = {
  assign: "派单",
  accept: "受理",
  return: "退单",
  transfer: "改派",
  reply: "答复",
  supervise: "督办",
  escalate: "上报市政府",
  merge: "并单",
  close: "回访办结",
  rate: "评价",
  supplement: "补充材料",
  withdraw: "撤回",
  approve_content: "内容审核通过",
  reject_content: "内容审核不通过",
  comment: "内部备注",
};

export interface Transition {
  from: readonly ComplaintStatus[];
  /** The new status, or `same` for actions that only add to the record. */
  to: ComplaintStatus | "same";
  /** Relations allowed to take the action. */
  by: readonly Relation[];
  /** The action needs a note (a reason or an answer). */
  noteRequired: boolean;
}

const STAFF_HANDLING: readonly Relation[] = ["handling_department"];
const COORDINATION: readonly Relation[] = ["coordinator", "admin"];

/**
 * The state machine: which action may move a complaint from which status, and who may take it.
 * `rate` with 不满意 reopens to `accepted` (handled by the server, see `nextStatusForRating`).
 */
export const TRANSITIONS: Record<ComplaintAction, Transition> = {
  assign: { from: ["submitted", "returned"], to: "assigned", by: [...COORDINATION, "hotline"], noteRequired: false },
  accept: { from: ["assigned"], to: "accepted", by: STAFF_HANDLING, noteRequired: false },
  return: { from: ["assigned", "accepted"], to: "returned", by: STAFF_HANDLING, noteRequired: true },
  transfer: { from: ["assigned", "accepted", "returned"], to: "assigned", by: COORDINATION, noteRequired: true },
  reply: { from: ["accepted"], to: "replied", by: STAFF_HANDLING, noteRequired: true },
  supervise: { from: ["assigned", "accepted", "returned"], to: "same", by: COORDINATION, noteRequired: true },
  escalate: { from: ["submitted", "assigned", "accepted", "returned", "replied"], to: "same", by: COORDINATION, noteRequired: true },
  merge: { from: ["submitted", "assigned", "accepted", "returned"], to: "merged", by: COORDINATION, noteRequired: false },
  close: { from: ["replied"], to: "closed", by: [...COORDINATION, "hotline"], noteRequired: true },
  rate: { from: ["replied"], to: "closed", by: ["owner"], noteRequired: false },
  supplement: { from: ["submitted", "assigned", "accepted", "returned", "replied"], to: "same", by: ["owner"], noteRequired: true },
  withdraw: { from: ["submitted", "assigned"], to: "closed", by: ["owner"], noteRequired: false },
  approve_content: { from: ["submitted"], to: "same", by: COORDINATION, noteRequired: false },
  reject_content: { from: ["submitted"], to: "closed", by: COORDINATION, noteRequired: true },
  comment: { from: ["submitted", "assigned", "accepted", "returned", "replied", "closed"], to: "same", by: [...COORDINATION, "handling_department", "co_department", "hotline"], noteRequired: true },
};

/** Satisfaction ratings (回访评价). */
export const RATINGS = ["satisfied", "basically_satisfied", "unsatisfied"] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: "满意", basically_satisfied: "基本满意", unsatisfied: "不满意" };

/** 不满意 sends the complaint back to the department (重办); the others close it. */
export function nextStatusForRating(rating: Rating): ComplaintStatus {
  return rating === "unsatisfied" ? "accepted" : "closed";
}

/**
 * Whether a relation may take an action on a complaint in a status.
 * @param action the action.
 * @param status the complaint's status.
 * @param relation who asks, relative to the complaint.
 * @returns true when the transition is allowed.
 */
export function canTransition(action: ComplaintAction, status: ComplaintStatus, relation: Relation): boolean {
  const t = TRANSITIONS[action];
  return t.from.includes(status) && t.by.includes(relation);
}

/** Every action a relation may take now. */
export function availableActions(status: ComplaintStatus, relation: Relation): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => canTransition(a, status, relation));
}

/** The relation of a staff role with no department link to the complaint. */
export function staffRelation(role: Role): Relation {
  if (role === "coordinator") return "coordinator";
  if (role === "admin") return "admin";
  if (role === "hotline_operator") return "hotline";
  return "other";
}
