import type { Role } from "../roles";

/**
 * Complaint statuses (12345 closed loop: 受理 → 派单 → 办理 → 答复 → 回访/评价 → 办结).
 * Content review and delivery to 12345 are tracked apart from the status.
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

/** The status in at most 5 characters (WeChat subscribe messages' `phrase` fields). */
export const STATUS_PHRASES: Record<ComplaintStatus, string> = {
  submitted: "已提交",
  assigned: "已派单",
  accepted: "办理中",
  returned: "待改派",
  replied: "已答复",
  closed: "已办结",
  merged: "已并单",
};

export const OPEN_STATUSES: readonly ComplaintStatus[] = ["submitted", "assigned", "accepted", "returned", "replied"];
/** Statuses from which nothing but a note or an evidence review may follow. */
export const FINAL_STATUSES: readonly ComplaintStatus[] = ["closed", "merged"];

/** Who an actor is with respect to one complaint. */
export type Relation =
  /** The complainant (or the complainant of a duplicate merged into this one). */
  | "owner"
  /** Staff of the department the complaint is assigned to. */
  | "handling_department"
  /** Staff of a co-handling department (read and add notes). */
  | "co_department"
  /** The 发改 coordinator (sees every department). */
  | "coordinator"
  /** A 12345 operator, for complaints filed by phone or routed to 12345. */
  | "hotline"
  | "admin"
  /** Anyone else: the complaint does not exist for them. */
  | "other";

export const RELATIONS: readonly Relation[] = ["owner", "handling_department", "co_department", "coordinator", "hotline", "admin", "other"];

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
  "review_evidence",
  "comment",
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** Actions the complainant takes through the complainant API (not the staff workbench). */
export const COMPLAINANT_ACTIONS: readonly ComplaintAction[] = ["rate", "supplement", "withdraw"];

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
  review_evidence: "审核证据图片",
  comment: "内部备注",
};

/** One way an action may be taken: from these statuses, by these relations. */
export interface TransitionRule {
  from: readonly ComplaintStatus[];
  by: readonly Relation[];
}

export interface Transition {
  rules: readonly TransitionRule[];
  /** The new status, or `same` for actions that only add to the record. */
  to: ComplaintStatus | "same";
  /** The action needs a note (a reason or an answer). */
  noteRequired: boolean;
}

const HANDLING: readonly Relation[] = ["handling_department"];
const COORDINATION: readonly Relation[] = ["coordinator", "admin"];
const NOT_FINAL: readonly ComplaintStatus[] = OPEN_STATUSES;

/**
 * The state machine: which action may move a complaint from which status, and who may take it.
 * `rate` with 不满意 reopens to `accepted` instead of closing (see `nextStatusForRating`).
 * 12345 operators dispatch complaints waiting for a department (their in-product queue) but
 * re-dispatching a returned complaint is the coordinator's decision.
 */
export const TRANSITIONS: Record<ComplaintAction, Transition> = {
  assign: {
    rules: [
      { from: ["submitted", "returned"], by: COORDINATION },
      { from: ["submitted"], by: ["hotline"] },
    ],
    to: "assigned",
    noteRequired: false,
  },
  accept: { rules: [{ from: ["assigned"], by: HANDLING }], to: "accepted", noteRequired: false },
  return: { rules: [{ from: ["assigned", "accepted"], by: HANDLING }], to: "returned", noteRequired: true },
  transfer: { rules: [{ from: ["assigned", "accepted", "returned"], by: COORDINATION }], to: "assigned", noteRequired: true },
  reply: { rules: [{ from: ["accepted"], by: HANDLING }], to: "replied", noteRequired: true },
  supervise: { rules: [{ from: ["assigned", "accepted", "returned"], by: COORDINATION }], to: "same", noteRequired: true },
  escalate: { rules: [{ from: NOT_FINAL, by: COORDINATION }], to: "same", noteRequired: true },
  merge: { rules: [{ from: ["submitted", "assigned", "accepted", "returned"], by: COORDINATION }], to: "merged", noteRequired: false },
  close: { rules: [{ from: ["replied"], by: [...COORDINATION, "hotline"] }], to: "closed", noteRequired: true },
  rate: { rules: [{ from: ["replied"], by: ["owner"] }], to: "closed", noteRequired: false },
  supplement: { rules: [{ from: NOT_FINAL, by: ["owner"] }], to: "same", noteRequired: true },
  withdraw: { rules: [{ from: ["submitted", "assigned"], by: ["owner"] }], to: "closed", noteRequired: false },
  approve_content: { rules: [{ from: ["submitted"], by: COORDINATION }], to: "same", noteRequired: false },
  reject_content: { rules: [{ from: ["submitted"], by: COORDINATION }], to: "closed", noteRequired: true },
  review_evidence: { rules: [{ from: [...NOT_FINAL, "closed"], by: COORDINATION }], to: "same", noteRequired: false },
  comment: {
    rules: [{ from: [...NOT_FINAL, "closed"], by: [...COORDINATION, "handling_department", "co_department", "hotline"] }],
    to: "same",
    noteRequired: true,
  },
};

/** Satisfaction ratings (回访评价). */
export const RATINGS = ["satisfied", "basically_satisfied", "unsatisfied"] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: "满意", basically_satisfied: "基本满意", unsatisfied: "不满意" };

/**
 * Where a rating leads: 不满意 sends the complaint back to the department (重办), the others close it.
 * @param rating the complainant's rating.
 * @returns the next status.
 */
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
  return TRANSITIONS[action].rules.some((r) => r.from.includes(status) && r.by.includes(relation));
}

/**
 * Whether a relation may ever take an action (in some status). Separates "not yours to do" (403)
 * from "not now" (409).
 * @param action the action.
 * @param relation who asks.
 * @returns true when some status allows it.
 */
export function mayTake(action: ComplaintAction, relation: Relation): boolean {
  return TRANSITIONS[action].rules.some((r) => r.by.includes(relation));
}

/**
 * The status after an action (for `rate`, the status after a satisfied rating).
 * @param action the action.
 * @param status the status before.
 * @returns the status after.
 */
export function statusAfter(action: ComplaintAction, status: ComplaintStatus): ComplaintStatus {
  const to = TRANSITIONS[action].to;
  return to === "same" ? status : to;
}

/**
 * Every action a relation may take now.
 * @param status the complaint's status.
 * @param relation who asks.
 * @returns the allowed actions, in workflow order.
 */
export function availableActions(status: ComplaintStatus, relation: Relation): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => canTransition(a, status, relation));
}

/**
 * The relation of a staff role with no department link to the complaint.
 * @param role the role.
 * @returns coordinator, admin, hotline or other.
 */
export function staffRelation(role: Role): Relation {
  if (role === "coordinator") return "coordinator";
  if (role === "admin") return "admin";
  if (role === "hotline_operator") return "hotline";
  return "other";
}
