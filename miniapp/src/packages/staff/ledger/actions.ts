import {
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_ACTIONS,
  type RectificationAction,
  type RectificationStatus,
} from "@lushan/shared/ledger/lifecycle";
import type { RectificationView } from "@lushan/shared/schemas/ledger";
import type { TagTone } from "@/components/tag";
import type {
  RectificationActionRequest,
  RectificationCreateRequest,
  RectificationUpdateRequest,
} from "@/services/ledger";

/** Colour of each task status. */
export const RECTIFICATION_STATUS_TONES: Record<RectificationStatus, TagTone> = {
  open: "danger",
  rectifying: "warning",
  pending_signoff: "primary",
  done: "success",
};

/** What the action form holds. */
export interface ActionForm {
  measures: string;
  evidenceText: string;
  evidenceUrl: string;
  publicSummary: string;
  note: string;
}

export const EMPTY_ACTION_FORM: ActionForm = {
  measures: "",
  evidenceText: "",
  evidenceUrl: "",
  publicSummary: "",
  note: "",
};

/** Which inputs an action shows, and which of them are required. */
export interface ActionInputs {
  measures: "required" | "optional" | null;
  evidence: "optional" | null;
  publicSummary: boolean;
  note: "required" | "optional";
  noteLabel: string;
  tone: "primary" | "default" | "danger";
}

/**
 * The actions the caller may take now, in workflow order (from the task's abilities).
 * @param abilities the task's abilities.
 * @returns the actions.
 */
export function allowedActions(abilities: RectificationView["abilities"]): RectificationAction[] {
  return RECTIFICATION_ACTIONS.filter((a) => abilities[a]);
}

/**
 * The inputs of an action's form.
 * @param action the action.
 * @returns the inputs.
 */
export function actionInputs(action: RectificationAction): ActionInputs {
  switch (action) {
    case "start":
      return {
        measures: "required",
        evidence: null,
        publicSummary: false,
        note: "optional",
        noteLabel: "说明（可不填）",
        tone: "primary",
      };
    case "progress":
      return {
        measures: "optional",
        evidence: "optional",
        publicSummary: false,
        note: "optional",
        noteLabel: "说明（可不填）",
        tone: "primary",
      };
    case "request_signoff":
      return {
        measures: null,
        evidence: "optional",
        publicSummary: false,
        note: "optional",
        noteLabel: "整改完成情况说明（可不填）",
        tone: "primary",
      };
    case "confirm":
      return {
        measures: null,
        evidence: null,
        publicSummary: true,
        note: "optional",
        noteLabel: "销号意见（可不填）",
        tone: "primary",
      };
    case "reject":
      return {
        measures: null,
        evidence: null,
        publicSummary: false,
        note: "required",
        noteLabel: "退回原因",
        tone: "danger",
      };
    case "comment":
      return {
        measures: null,
        evidence: null,
        publicSummary: false,
        note: "required",
        noteLabel: "备注",
        tone: "default",
      };
  }
}

/** The action's button text. */
export function actionLabel(action: RectificationAction): string {
  return action === "confirm" ? "确认销号" : RECTIFICATION_ACTION_LABELS[action];
}

const HTTPS = /^https:\/\/\S+$/;

/**
 * Builds the request for an action, or says what is missing.
 * @param action the action.
 * @param form what was typed.
 * @param version the task's version (sent so a stale page gets a 409).
 * @returns `{ body }` to send, or `{ errors }` keyed by form field.
 */
export function actionRequest(
  action: RectificationAction,
  form: ActionForm,
  version: number,
): { body: RectificationActionRequest } | { errors: Partial<Record<keyof ActionForm, string>> } {
  const inputs = actionInputs(action);
  const errors: Partial<Record<keyof ActionForm, string>> = {};
  const measures = form.measures.trim();
  const note = form.note.trim();
  const evidenceText = form.evidenceText.trim();
  const evidenceUrl = form.evidenceUrl.trim();
  const publicSummary = form.publicSummary.trim();
  if (inputs.measures === "required" && !measures) errors.measures = "请填写整改措施";
  if (inputs.note === "required" && !note) errors.note = `请填写${inputs.noteLabel}`;
  if (inputs.publicSummary && !publicSummary) errors.publicSummary = "请填写公示说明";
  if (evidenceUrl && !HTTPS.test(evidenceUrl)) errors.evidenceUrl = "链接必须是 https 地址";
  if (evidenceUrl && !evidenceText) errors.evidenceText = "请说明这份佐证材料是什么";
  if (action === "progress" && !measures && !evidenceText && !evidenceUrl && !note)
    errors.measures = "请填写新的整改措施或佐证材料";
  if (Object.keys(errors).length > 0) return { errors };
  const evidence = evidenceText ? [{ text: evidenceText, url: evidenceUrl || null }] : [];
  const withNote = note ? { note } : {};
  switch (action) {
    case "start":
      return { body: { action, measures, ...withNote, expectedVersion: version } };
    case "progress":
      return {
        body: {
          action,
          ...(measures ? { measures } : {}),
          evidence,
          ...withNote,
          expectedVersion: version,
        },
      };
    case "request_signoff":
      return { body: { action, evidence, ...withNote, expectedVersion: version } };
    case "confirm":
      return { body: { action, publicSummary, ...withNote, expectedVersion: version } };
    case "reject":
      return { body: { action, note, expectedVersion: version } };
    case "comment":
      return { body: { action, note, expectedVersion: version } };
  }
}

