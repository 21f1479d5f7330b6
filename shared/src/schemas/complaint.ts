import { z } from "zod";
import { BARRIER_TYPE_CODES } from "../barrierTypes";
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES, RATINGS } from "../complaints/lifecycle";
import { isValidCreditCode, normalizeCreditCode } from "../creditCode";
import { TOWNS } from "../towns";
import { IsoDateTime, PageQuery, text } from "./common";
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

export const BarrierTypeSchema = z.enum(BARRIER_TYPE_CODES, { error: "请选择问题类型（B01–B15）" });
export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);
export const RatingSchema = z.enum(RATINGS, { error: "评价只能是满意、基本满意或不满意" });
export const TownSchema = z.enum(TOWNS, { error: "请选择庐山市的乡镇（街道）" });

/** Mobile (1xxxxxxxxxx) or landline (0792-xxxxxxx) number. */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "请填写正确的手机号或固定电话");

export const CreditCodeSchema = z
  .string()
  .trim()
  .transform(normalizeCreditCode)
  .refine(isValidCreditCode, "统一社会信用代码不正确，请核对 18 位代码");

export const UploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, "附件编号不正确");

export const ComplaintCreateBody = z.strictObject({
  barrierType: BarrierTypeSchema,
  title: text(ComplaintValidation.maxTitle, "标题"),
  description: z
    .string({ error: "请描述遇到的问题" })
    .trim()
    .min(ComplaintValidation.minDescription, `问题描述至少 ${ComplaintValidation.minDescription} 个字`)
    .max(ComplaintValidation.maxDescription, `问题描述不能超过 ${ComplaintValidation.maxDescription} 个字`),
  /** The list item the barrier concerns; null when it is not on the list or unknown. */
  listItemCode: ItemCodeSchema.nullable().default(null),
  /** The department or office complained about, as the complainant names it. */
  accusedName: text(60, "被反映单位"),
  /** That department, when it is one of 庐山市's departments. */
  accusedDepartment: DepartmentCodeSchema.optional(),
  business: z
    .strictObject({
      name: text(100, "企业名称"),
      creditCode: CreditCodeSchema.optional(),
    })
    .optional(),
  town: TownSchema,
  evidence: z.array(UploadIdSchema).max(ComplaintValidation.maxEvidence, `最多上传 ${ComplaintValidation.maxEvidence} 张图片`).default([]),
  contact: z.strictObject({
    name: text(20, "联系人"),
    phone: PhoneSchema,
  }),
  /** Keep the complainant's identity from the department complained about and anyone without need. */
  confidential: z.boolean().default(false),
});
export type ComplaintCreateInput = z.input<typeof ComplaintCreateBody>;

export const RoutingSummary = z
  .object({
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
    ticketNo: z.string(),
    status: ComplaintStatusSchema,
    statusLabel: z.string(),
    routing: RoutingSummary,
    /** How to follow the case, in plain words. */
    followUp: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: "ComplaintCreated" });
export type ComplaintCreated = z.infer<typeof ComplaintCreated>;
export type ComplaintCreateBodyOutput = z.output<typeof ComplaintCreateBody>;
export type ComplaintListItem = z.infer<typeof ComplaintListItem>;

