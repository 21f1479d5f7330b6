import { z } from "zod";
import { RECTIFICATION_ACTIONS, RECTIFICATION_ORIGINS, RECTIFICATION_STATUSES } from "../ledger/lifecycle";
import { publicLine, publicText } from "./cases";
import { IsoDate, IsoDateTime, ObjectIdString, PageQuery } from "./common";
import { DepartmentCodeSchema } from "./department";
import { DepartmentSummary } from "./user";

export const RectificationValidation = {
  maxProblem: 1_000,
  maxMeasures: 2_000,
  maxEvidenceText: 500,
  maxEvidence: 20,
  maxNote: 500,
  maxPublicSummary: 300,
  maxFinding: 200,
} as const;

export const RectificationStatusSchema = z.enum(RECTIFICATION_STATUSES).meta({ id: "RectificationStatus" });
export const RectificationOriginSchema = z.enum(RECTIFICATION_ORIGINS).meta({ id: "RectificationOrigin" });
export const RectificationActionSchema = z.enum(RECTIFICATION_ACTIONS).meta({ id: "RectificationAction" });

const longText = publicText;
const text = publicLine;

/** An https link to a document (optional on an evidence entry). */
const EvidenceUrl = z
  .string()
  .trim()
  .max(1_000, "链接过长")
  .refine((s) => {
    try {
      return new URL(s).protocol === "https:";
    } catch {
      return false;
    }
  }, "链接必须是 https 地址");

/** One piece of evidence (佐证材料): a description, e.g. 废止文件文号, with an optional link. */
export const RectificationEvidence = z
  .object({
    at: IsoDateTime,
    text: z.string(),
    url: z.string().nullable(),
    by: z.string().nullable(),
  })
  .meta({ id: "RectificationEvidence" });

export const RectificationHistoryEntry = z.object({
  at: IsoDateTime,
  action: z.string(),
  label: z.string(),
  actorRole: z.string(),
  actorName: z.string().nullable(),
  from: RectificationStatusSchema.nullable(),
  to: RectificationStatusSchema.nullable(),
  note: z.string().nullable(),
});

/** Where the task came from: a complaint (ticket), a case, or an evaluation finding. */
export const RectificationOriginView = z.object({
  kind: RectificationOriginSchema,
  /** The ticket number (complaint) or case number. */
  ref: z.string().nullable(),
  /** Case id, for linking to the case page. */
  caseId: ObjectIdString.nullable(),
  /** The evaluation finding in words. */
  finding: z.string().nullable(),
});

export const RectificationAbilities = z.object({
  edit: z.boolean(),
  start: z.boolean(),
  progress: z.boolean(),
  request_signoff: z.boolean(),
  confirm: z.boolean(),
  reject: z.boolean(),
  comment: z.boolean(),
});

/** A task in the workbench list. */
export const RectificationListItem = z
  .object({
    id: ObjectIdString,
    taskNo: z.string(),
    status: RectificationStatusSchema,
    statusLabel: z.string(),
    origin: RectificationOriginView,
    problem: z.string(),
    department: DepartmentSummary,
    responsiblePerson: z.string(),
    /** Last day (CST) to finish. */
    deadline: IsoDate,
    /** Not signed off and the deadline day has passed. */
    overdue: z.boolean(),
    /** Signed off after the deadline day. */
    closedLate: z.boolean(),
    closedAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    abilities: RectificationAbilities,
  })
  .meta({ id: "RectificationListItem" });

/** A task page in the workbench. */
export const RectificationView = RectificationListItem.extend({
  measures: z.string().nullable(),
  evidence: z.array(RectificationEvidence),
  /** The anonymised text for the public board (set at sign-off). */
  publicSummary: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  history: z.array(RectificationHistoryEntry),
  version: z.number().int(),
}).meta({ id: "RectificationView" });
export type RectificationView = z.infer<typeof RectificationView>;

export const RectificationListQuery = PageQuery.extend({
  status: RectificationStatusSchema.optional(),
  origin: RectificationOriginSchema.optional(),
  /** A department code (coordinators; department staff always see their own). */
  department: DepartmentCodeSchema.optional(),
  overdue: z.enum(["true", "false"], { error: "overdue 只能是 true 或 false" }).transform((v) => v === "true").optional(),
  q: z.string().trim().max(100).optional(),
});

