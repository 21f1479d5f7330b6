import { BARRIER_TYPES, CASE_ACTION_LABELS, CASE_STATUS_LABELS, type AnonymityCheck, type CaseDetail, type CaseSummary, type StaffCaseView } from "@lushan/shared";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { TypicalCaseRecord } from "../models/typicalCase/typicalCase.schema";
import { presentDepartmentSummary } from "./department";

type Departments = Map<string, DepartmentRecord>;
type Abilities = StaffCaseView["abilities"];

const BARRIER_NAMES = new Map(BARRIER_TYPES.map((t) => [t.code, t.name]));
const HISTORY_LABELS: Record<string, string> = { ...CASE_ACTION_LABELS, propose: "推荐为典型案例", seed: "导入" };

function excerpt(text: string): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > 120 ? `${chars.slice(0, 119).join("")}…` : chars.join("");
}

/** A case in the public library (only the anonymised public text and its source). */
export function presentCaseSummary(c: TypicalCaseRecord): CaseSummary {
  return {
    id: c._id.toHexString(),
    caseNo: c.caseNo,
    origin: c.origin,
    kind: c.kind,
    title: c.title,
    excerpt: excerpt(c.summary),
    barrierType: (c.barrierType ?? null) as CaseSummary["barrierType"],
    barrierTypeName: c.barrierType ? (BARRIER_NAMES.get(c.barrierType as never) ?? null) : null,
    locality: c.locality,
    authority: c.authority ?? null,
    batch: c.batch ?? null,
    source: { url: c.source.url ?? null, label: c.source.label, quality: c.source.quality, note: c.source.note ?? null },
    publishedAt: c.publishedAt ? c.publishedAt.toISOString() : null,
    sample: c.sample,
  };
}

/** A case page. */
export function presentCaseDetail(c: TypicalCaseRecord): CaseDetail {
  return {
    ...presentCaseSummary(c),
    summary: c.summary,
    handling: c.handling ?? null,
    lesson: c.lesson ?? null,
    relatedItemCodes: c.relatedItemCodes ?? [],
    postId: c.postId ? c.postId.toHexString() : null,
  };
}

function department(c: TypicalCaseRecord, departments: Departments) {
  const d = c.departmentId ? departments.get(c.departmentId.toHexString()) : undefined;
  return d ? presentDepartmentSummary(d) : null;
}

/** A case in the workbench list. */
export function presentStaffCaseListItem(c: TypicalCaseRecord, departments: Departments, abilities: Abilities) {
  return {
    ...presentCaseSummary(c),
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    ticketNo: c.ticketNo ?? null,
    department: department(c, departments),
    proposedAt: c.proposedAt ? c.proposedAt.toISOString() : null,
    updatedAt: c.updatedAt.toISOString(),
    abilities,
  };
}

/** A case page in the workbench, with its anonymity check and history. */
export function presentStaffCase(c: TypicalCaseRecord, departments: Departments, check: AnonymityCheck, abilities: Abilities): StaffCaseView {
  return {
    ...presentCaseDetail(c),
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    ticketNo: c.ticketNo ?? null,
    department: department(c, departments),
    proposalReason: c.proposalReason ?? null,
    proposedAt: c.proposedAt ? c.proposedAt.toISOString() : null,
    rejectReason: c.rejectReason ?? null,
    check,
    history: (c.history ?? []).map((h) => ({ at: h.at.toISOString(), action: h.action, label: HISTORY_LABELS[h.action] ?? h.action, actorRole: h.actorRole, note: h.note ?? null })),
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    abilities,
  };
}
