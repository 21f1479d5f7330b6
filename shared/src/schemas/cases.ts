import { z } from "zod";
import { BARRIER_TYPE_CODES } from "../barrierTypes";
import { CASE_KINDS, CASE_ORIGINS, CASE_STATUSES, PERSONAL_DATA_KINDS } from "../cases/lifecycle";
import { IsoDateTime, ObjectIdString, PageQuery } from "./common";
import { DepartmentSummary } from "./user";

// C0/C1 control characters other than tab and line breaks, and the Unicode bidi overrides that
// can disguise text in a public notice.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * One line of public text: trimmed, non-empty, no line breaks or control characters.
 * @param max maximum length.
 * @param label the field's Chinese name for messages.
 * @returns the schema.
 */
export function publicLine(max: number, label: string) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((s) => !CONTROL.test(s) && !/[\r\n\t]/.test(s), `${label}含有不允许的字符`);
}

/**
 * Multi-line public text: line breaks allowed, other control characters not.
 * @param max maximum length.
 * @param label the field's Chinese name for messages.
 * @returns the schema.
 */
export function publicText(max: number, label: string) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((s) => !CONTROL.test(s), `${label}含有不允许的字符`);
}

export const CaseValidation = {
  maxTitle: 64,
  maxSummary: 2_000,
  maxHandling: 2_000,
  maxLesson: 1_000,
  maxReason: 500,
} as const;

/** The public text fields of a case, all checked for personal data before publication. */
export const CASE_TEXT_FIELDS = ["title", "summary", "handling", "lesson", "authority"] as const;
export type CaseTextField = (typeof CASE_TEXT_FIELDS)[number];
export const CASE_TEXT_FIELD_LABELS: Record<CaseTextField, string> = { title: "标题", summary: "案情摘要", handling: "处理情况", lesson: "警示意义", authority: "被通报单位" };

export const CaseStatusSchema = z.enum(CASE_STATUSES).meta({ id: "CaseStatus" });
export const CaseOriginSchema = z.enum(CASE_ORIGINS).meta({ id: "CaseOrigin" });
export const CaseKindSchema = z.enum(CASE_KINDS).meta({ id: "CaseKind" });
export const PersonalDataKindSchema = z.enum(PERSONAL_DATA_KINDS).meta({ id: "PersonalDataKind" });

/** Where a published case's facts come from (来源). */
export const CaseSource = z
  .object({
    /** A link, or null when the source is described in words. */
    url: z.string().nullable(),
    /** The source in words, e.g. 国家发展改革委通报（第七批）转载 or 庐山市营商环境投诉办理. */
    label: z.string(),
    /** official, reprint (third-party page), secondary (transcription, to be checked), local (our own handling). */
    quality: z.enum(["official", "reprint", "secondary", "local"]),
    note: z.string().nullable(),
  })
  .meta({ id: "CaseSource" });

/** A case in the public library. */
export const CaseSummary = z
  .object({
    id: ObjectIdString,
    /** V01…V15 for national cases, AL2026-0001 for ours. */
    caseNo: z.string(),
    origin: CaseOriginSchema,
    kind: CaseKindSchema,
    title: z.string(),
    /** First 120 characters of the anonymised summary. */
    excerpt: z.string(),
    /** B01–B15 when clear, else null. */
    barrierType: z.enum(BARRIER_TYPE_CODES).nullable(),
    barrierTypeName: z.string().nullable(),
    /** Where it happened (e.g. 福建省泉州市惠安县, 庐山市). */
    locality: z.string(),
    /** The body whose rule was a barrier (public authority, never a private person). */
    authority: z.string().nullable(),
    /** 第七批, 2026年第1期 … */
    batch: z.string().nullable(),
    source: CaseSource,
    publishedAt: IsoDateTime.nullable(),
    /** Demonstration data (the imported national cases are excerpts from reprints): clients say 示例. */
    sample: z.boolean(),
  })
  .meta({ id: "CaseSummary" });
export type CaseSummary = z.infer<typeof CaseSummary>;

/** A case page. */
export const CaseDetail = CaseSummary.extend({
  /** Anonymised account of what happened. */
  summary: z.string(),
  /** How it was handled / rectified (整改情况), or null when unknown. */
  handling: z.string().nullable(),
  /** 警示意义 (optional). */
  lesson: z.string().nullable(),
  relatedItemCodes: z.array(z.string()),
  /** The post in the policy feed (category 典型案例通报), when published from here. */
  postId: ObjectIdString.nullable(),
}).meta({ id: "CaseDetail" });
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseListQuery = PageQuery.extend({
  origin: CaseOriginSchema.optional(),
  kind: CaseKindSchema.optional(),
  barrierType: z.enum(BARRIER_TYPE_CODES, { error: "问题类型须为 B01–B15" }).optional(),
  q: z.string().trim().max(100, "搜索内容不能超过 100 个字").optional(),
});

