import {
  ACTION_LABELS,
  TRANSITIONS,
  type ComplaintAction,
} from "@lushan/shared/complaints/lifecycle";
import type { ComplaintActionRequest } from "@/services/complaints";

/** Staff actions taken from the workbench (the complainant's own ones are not among them). */
export type StaffAction = Exclude<ComplaintAction, "rate" | "supplement" | "withdraw">;

/** What the action form holds while staff fill it in. */
export interface ActionDraft {
  note: string;
  department: string | null;
  coDepartments: string[];
  complex: boolean;
  into: string;
  rating: "satisfied" | "basically_satisfied" | "unsatisfied" | null;
  upload: string | null;
  verdict: "cleared" | "rejected" | null;
}

export const EMPTY_ACTION_DRAFT: ActionDraft = {
  note: "",
  department: null,
  coDepartments: [],
  complex: false,
  into: "",
  rating: null,
  upload: null,
  verdict: null,
};

/** Which fields each action's form shows. */
export interface ActionFields {
  /** The note's label; what the note means for this action. */
  noteLabel: string;
  noteRequired: boolean;
  department: "required" | "optional" | null;
  complex: boolean;
  into: boolean;
  rating: boolean;
  evidence: boolean;
  /** Primary button style for the main forward step, danger for refusing or closing. */
  tone: "primary" | "default" | "danger";
}

const NOTE_LABELS: Partial<Record<StaffAction, string>> = {
  reply: "答复内容（投诉人可以看到）",
  return: "退单原因",
  transfer: "改派原因",
  supervise: "督办意见",
  escalate: "上报说明",
  close: "回访情况",
  reject_content: "不通过的原因",
  comment: "内部备注（投诉人看不到）",
};

/**
 * The fields an action's form needs, from the lifecycle's own rules.
 * @param action the action.
 * @returns the fields.
 */
export function actionFields(action: StaffAction): ActionFields {
  return {
    noteLabel: NOTE_LABELS[action] ?? "说明（可不填）",
    noteRequired: TRANSITIONS[action].noteRequired,
    department:
      action === "assign" || action === "transfer"
        ? "required"
        : action === "return"
          ? "optional"
          : null,
    complex: action === "accept",
    into: action === "merge",
    rating: action === "close",
    evidence: action === "review_evidence",
    tone:
      action === "return" || action === "reject_content"
        ? "danger"
        : action === "comment"
          ? "default"
          : "primary",
  };
}

/** The button text of an action. */
export function actionLabel(action: StaffAction): string {
  return ACTION_LABELS[action];
}

/** Whether an action is one the workbench offers (the complainant's are not). */
export function isStaffAction(action: ComplaintAction): action is StaffAction {
  return action !== "rate" && action !== "supplement" && action !== "withdraw";
}

/** Form errors by field. */
export type ActionErrors = Partial<
  Record<"note" | "department" | "into" | "upload" | "verdict", string>
>;

const TICKET = /^LS\d{12,14}$/;

/**
 * Checks the form and builds the request body the contract takes.
 * @param action the action.
 * @param draft what was filled in.
 * @param ticketNo the complaint acted on (a merge cannot target itself).
 * @returns the body, or the errors to show.
 */
export function buildActionBody(
  action: StaffAction,
  draft: ActionDraft,
  ticketNo: string,
): { body: ComplaintActionRequest } | { errors: ActionErrors } {
  const fields = actionFields(action);
  const note = draft.note.trim();
  const errors: ActionErrors = {};
  if (fields.noteRequired && !note)
    errors.note = `请填写${fields.noteLabel.replace(/（.*）$/, "")}`;
  if (note.length > 1000) errors.note = "说明不能超过 1000 个字";
  if (fields.department === "required" && !draft.department) errors.department = "请选择承办部门";
  const into = draft.into.trim().toUpperCase();
  if (fields.into) {
    if (!TICKET.test(into)) errors.into = "请填写正确的受理编号，如 LS202611240001";
    else if (into === ticketNo) errors.into = "不能并入本件";
  }
  if (fields.evidence) {
    if (!draft.upload) errors.upload = "请选择要审核的图片";
    if (!draft.verdict) errors.verdict = "请选择审核结论";
  }
  if (Object.keys(errors).length > 0) return { errors };

  const optionalNote = note ? { note } : {};
  switch (action) {
    case "assign":
      return {
        body: {
          action,
          department: draft.department!,
          coDepartments: draft.coDepartments,
          ...optionalNote,
        },
      };
    case "transfer":
      return {
        body: { action, department: draft.department!, coDepartments: draft.coDepartments, note },
      };
    case "accept":
      return { body: { action, complex: draft.complex, ...optionalNote } };
    case "return":
      return {
        body: {
          action,
          note,
          ...(draft.department ? { suggestedDepartment: draft.department } : {}),
        },
      };
    case "merge":
      return { body: { action, into, ...optionalNote } };
    case "close":
      return { body: { action, note, ...(draft.rating ? { rating: draft.rating } : {}) } };
    case "approve_content":
      return { body: { action, ...optionalNote } };
    case "review_evidence":
      return { body: { action, upload: draft.upload!, verdict: draft.verdict!, ...optionalNote } };
    case "reply":
    case "supervise":
    case "escalate":
    case "reject_content":
    case "comment":
      return { body: { action, note } };
  }
}
