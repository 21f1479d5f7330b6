import { z } from "zod";
import { BARRIER_TYPE_CODES } from "../barrierTypes";
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES, RATINGS } from "../complaints/lifecycle";
import { isValidCreditCode, normalizeCreditCode } from "../creditCode";
import { TOWNS } from "../towns";
import { IsoDateTime, PageQuery } from "./common";
import { DepartmentCodeSchema } from "./department";
import { ItemCodeSchema } from "./list";
import { DepartmentSummary } from "./user";

export const ComplaintValidation = {
  maxTitle: 60,
  minDescription: 10,
  maxDescription: 2_000,
  maxEvidence: 9,
  maxNote: 1_000,
  maxUploadBytes: 10 * 1024 * 1024,
} as const;

// C0/C1 control characters other than tab and line breaks, and the Unicode bidi overrides that
// can disguise text in a list.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK = /[\r\n\t]/;

/** One line of text: trimmed, non-empty, no control characters. */
function line(max: number, label: string) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((s) => !CONTROL.test(s) && !LINE_BREAK.test(s), `${label}含有不允许的字符`);
}

/** Multi-line text: line breaks allowed, other control characters not. */
function paragraph(min: number, max: number, label: string) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(min, min > 1 ? `${label}至少 ${min} 个字` : `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`)
    .refine((s) => !CONTROL.test(s), `${label}含有不允许的字符`);
}

export const BarrierTypeSchema = z.enum(BARRIER_TYPE_CODES, { error: "请选择问题类型（B01–B15）" });
export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);
export const RatingSchema = z.enum(RATINGS, { error: "评价只能是满意、基本满意或不满意" });
export const TownSchema = z.enum(TOWNS, { error: "请选择庐山市的乡镇（街道）" });
export const ChannelSchema = z.enum(["miniapp", "phone"]).meta({ description: "miniapp 小程序/网页，phone 12345 热线电话登记" });

/** Whether the matter is on the negative list: a named item, explicitly not on it, or not sure. */
export const LIST_SCOPES = ["on_list", "not_on_list", "unsure"] as const;
export const ListScopeSchema = z.enum(LIST_SCOPES, { error: "请选择是否涉及清单事项" });
export const LIST_SCOPE_LABELS: Record<(typeof LIST_SCOPES)[number], string> = {
  on_list: "涉及清单事项",
  not_on_list: "不在清单上（清单之外）",
  unsure: "不确定是否涉及清单",
};

/** Content review of the complaint's text (WeChat msgSecCheck, then people). */
export const MODERATION_STATES = ["pending", "review", "cleared", "skipped", "rejected"] as const;
export const ModerationSchema = z.enum(MODERATION_STATES);
export const MODERATION_LABELS: Record<(typeof MODERATION_STATES)[number], string> = {
  pending: "内容安全检测中",
  review: "待人工审核",
  cleared: "审核通过",
  skipped: "未经自动检测",
  rejected: "审核未通过",
};

/** Review of one evidence image (WeChat mediaCheckAsync, then people). */
export const EVIDENCE_STATES = ["pending", "review", "cleared", "rejected"] as const;
export const EvidenceStateSchema = z.enum(EVIDENCE_STATES);
export const EVIDENCE_LABELS: Record<(typeof EVIDENCE_STATES)[number], string> = {
  pending: "检测中",
  review: "待人工审核",
  cleared: "已审核",
  rejected: "未通过审核",
};

/** Mobile (1xxxxxxxxxx) or landline (0792-xxxxxxx) number. */
export const PhoneSchema = z
  .string({ error: "请填写联系电话" })
  .trim()
  .regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "请填写正确的手机号或固定电话");

export const CreditCodeSchema = z
  .string({ error: "统一社会信用代码必须是文字" })
  .max(30, "统一社会信用代码为 18 位")
  .transform(normalizeCreditCode)
  .refine(isValidCreditCode, "统一社会信用代码不正确，请核对 18 位代码");

export const UploadIdSchema = z.string({ error: "附件编号不正确" }).regex(/^[A-Za-z0-9_-]{16,32}$/, "附件编号不正确");

const evidenceList = z
  .array(UploadIdSchema, { error: "附件须为编号列表" })
  .max(ComplaintValidation.maxEvidence, `最多上传 ${ComplaintValidation.maxEvidence} 张图片`)
  .refine((ids) => new Set(ids).size === ids.length, "附件重复")
  .default([]);