/** One piece of personal data the anonymity check found. */
export const PersonalDataFinding = z
  .object({
    kind: PersonalDataKindSchema,
    /** Which field: title, summary, handling, lesson or authority (the 被通报单位). */
    field: z.enum(CASE_TEXT_FIELDS),
    /** Character offset in that field. */
    index: z.number().int(),
    /** What was found, masked (138****5678). */
    excerpt: z.string(),
    /** Chinese explanation with a suggested rewording. */
    message: z.string(),
  })
  .meta({ id: "PersonalDataFinding" });
export type PersonalDataFinding = z.infer<typeof PersonalDataFinding>;

/** The result of the anonymity check (脱敏检查). */
export const AnonymityCheck = z
  .object({
    passed: z.boolean(),
    findings: z.array(PersonalDataFinding),
    /** One Chinese paragraph: what was found and how to fix it, or that nothing was found. */
    explanation: z.string(),
  })
  .meta({ id: "AnonymityCheck" });
export type AnonymityCheck = z.infer<typeof AnonymityCheck>;

export const CaseAbilities = z.object({ edit: z.boolean(), publish: z.boolean(), unpublish: z.boolean(), reject: z.boolean() });

export const CaseHistoryEntry = z.object({
  at: IsoDateTime,
  action: z.string(),
  label: z.string(),
  actorRole: z.string(),
  note: z.string().nullable(),
});

/** A case as the workbench sees it. */
export const StaffCaseView = CaseDetail.extend({
  status: CaseStatusSchema,
  statusLabel: z.string(),
  /** The complaint it came from (staff only). */
  ticketNo: z.string().nullable(),
  department: DepartmentSummary.nullable(),
  proposalReason: z.string().nullable(),
  proposedAt: IsoDateTime.nullable(),
  rejectReason: z.string().nullable(),
  /** The anonymity check of the current text, run on every read. */
  check: AnonymityCheck,
  history: z.array(CaseHistoryEntry),
  version: z.number().int(),
  updatedAt: IsoDateTime,
  abilities: CaseAbilities,
}).meta({ id: "StaffCaseView" });
export type StaffCaseView = z.infer<typeof StaffCaseView>;

export const StaffCaseListItem = CaseSummary.extend({
  status: CaseStatusSchema,
  statusLabel: z.string(),
  ticketNo: z.string().nullable(),
  department: DepartmentSummary.nullable(),
  proposedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  abilities: CaseAbilities,
}).meta({ id: "StaffCaseListItem" });

export const StaffCaseListQuery = CaseListQuery.extend({ status: CaseStatusSchema.optional() });

export const CaseIdParams = z.strictObject({ id: ObjectIdString });

/** Staff propose a handled complaint (答复或办结) as a typical case. */
export const CaseProposeBody = z.strictObject({
  ticketNo: z.string().trim().min(1, "请填写投诉编号").max(40, "投诉编号不正确"),
  reason: publicText(CaseValidation.maxReason, "推荐理由"),
});

/** The coordinator's edit of the public text (every field is checked before publication). */
export const CaseUpdateBody = z.strictObject({
  title: publicLine(CaseValidation.maxTitle, "标题").optional(),
  summary: publicText(CaseValidation.maxSummary, "案情摘要").optional(),
  handling: publicText(CaseValidation.maxHandling, "处理情况").nullable().optional(),
  lesson: publicText(CaseValidation.maxLesson, "警示意义").nullable().optional(),
  kind: CaseKindSchema.optional(),
  barrierType: z.enum(BARRIER_TYPE_CODES, { error: "问题类型须为 B01–B15" }).nullable().optional(),
  authority: publicLine(60, "被通报单位").nullable().optional(),
  /** The version the editor started from (409 when someone saved first). */
  expectedVersion: z.number().int().min(1),
});

/** Check a text without saving it (the editor calls this while typing). */
export const CaseCheckBody = z.strictObject({
  title: z.string().max(CaseValidation.maxTitle * 2).optional(),
  summary: z.string().max(CaseValidation.maxSummary * 2).optional(),
  handling: z.string().max(CaseValidation.maxHandling * 2).nullable().optional(),
  lesson: z.string().max(CaseValidation.maxLesson * 2).nullable().optional(),
  authority: z.string().max(120).nullable().optional(),
});

export const CasePublishBody = z.strictObject({ expectedVersion: z.number().int().min(1).optional() });
export const CaseReasonBody = z.strictObject({ reason: publicText(CaseValidation.maxReason, "原因") });