/** The coordinator's new-task form. */
export interface CreateForm {
  origin: "complaint" | "case" | "evaluation";
  ticketNo: string;
  caseId: string | null;
  finding: string;
  problem: string;
  department: string | null;
  responsiblePerson: string;
  deadline: string;
  measures: string;
}

export const EMPTY_CREATE_FORM: CreateForm = {
  origin: "complaint",
  ticketNo: "",
  caseId: null,
  finding: "",
  problem: "",
  department: null,
  responsiblePerson: "",
  deadline: "",
  measures: "",
};

/**
 * Builds the create request, or says what is missing.
 * @param f the form.
 * @param today today's date (CST) — a deadline must not be in the past.
 * @returns `{ body }` or `{ errors }`.
 */
export function createRequest(
  f: CreateForm,
  today: string,
): { body: RectificationCreateRequest } | { errors: Partial<Record<keyof CreateForm, string>> } {
  const errors: Partial<Record<keyof CreateForm, string>> = {};
  if (f.origin === "complaint" && !f.ticketNo.trim()) errors.ticketNo = "请填写来源投诉编号";
  if (f.origin === "case" && !f.caseId) errors.caseId = "请选择来源典型案例";
  if (f.origin === "evaluation" && !f.finding.trim()) errors.finding = "请填写效能评估发现的问题";
  if (!f.problem.trim()) errors.problem = "请填写问题描述";
  if (!f.department) errors.department = "请选择责任部门";
  if (!f.responsiblePerson.trim()) errors.responsiblePerson = "请填写责任人";
  else if (f.responsiblePerson.trim().length > 20)
    errors.responsiblePerson = "责任人不能超过 20 个字";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadline)) errors.deadline = "请选择整改期限";
  else if (f.deadline < today) errors.deadline = "整改期限不能早于今天";
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      origin: f.origin,
      ...(f.origin === "complaint" ? { ticketNo: f.ticketNo.trim().toUpperCase() } : {}),
      ...(f.origin === "case" && f.caseId ? { caseId: f.caseId } : {}),
      ...(f.origin === "evaluation" ? { finding: f.finding.trim() } : {}),
      problem: f.problem.trim(),
      department: f.department as string,
      responsiblePerson: f.responsiblePerson.trim(),
      deadline: f.deadline,
      ...(f.measures.trim() ? { measures: f.measures.trim() } : {}),
    },
  };
}

/** The coordinator's change of owner, person, deadline or problem. */
export interface EditForm {
  problem: string;
  department: string | null;
  responsiblePerson: string;
  deadline: string;
  note: string;
}

/**
 * The edit form for a task.
 * @param t the task.
 * @returns the form.
 */
export function editFormFor(t: RectificationView): EditForm {
  return {
    problem: t.problem,
    department: t.department.code,
    responsiblePerson: t.responsiblePerson,
    deadline: t.deadline,
    note: "",
  };
}

/**
 * The update body with only the changed fields.
 * @param f the edit form.
 * @param t the task as loaded.
 * @returns the body, or null when nothing changed.
 */
export function updateRequest(
  f: EditForm,
  t: RectificationView,
): RectificationUpdateRequest | null {
  const body: RectificationUpdateRequest = { expectedVersion: t.version };
  let changed = false;
  if (f.problem.trim() && f.problem.trim() !== t.problem) {
    body.problem = f.problem.trim();
    changed = true;
  }
  if (f.department && f.department !== t.department.code) {
    body.department = f.department;
    changed = true;
  }
  if (f.responsiblePerson.trim() && f.responsiblePerson.trim() !== t.responsiblePerson) {
    body.responsiblePerson = f.responsiblePerson.trim();
    changed = true;
  }
  if (f.deadline && f.deadline !== t.deadline) {
    body.deadline = f.deadline;
    changed = true;
  }
  if (!changed) return null;
  if (f.note.trim()) body.note = f.note.trim();
  return body;
}

/**
 * How a deadline reads: days left, due today, or days overdue.
 * @param deadline `YYYY-MM-DD` (CST).
 * @param today `YYYY-MM-DD` (CST).
 * @param done whether the task is signed off.
 * @returns e.g. 剩 3 天, 今天到期, 已逾期 2 天; empty once done.
 */
export function deadlineText(deadline: string, today: string, done: boolean): string {
  if (done) return "";
  const days = Math.round(
    (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  if (Number.isNaN(days)) return "";
  if (days > 0) return `剩 ${days} 天`;
  if (days === 0) return "今天到期";
  return `已逾期 ${-days} 天`;
}
