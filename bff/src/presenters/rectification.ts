import { RECTIFICATION_ACTION_LABELS, RECTIFICATION_STATUS_LABELS, isRectificationOverdue } from "@lushan/shared";
import type { z } from "zod";
import type { PublicRectification, RectificationListItem, RectificationView } from "@lushan/shared";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { RectificationRecord } from "../models/rectification/rectification.schema";
import { presentDepartmentSummary } from "./department";

type Departments = Map<string, DepartmentRecord>;
type Abilities = z.input<typeof RectificationListItem>["abilities"];

const HISTORY_LABELS: Record<string, string> = { ...RECTIFICATION_ACTION_LABELS, create: "立项", edit: "调整责任部门、责任人或期限" };

function departmentOf(t: RectificationRecord, departments: Departments) {
  const d = departments.get(t.departmentId.toHexString());
  return d ? presentDepartmentSummary(d) : { id: t.departmentId.toHexString(), code: "", name: "（已删除的部门）", shortName: "" };
}

/** Signed off after the deadline day. */
const closedLate = (t: RectificationRecord): boolean => Boolean(t.closedAt && t.closedAt.getTime() > t.deadline.getTime());

/** A task in the workbench list. */
export function presentRectificationListItem(t: RectificationRecord, departments: Departments, abilities: Abilities, now = new Date()): z.input<typeof RectificationListItem> {
  return {
    id: t._id.toHexString(),
    taskNo: t.taskNo,
    status: t.status,
    statusLabel: RECTIFICATION_STATUS_LABELS[t.status],
    origin: { kind: t.origin.kind, ref: t.origin.ref ?? null, caseId: t.origin.caseId ? t.origin.caseId.toHexString() : null, finding: t.origin.finding ?? null },
    problem: t.problem,
    department: departmentOf(t, departments),
    responsiblePerson: t.responsiblePerson,
    deadline: t.deadlineDate,
    overdue: isRectificationOverdue(t.status, t.deadline, now),
    closedLate: closedLate(t),
    closedAt: t.closedAt ? t.closedAt.toISOString() : null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    abilities,
  };
}

/** A task page in the workbench. */
export function presentRectification(t: RectificationRecord, departments: Departments, abilities: Abilities): z.input<typeof RectificationView> {
  return {
    ...presentRectificationListItem(t, departments, abilities),
    measures: t.measures ?? null,
    evidence: (t.evidence ?? []).map((e) => ({ at: e.at.toISOString(), text: e.text, url: e.url ?? null, by: e.byName ?? null })),
    publicSummary: t.publicSummary ?? null,
    signedOffBy: t.signedOffByName ?? null,
    history: (t.history ?? []).map((h) => ({
      at: h.at.toISOString(),
      action: h.action,
      label: HISTORY_LABELS[h.action] ?? h.action,
      actorRole: h.actorRole,
      actorName: h.actorName ?? null,
      from: h.from ?? null,
      to: h.to ?? null,
      note: h.note ?? null,
    })),
    version: t.version,
  };
}

/** A signed-off item on the public board: department, public summary, deadline and closing date only. */
export function presentPublicRectification(t: RectificationRecord, departments: Departments): z.input<typeof PublicRectification> {
  const d = departmentOf(t, departments);
  return {
    id: t._id.toHexString(),
    taskNo: t.taskNo,
    origin: t.origin.kind,
    department: { code: d.code, name: d.name, shortName: d.shortName },
    summary: t.publicSummary ?? "",
    deadline: t.deadlineDate,
    closedAt: t.closedAt!.toISOString(),
    onTime: !closedLate(t),
  };
}