export const RectificationListResponse = z.object({
  items: z.array(RectificationListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Counts over the caller's scope (not the filters): by status, and how many are overdue. */
  counts: z.object({
    open: z.number().int(),
    rectifying: z.number().int(),
    pending_signoff: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
  }),
});

export const RectificationIdParams = z.strictObject({ id: ObjectIdString });

/** The coordinator opens a task. */
export const RectificationCreateBody = z
  .strictObject({
    origin: RectificationOriginSchema,
    /** Ticket number when the origin is a complaint. */
    ticketNo: z.string().trim().min(1).max(40).optional(),
    /** Case id when the origin is a case. */
    caseId: ObjectIdString.optional(),
    /** The finding in words when the origin is an evaluation. */
    finding: text(RectificationValidation.maxFinding, "评估发现").optional(),
    problem: longText(RectificationValidation.maxProblem, "问题描述"),
    /** Owner department's code. */
    department: DepartmentCodeSchema,
    responsiblePerson: text(20, "责任人"),
    deadline: IsoDate,
    measures: longText(RectificationValidation.maxMeasures, "整改措施").optional(),
  })
  .superRefine((b, ctx) => {
    if (b.origin === "complaint" && !b.ticketNo) ctx.addIssue({ code: "custom", path: ["ticketNo"], message: "请填写来源投诉编号" });
    if (b.origin === "case" && !b.caseId) ctx.addIssue({ code: "custom", path: ["caseId"], message: "请选择来源典型案例" });
    if (b.origin === "evaluation" && !b.finding) ctx.addIssue({ code: "custom", path: ["finding"], message: "请填写效能评估发现的问题" });
  });

/** The coordinator changes the owner, responsible person, deadline or problem. */
export const RectificationUpdateBody = z.strictObject({
  problem: longText(RectificationValidation.maxProblem, "问题描述").optional(),
  department: DepartmentCodeSchema.optional(),
  responsiblePerson: text(20, "责任人").optional(),
  deadline: IsoDate.optional(),
  note: longText(RectificationValidation.maxNote, "说明").optional(),
  expectedVersion: z.number().int().min(1),
});

const EvidenceInput = z.strictObject({
  text: text(RectificationValidation.maxEvidenceText, "佐证材料说明"),
  url: EvidenceUrl.nullable().default(null),
});

// eslint-disable-next-line no-control-regex
const note = z.string({ error: "说明必须是文字" }).trim().max(RectificationValidation.maxNote, `说明不能超过 ${RectificationValidation.maxNote} 个字`).refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(s), "说明含有不允许的字符");
const version = z.number().int().min(1).optional();

/**
 * One action on a task. start needs measures; progress adds measures and/or evidence;
 * request_signoff needs at least one piece of evidence on the task; confirm needs the public
 * summary (checked for personal data); reject and comment need a note.
 */
export const RectificationActionBody = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("start"), measures: longText(RectificationValidation.maxMeasures, "整改措施"), note: note.optional(), expectedVersion: version }),
  z.strictObject({
    action: z.literal("progress"),
    measures: longText(RectificationValidation.maxMeasures, "整改措施").optional(),
    evidence: z.array(EvidenceInput).max(RectificationValidation.maxEvidence, `佐证材料最多 ${RectificationValidation.maxEvidence} 条`).default([]),
    note: note.optional(),
    expectedVersion: version,
  }),
  z.strictObject({
    action: z.literal("request_signoff"),
    evidence: z.array(EvidenceInput).max(RectificationValidation.maxEvidence).default([]),
    note: note.optional(),
    expectedVersion: version,
  }),
  z.strictObject({
    action: z.literal("confirm"),
    publicSummary: longText(RectificationValidation.maxPublicSummary, "公开说明"),
    note: note.optional(),
    expectedVersion: version,
  }),
  z.strictObject({ action: z.literal("reject"), note: note.min(1, "请填写退回原因"), expectedVersion: version }),
  z.strictObject({ action: z.literal("comment"), note: note.min(1, "备注不能为空"), expectedVersion: version }),
], { error: "请选择操作：start、progress、request_signoff、confirm、reject 或 comment" });
export type RectificationActionInput = z.output<typeof RectificationActionBody>;

/** A signed-off item on the public board (anonymised; no names of people). */
export const PublicRectification = z
  .object({
    id: ObjectIdString,
    taskNo: z.string(),
    origin: RectificationOriginSchema,
    department: z.object({ code: z.string(), name: z.string(), shortName: z.string() }),
    /** The coordinator's public summary, checked for personal data at sign-off. */
    summary: z.string(),
    deadline: IsoDate,
    closedAt: IsoDateTime,
    onTime: z.boolean(),
  })
  .meta({ id: "PublicRectification" });

export const PublicRectificationQuery = PageQuery.extend({
  department: DepartmentCodeSchema.optional(),
});