export const ComplaintCreateBody = z
  .strictObject({
    /** One of the 15 barrier types (B01–B15). */
    barrierType: BarrierTypeSchema,
    /** A short title (≤ 60 characters). */
    title: line(ComplaintValidation.maxTitle, "标题"),
    /** What happened: when, where, who asked for what (10–2,000 characters). */
    description: paragraph(ComplaintValidation.minDescription, ComplaintValidation.maxDescription, "问题描述"),
    /** Whether the matter is on the list; defaults to on_list with a code and unsure without. */
    listScope: ListScopeSchema.optional(),
    /** The list item (事项编码) when the matter is on the list. */
    listItemCode: ItemCodeSchema.nullable().default(null),
    /** The department or office complained about, as the complainant names it. */
    accusedName: line(60, "被反映单位"),
    /** That department's code, when it is one of 庐山市's departments (from GET /api/v1/departments). */
    accusedDepartment: DepartmentCodeSchema.optional(),
    /** The business affected (optional). */
    business: z
      .strictObject({
        name: line(100, "企业名称"),
        /** 统一社会信用代码 (GB 32100-2015, check character verified). */
        creditCode: CreditCodeSchema.optional(),
      })
      .optional(),
    /** Town or township of 庐山市 where it happened. */
    town: TownSchema,
    /** Upload ids from POST /api/v1/uploads (the caller's own, not yet attached). */
    evidence: evidenceList,
    /** How the handling side can reach the complainant. */
    contact: z.strictObject({
      name: line(20, "联系人"),
      phone: PhoneSchema,
    }),
    /** Keep the complainant's identity from the department complained about and anyone without need. */
    confidential: z.boolean({ error: "confidential 须为 true 或 false" }).default(false),
  })
  .transform((b, ctx) => {
    const listScope = b.listScope ?? (b.listItemCode ? "on_list" : "unsure");
    if (listScope === "on_list" && !b.listItemCode) {
      ctx.addIssue({ code: "custom", path: ["listItemCode"], message: "请选择涉及的清单事项" });
    }
    if (listScope !== "on_list" && b.listItemCode) {
      ctx.addIssue({ code: "custom", path: ["listScope"], message: "选择了清单事项时，请选择“涉及清单事项”" });
    }
    return { ...b, listScope };
  });
export type ComplaintCreateInput = z.input<typeof ComplaintCreateBody>;
export type ComplaintCreateBodyOutput = z.output<typeof ComplaintCreateBody>;

export const RoutingSummary = z
  .object({
    /** The handling department; null while the 发改 coordinator decides. */
    department: DepartmentSummary.nullable(),
    coDepartments: z.array(DepartmentSummary),
    /** A 12345 work order is created too. */
    hotline: z.boolean(),
    /** Why, in plain words. */
    reason: z.string(),
  })
  .meta({ id: "RoutingSummary" });

export const ComplaintCreated = z
  .object({
    ticketNo: z.string().meta({ description: "受理编号，如 LS202611240001" }),
    status: ComplaintStatusSchema,
    statusLabel: z.string(),
    routing: RoutingSummary,
    /** How to follow the case, in plain words. */
    followUp: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: "ComplaintCreated" });
export type ComplaintCreated = z.infer<typeof ComplaintCreated>;

export const EvidenceView = z.object({
  id: z.string(),
  /** Short-lived link to the image; null while this viewer may not see it (under review). */
  url: z.string().nullable(),
  status: EvidenceStateSchema,
  statusLabel: z.string(),
});

export const TimelineEntry = z.object({
  at: IsoDateTime,
  action: z.string(),
  actionLabel: z.string(),
  /** Who acted, as the viewer may know them (e.g. 市市场监管局、系统、投诉人). */
  actor: z.string(),
  from: ComplaintStatusSchema.nullable(),
  to: ComplaintStatusSchema.nullable(),
  note: z.string().nullable(),
});

export const SupplementView = z.object({
  id: z.string(),
  at: IsoDateTime,
  /** Null while this viewer may not see it (under content review). */
  text: z.string().nullable(),
  evidence: z.array(EvidenceView),
  moderation: ModerationSchema,
  moderationLabel: z.string(),
});