export const EvidenceView = z.object({
  id: z.string(),
  /** Short-lived link to the image; absent while it may not be shown (under review). */
  url: z.string().nullable(),
  status: z.enum(["pending", "cleared", "risky", "unchecked"]),
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

export const Deadlines = z.object({
  acceptBy: IsoDateTime.nullable(),
  replyBy: IsoDateTime.nullable(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
});

/** A complaint as its complainant sees it. */
export const ComplaintView = z
  .object({
    ticketNo: z.string(),
    status: ComplaintStatusSchema,
    statusLabel: z.string(),
    channel: z.enum(["miniapp", "phone"]),
    barrierType: z.object({ code: z.string(), name: z.string() }),
    title: z.string(),
    description: z.string(),
    listItem: z.object({ code: z.string(), name: z.string() }).nullable(),
    accusedName: z.string(),
    business: z.object({ name: z.string(), creditCode: z.string().nullable() }).nullable(),
    town: z.string(),
    contact: z.object({ name: z.string(), phone: z.string() }),
    confidential: z.boolean(),
    evidence: z.array(EvidenceView),
    routing: RoutingSummary,
    deadlines: Deadlines,
    reply: z.object({ text: z.string(), at: IsoDateTime, department: z.string() }).nullable(),
    rating: z.object({ value: RatingSchema, label: z.string(), comment: z.string().nullable(), at: IsoDateTime }).nullable(),
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
    barrierType: z.object({ code: z.string(), name: z.string() }),
    department: DepartmentSummary.nullable(),
    town: z.string(),
    /** The complainant, masked (张*, 138****1234) or 保密. */
    complainant: z.string(),
    channel: z.enum(["miniapp", "phone"]),
    deadlines: Deadlines,
    supervised: z.boolean(),
    escalated: z.boolean(),
    moderation: z.enum(["cleared", "pending", "unchecked", "rejected"]),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: "ComplaintListItem" });

/** A complaint as staff see it: masked or full personal data depending on role, plus the internal record. */
export const StaffComplaintView = ComplaintView.omit({ contact: true, can: true, business: true })
  .extend({
    contact: z.object({ name: z.string(), phone: z.string(), masked: z.boolean(), withheld: z.boolean() }),
    business: z.object({ name: z.string(), creditCode: z.string().nullable(), masked: z.boolean() }).nullable(),
    department: DepartmentSummary.nullable(),
    accusedDepartment: DepartmentSummary.nullable(),
    routingDetail: z.object({ ruleId: z.string().nullable(), ruleName: z.string().nullable(), explanation: z.string() }),
    moderation: z.enum(["cleared", "pending", "unchecked", "rejected"]),
    moderationNote: z.string().nullable(),
    complex: z.boolean(),
    supervised: z.boolean(),
    escalated: z.boolean(),
    reopenCount: z.number().int(),
    workOrder: z.object({ deliveryState: z.string(), externalId: z.string().nullable(), attempts: z.number().int() }).nullable(),
    /** Lifecycle actions this viewer may take now. */
    allowedActions: z.array(z.enum(COMPLAINT_ACTIONS)),
  })
  .meta({ id: "StaffComplaintView" });
export type StaffComplaintView = z.infer<typeof StaffComplaintView>;

export const TicketParams = z.strictObject({ ticketNo: z.string().regex(/^LS\d{12,14}$/, "受理编号格式不正确") });

export const MyComplaintsQuery = PageQuery;

export const StaffComplaintsQuery = PageQuery.extend({
  status: ComplaintStatusSchema.optional(),
  barrierType: BarrierTypeSchema.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  /** Coordinators and administrators may narrow to one department. */
  department: DepartmentCodeSchema.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().max(50).optional(),
  /** Complaints held for content review (coordinators). */
  moderation: z.enum(["pending", "cleared", "unchecked", "rejected"]).optional(),
});

const note = z.string().trim().min(1, "请填写说明").max(ComplaintValidation.maxNote, `说明不能超过 ${ComplaintValidation.maxNote} 个字`);
const optionalNote = z.string().trim().max(ComplaintValidation.maxNote).optional();

export const ComplaintActionBody = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("assign"), department: DepartmentCodeSchema, coDepartments: z.array(DepartmentCodeSchema).max(5).default([]), note: optionalNote }),
  z.strictObject({ action: z.literal("accept"), complex: z.boolean().default(false), note: optionalNote }),
  z.strictObject({ action: z.literal("return"), note, suggestedDepartment: DepartmentCodeSchema.optional() }),
  z.strictObject({ action: z.literal("transfer"), department: DepartmentCodeSchema, coDepartments: z.array(DepartmentCodeSchema).max(5).default([]), note }),
  z.strictObject({ action: z.literal("reply"), note }),
  z.strictObject({ action: z.literal("supervise"), note }),
  z.strictObject({ action: z.literal("escalate"), note }),
  z.strictObject({ action: z.literal("merge"), into: TicketParams.shape.ticketNo, note: optionalNote }),
  z.strictObject({ action: z.literal("close"), note, rating: RatingSchema.optional() }),
  z.strictObject({ action: z.literal("approve_content"), note: optionalNote }),
  z.strictObject({ action: z.literal("reject_content"), note }),
  z.strictObject({ action: z.literal("comment"), note }),
]);
export type ComplaintActionInput = z.infer<typeof ComplaintActionBody>;

export const RatingBody = z.strictObject({
  rating: RatingSchema,
  comment: z.string().trim().max(500, "评价内容不能超过 500 个字").optional(),
});

export const SupplementBody = z.strictObject({
  text: text(ComplaintValidation.maxNote, "补充说明"),
  evidence: z.array(UploadIdSchema).max(ComplaintValidation.maxEvidence).default([]),
});

export const WithdrawBody = z.strictObject({ reason: z.string().trim().max(200).optional() });

export const UploadView = z
  .object({ id: z.string(), mime: z.string(), size: z.number().int(), width: z.number().int(), height: z.number().int(), status: z.string(), url: z.string() })
  .meta({ id: "UploadView" });

export const IdempotencyHeaders = z.object({
  "idempotency-key": z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Idempotency-Key 须为 8–64 位字母、数字、下划线或短横线").optional(),
});
