/**
 * Rectification ledger (整改台账, 逐项销号). A task names a problem, the owner department, a
 * responsible person and a deadline. The department starts work (measures), adds evidence and
 * asks for sign-off; the 发改 coordinator confirms (销号) or sends it back.
 *
 *   open ──start──▶ rectifying ──request_signoff──▶ pending_signoff ──confirm──▶ done
 *                        ▲                                 │
 *                        └──────────── reject ─────────────┘
 */
export const RECTIFICATION_STATUSES = ["open", "rectifying", "pending_signoff", "done"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  open: "待整改",
  rectifying: "整改中",
  pending_signoff: "待销号确认",
  done: "已销号",
};

/** Where a task comes from. */
export const RECTIFICATION_ORIGINS = ["complaint", "case", "evaluation"] as const;
export type RectificationOrigin = (typeof RECTIFICATION_ORIGINS)[number];
export const RECTIFICATION_ORIGIN_LABELS: Record<RectificationOrigin, string> = {
  complaint: "投诉办理",
  case: "典型案例",
  evaluation: "效能评估发现",
};

export const RECTIFICATION_ACTIONS = ["start", "progress", "request_signoff", "confirm", "reject", "comment"] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

export const RECTIFICATION_ACTION_LABELS: Record<RectificationAction, string> = {
  start: "开始整改",
  progress: "更新整改措施或佐证",
  request_signoff: "申请销号",
  confirm: "确认销号",
  reject: "退回重新整改",
  comment: "备注",
};

/** Who acts on a task: its owner department's staff, or the coordinator (and administrators). */
export type RectificationRelation = "owner_department" | "coordinator" | "other";

export interface RectificationTransition {
  from: readonly RectificationStatus[];
  by: readonly RectificationRelation[];
  to: RectificationStatus | "same";
}

const OPEN: readonly RectificationStatus[] = ["open", "rectifying", "pending_signoff"];

export const RECTIFICATION_TRANSITIONS: Record<RectificationAction, RectificationTransition> = {
  start: { from: ["open"], by: ["owner_department"], to: "rectifying" },
  progress: { from: ["rectifying"], by: ["owner_department"], to: "same" },
  request_signoff: { from: ["rectifying"], by: ["owner_department"], to: "pending_signoff" },
  confirm: { from: ["pending_signoff"], by: ["coordinator"], to: "done" },
  reject: { from: ["pending_signoff"], by: ["coordinator"], to: "rectifying" },
  comment: { from: [...OPEN, "done"], by: ["owner_department", "coordinator"], to: "same" },
};

/**
 * Whether a relation may take an action on a task in a status.
 * @param action the action.
 * @param status the task's status.
 * @param relation who asks.
 * @returns true when allowed.
 */
export function canRectificationTransition(action: RectificationAction, status: RectificationStatus, relation: RectificationRelation): boolean {
  const t = RECTIFICATION_TRANSITIONS[action];
  return t.from.includes(status) && t.by.includes(relation);
}

/**
 * Whether a relation may ever take an action (403 "not yours" versus 409 "not now").
 * @param action the action.
 * @param relation who asks.
 * @returns true when some status allows it.
 */
export function mayTakeRectification(action: RectificationAction, relation: RectificationRelation): boolean {
  return RECTIFICATION_TRANSITIONS[action].by.includes(relation);
}

/**
 * The status after an action.
 * @param action the action.
 * @param status before.
 * @returns after.
 */
export function rectificationStatusAfter(action: RectificationAction, status: RectificationStatus): RectificationStatus {
  const to = RECTIFICATION_TRANSITIONS[action].to;
  return to === "same" ? status : to;
}

/**
 * Every action a relation may take now, in workflow order.
 * @param status the task's status.
 * @param relation who asks.
 * @returns the allowed actions.
 */
export function availableRectificationActions(status: RectificationStatus, relation: RectificationRelation): RectificationAction[] {
  return RECTIFICATION_ACTIONS.filter((a) => canRectificationTransition(a, status, relation));
}

/**
 * Whether a task is overdue: not signed off and its deadline (end of that CST day) has passed.
 * @param status the task's status.
 * @param deadline the deadline instant (end of the deadline day).
 * @param now the current time.
 * @returns true when overdue.
 */
export function isRectificationOverdue(status: RectificationStatus, deadline: Date, now: Date): boolean {
  return status !== "done" && deadline.getTime() < now.getTime();
}
