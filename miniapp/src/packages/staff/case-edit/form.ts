import type { BarrierTypeCode } from "@lushan/shared/barrierTypes";
import type { CaseKind } from "@lushan/shared/cases/lifecycle";
import type { PersonalDataFinding, StaffCaseView } from "@lushan/shared/schemas/cases";
import type { CaseCheckRequest, CaseUpdateRequest } from "@/services/cases";

/** The public text of a case as the coordinator edits it. */
export interface CaseDraft {
  title: string;
  summary: string;
  handling: string;
  lesson: string;
  kind: CaseKind;
  barrierType: BarrierTypeCode | null;
  authority: string;
}

/** Names of the checked fields, as the findings refer to them. */
export const CASE_FIELD_LABELS: Record<PersonalDataFinding["field"], string> = {
  title: "标题",
  summary: "案情摘要",
  handling: "处理情况",
  lesson: "警示意义",
  authority: "被通报单位",
};

/**
 * The draft for a stored case.
 * @param c the case.
 * @returns the editable text.
 */
export function draftFromCase(c: StaffCaseView): CaseDraft {
  return {
    title: c.title,
    summary: c.summary,
    handling: c.handling ?? "",
    lesson: c.lesson ?? "",
    kind: c.kind,
    barrierType: (c.barrierType as BarrierTypeCode | null) ?? null,
    authority: c.authority ?? "",
  };
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

/**
 * The update body: the fields that differ from the saved case, with its version.
 * @param d the draft.
 * @param base the case as loaded.
 * @returns the body, or null when nothing changed.
 */
export function caseUpdateBody(d: CaseDraft, base: StaffCaseView): CaseUpdateRequest | null {
  const before = draftFromCase(base);
  const body: CaseUpdateRequest = { expectedVersion: base.version };
  let changed = false;
  if (d.title.trim() !== before.title.trim()) {
    body.title = d.title.trim();
    changed = true;
  }
  if (d.summary.trim() !== before.summary.trim()) {
    body.summary = d.summary.trim();
    changed = true;
  }
  if (d.handling.trim() !== before.handling.trim()) {
    body.handling = orNull(d.handling);
    changed = true;
  }
  if (d.lesson.trim() !== before.lesson.trim()) {
    body.lesson = orNull(d.lesson);
    changed = true;
  }
  if (d.kind !== before.kind) {
    body.kind = d.kind;
    changed = true;
  }
  if (d.barrierType !== before.barrierType) {
    body.barrierType = d.barrierType;
    changed = true;
  }
  if (d.authority.trim() !== before.authority.trim()) {
    body.authority = orNull(d.authority);
    changed = true;
  }
  return changed ? body : null;
}

/**
 * The text to run the anonymity check on (the public fields as typed, not yet saved).
 * @param d the draft.
 * @returns the check request.
 */
export function caseCheckBody(d: CaseDraft): CaseCheckRequest {
  return {
    title: d.title,
    summary: d.summary,
    handling: orNull(d.handling),
    lesson: orNull(d.lesson),
    authority: orNull(d.authority),
  };
}

/**
 * Problems that stop saving (the contract's own limits).
 * @param d the draft.
 * @returns field → Chinese message.
 */
export function validateCaseDraft(d: CaseDraft): Partial<Record<keyof CaseDraft, string>> {
  const e: Partial<Record<keyof CaseDraft, string>> = {};
  if (!d.title.trim()) e.title = "请填写标题";
  else if (d.title.trim().length > 64) e.title = "标题不能超过 64 个字";
  if (!d.summary.trim()) e.summary = "请填写案情摘要";
  else if (d.summary.trim().length > 2000) e.summary = "案情摘要不能超过 2000 个字";
  if (d.handling.trim().length > 2000) e.handling = "处理情况不能超过 2000 个字";
  if (d.lesson.trim().length > 1000) e.lesson = "警示意义不能超过 1000 个字";
  if (d.authority.trim().length > 60) e.authority = "被通报单位不能超过 60 个字";
  return e;
}

/**
 * Groups findings by field, in the order the fields appear on the page.
 * @param findings the check's findings.
 * @returns field label and its findings, fields without any left out.
 */
export function findingsByField(
  findings: PersonalDataFinding[],
): Array<{ field: PersonalDataFinding["field"]; label: string; items: PersonalDataFinding[] }> {
  return (Object.keys(CASE_FIELD_LABELS) as Array<PersonalDataFinding["field"]>)
    .map((field) => ({
      field,
      label: CASE_FIELD_LABELS[field],
      items: findings.filter((f) => f.field === field).sort((a, b) => a.index - b.index),
    }))
    .filter((g) => g.items.length > 0);
}