export const Deadlines = z.object({
  /** End of the working day by which the department must accept (受理). */
  acceptBy: IsoDateTime.nullable(),
  /** End of the working day by which the department must reply (答复). */
  replyBy: IsoDateTime.nullable(),
  overdue: z.boolean(),
  /** Less than 8 hours left. */
  dueSoon: z.boolean(),
});

const ListItemRef = z.object({ code: z.string(), name: z.string() }).nullable();
const BarrierTypeRef = z.object({ code: z.string(), name: z.string() });

/** A complaint as its complainant sees it. */
export const ComplaintView = z
  .object({
    ticketNo: z.string(),
    status: ComplaintStatusSchema,
    statusLabel: z.string(),
    channel: ChannelSchema,
    barrierType: BarrierTypeRef,
    title: z.string(),
    description: z.string(),
    listScope: ListScopeSchema,
    listItem: ListItemRef,
    accusedName: z.string(),
    business: z.object({ name: z.string(), creditCode: z.string().nullable() }).nullable(),
    town: z.string(),
    contact: z.object({ name: z.string(), phone: z.string() }),
    confidential: z.boolean(),
    moderation: ModerationSchema,
    moderationLabel: z.string(),
    evidence: z.array(EvidenceView),
    supplements: z.array(SupplementView),
    routing: RoutingSummary,
    deadlines: Deadlines,
    reply: z.object({ text: z.string(), at: IsoDateTime, department: z.string() }).nullable(),
    rating: z.object({ value: RatingSchema, label: z.string(), comment: z.string().nullable(), at: IsoDateTime }).nullable(),
    /** The surviving complaint when this one was merged into it (follow that one). */
    mergedInto: z.string().nullable(),
    timeline: z.array(TimelineEntry),
    /** What the complainant can do now. */
    can: z.object({ rate: z.boolean(), supplement: z.boolean(), withdraw: z.boolean() }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: "ComplaintView" });
export type ComplaintView = z.infer<typeof ComplaintView>;

export const ComplaintListItem = z
  .object({
    ticketNo: z.string(),
    title: z.string(),
    status: ComplaintStatusSchema,
    statusLabel: z.string(),
    barrierType: BarrierTypeRef,
    department: DepartmentSummary.nullable(),
    town: z.string(),
    /** The complainant, masked (张*, 138****5678) or 保密. */
    complainant: z.string(),
    channel: ChannelSchema,
    deadlines: Deadlines,
    supervised: z.boolean(),
    escalated: z.boolean(),
    moderation: ModerationSchema,
    /** The viewer follows it because a complaint of theirs was merged into it. */
    followed: z.boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: "ComplaintListItem" });
export type ComplaintListItem = z.infer<typeof ComplaintListItem>;

/** A complaint as staff see it: identity in full, masked or withheld by role and confidentiality. */
export const StaffComplaintView = ComplaintView.omit({ contact: true, can: true, business: true })
  .extend({
    contact: z.object({
      name: z.string(),
      phone: z.string(),
      /** Shown partly (张*, 138****5678). */
      masked: z.boolean(),
      /** Not shown at all: the complainant asked for confidentiality. */
      withheld: z.boolean(),
    }),
    business: z.object({ name: z.string(), creditCode: z.string().nullable(), masked: z.boolean() }).nullable(),
    department: DepartmentSummary.nullable(),
    coDepartments: z.array(DepartmentSummary),
    accusedDepartment: DepartmentSummary.nullable(),
    routingDetail: z.object({ ruleId: z.string().nullable(), ruleName: z.string().nullable(), explanation: z.string() }),
    moderationNote: z.string().nullable(),
    complex: z.boolean(),
    supervised: z.boolean(),
    escalated: z.boolean(),
    reopenCount: z.number().int(),
    /** Duplicates merged into this one. */
    mergedFrom: z.array(z.string()),
    workOrder: z.object({ deliveryState: z.string(), externalId: z.string().nullable(), attempts: z.number().int() }).nullable(),
    /** Lifecycle actions this viewer may take now (POST …/actions). */
    allowedActions: z.array(z.enum(COMPLAINT_ACTIONS)),
    /** How the viewer relates to the complaint (handling_department, co_department, coordinator, hotline, admin). */
    relation: z.string(),
    /** What the viewer may see and do beyond the lifecycle actions (from the complaint policy). */
    abilities: z.object({ read: z.boolean(), readIdentity: z.boolean(), readHeldContent: z.boolean(), actAsComplainant: z.boolean() }),
  })
  .meta({ id: "StaffComplaintView" });
export type StaffComplaintView = z.infer<typeof StaffComplaintView>;

export const TicketNoSchema = z.string().regex(/^LS\d{12,14}$/, "受理编号格式不正确");
export const TicketParams = z.strictObject({ ticketNo: TicketNoSchema });

export const MyComplaintsQuery = PageQuery;

/** Workbench queues: 待分办 (coordination), 督办 (overdue or supervised), 内容审核 (review). */
export const STAFF_QUEUES = ["coordination", "supervision", "review"] as const;

export const StaffComplaintsQuery = PageQuery.extend({
  status: ComplaintStatusSchema.optional(),
  barrierType: BarrierTypeSchema.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  /** coordination: waiting for a department; supervision: overdue or supervised; review: content held. */
  queue: z.enum(STAFF_QUEUES).optional(),
  /** Coordinators and administrators may narrow to one department. */
  department: DepartmentCodeSchema.optional(),
  /** Filed on or after this date (CST). */
  from: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
  /** Filed on or before this date (CST). */
  to: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
  /** Ticket number, title, description or the office complained about. */
  q: z.string().trim().max(50, "搜索词不能超过 50 个字").optional(),
  moderation: ModerationSchema.optional(),
});

export const StaffComplaintsSummary = z
  .object({
    /** Open complaints by status, within what the viewer may see. */
    byStatus: z.record(z.string(), z.number().int()),
    coordination: z.number().int(),
    supervision: z.number().int(),
    review: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
  })
  .meta({ id: "StaffComplaintsSummary" });

const note = paragraph(1, ComplaintValidation.maxNote, "说明");
const optionalNote = paragraph(1, ComplaintValidation.maxNote, "说明").optional();
const coDepartments = z.array(DepartmentCodeSchema).max(5, "协办部门最多 5 个").default([]);

export const ComplaintActionBody = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("assign"), department: DepartmentCodeSchema, coDepartments, note: optionalNote }),
    z.strictObject({ action: z.literal("accept"), complex: z.boolean().default(false), note: optionalNote }),
    z.strictObject({ action: z.literal("return"), note, suggestedDepartment: DepartmentCodeSchema.optional() }),
    z.strictObject({ action: z.literal("transfer"), department: DepartmentCodeSchema, coDepartments, note }),
    z.strictObject({ action: z.literal("reply"), note }),
    z.strictObject({ action: z.literal("supervise"), note }),
    z.strictObject({ action: z.literal("escalate"), note }),
    z.strictObject({ action: z.literal("merge"), into: TicketNoSchema, note: optionalNote }),
    z.strictObject({ action: z.literal("close"), note, rating: RatingSchema.optional() }),
    z.strictObject({ action: z.literal("approve_content"), note: optionalNote }),
    z.strictObject({ action: z.literal("reject_content"), note }),
    z.strictObject({
      action: z.literal("review_evidence"),
      upload: UploadIdSchema,
      verdict: z.enum(["cleared", "rejected"], { error: "审核结论只能是 cleared 或 rejected" }),
      note: optionalNote,
    }),
    z.strictObject({ action: z.literal("comment"), note }),
  ],
  { error: "未知的操作" },
);
export type ComplaintActionInput = z.infer<typeof ComplaintActionBody>;

export const RatingBody = z.strictObject({
  rating: RatingSchema,
  comment: paragraph(1, 500, "评价内容").optional(),
});

export const SupplementBody = z.strictObject({
  text: paragraph(1, ComplaintValidation.maxNote, "补充说明"),
  evidence: evidenceList,
});

export const WithdrawBody = z.strictObject({ reason: paragraph(1, 200, "撤回原因").optional() });

export const UploadView = z
  .object({
    id: z.string(),
    mime: z.string(),
    size: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    status: EvidenceStateSchema,
    /** Short-lived link to the cleaned image. */
    url: z.string(),
  })
  .meta({ id: "UploadView" });

export const IdempotencyHeaders = z.object({
  /** A client-made key (8–64 of A–Z a–z 0–9 _ -): retries with the same key create one record. */
  "idempotency-key": z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Idempotency-Key 须为 8–64 位字母、数字、下划线或短横线").optional(),
});
