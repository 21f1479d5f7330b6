import { z } from "zod";
import { IsoDate, IsoDateTime, ObjectIdString, text } from "./common";
import { BarrierTypeSchema, ListScopeSchema, RoutingSummary, TownSchema } from "./complaint";
import { DepartmentCodeSchema } from "./department";
import { ItemCodeSchema } from "./list";
import { DepartmentSummary } from "./user";

/** Where a rule sends complaints: a named department, the list item's handling department, or the 发改 coordination queue. */
export const RoutingTarget = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("department"), department: DepartmentCodeSchema }),
  z.strictObject({ kind: z.literal("item_department") }),
  z.strictObject({ kind: z.literal("coordinator") }),
]);

const uniqueList = <T extends z.ZodType>(item: T, max: number, label: string) =>
  z
    .array(item)
    .max(max, `${label}最多 ${max} 个`)
    .refine((xs) => new Set(xs).size === xs.length, `${label}有重复`)
    .default([]);

/** Conditions of a rule. Each list matches when any of its values does; an empty list matches anything. */
export const RoutingMatch = z.strictObject({
  barrierTypes: uniqueList(BarrierTypeSchema, 15, "问题类型"),
  /** 事项编码 of the complaint's list item. */
  itemCodes: uniqueList(ItemCodeSchema, 200, "清单事项"),
  /** National 主管部门 of the complaint's list item (as written in the list, e.g. 市场监管总局). */
  itemDepartments: uniqueList(z.string().trim().min(1).max(40), 50, "主管部门"),
  /** Industry (GB/T 4754 门类) of the complaint's list item. */
  industries: uniqueList(z.string().trim().min(1).max(40), 30, "行业"),
  /** Words looked for in the title and description. */
  keywords: uniqueList(z.string().trim().min(1).max(20), 50, "关键词"),
  towns: uniqueList(TownSchema, 20, "乡镇"),
  /** Whether the matter is on the list, explicitly not on it, or the complainant is unsure. */
  listScopes: uniqueList(ListScopeSchema, 3, "清单范围"),
});

export const RoutingRuleBody = z
  .strictObject({
    name: text(60, "规则名称"),
    /** Smaller runs first; the first matching rule decides. */
    priority: z.number().int().min(1).max(10_000),
    active: z.boolean().default(true),
    match: RoutingMatch,
    target: RoutingTarget,
    /** Departments that assist (协办); they see the complaint. */
    coDepartments: uniqueList(DepartmentCodeSchema, 5, "协办部门"),
    /** Also create a 12345 work order. */
    hotline: z.boolean().default(false),
    /** Why this change was made (kept in the history). */
    note: text(300, "修改说明"),
  })
  .refine((r) => r.target.kind !== "department" || !r.coDepartments.includes(r.target.department), {
    path: ["coDepartments"],
    message: "协办部门不能与承办部门相同",
  });

export const RoutingRuleView = z
  .object({
    id: ObjectIdString,
    name: z.string(),
    priority: z.number().int(),
    active: z.boolean(),
    match: RoutingMatch,
    target: RoutingTarget,
    targetDepartment: DepartmentSummary.nullable(),
    coDepartments: z.array(DepartmentSummary),
    hotline: z.boolean(),
    version: z.number().int(),
    note: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: "RoutingRuleView" });

export const RoutingRuleHistoryEntry = z.object({
  version: z.number().int(),
  change: z.enum(["created", "updated", "deactivated"]),
  note: z.string(),
  editor: z.string().nullable(),
  at: IsoDateTime,
  /** The rule as it was after this change. */
  snapshot: z.object({
    name: z.string(),
    priority: z.number().int(),
    active: z.boolean(),
    match: RoutingMatch,
    target: RoutingTarget,
    coDepartments: z.array(z.string()),
    hotline: z.boolean(),
  }),
});

export const CalendarYear = z
  .object({
    year: z.number().int(),
    holidays: z.array(IsoDate),
    workdays: z.array(IsoDate),
    source: z.string(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: "CalendarYear" });

export const CalendarBody = z.strictObject({
  /** Days off (法定节假日 and the days moved to make the break), YYYY-MM-DD. */
  holidays: z.array(IsoDate).max(60, "节假日最多 60 天"),
  /** Weekend days that are working days (调休上班). */
  workdays: z.array(IsoDate).max(30, "调休上班日最多 30 天"),
  /** The notice it follows, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
  source: text(200, "依据"),
});

export const DeadlinePolicyView = z.object({
  barrierType: z.string(),
  acceptDays: z.number().int(),
  replyDays: z.number().int(),
  complexReplyDays: z.number().int(),
  autoCloseDays: z.number().int(),
});

export const DeadlinePolicyBody = z
  .strictObject({
    /** Working days to accept (受理) after dispatch. */
    acceptDays: z.number().int().min(1).max(30),
    /** Working days to reply (答复) after accepting. */
    replyDays: z.number().int().min(1).max(60),
    /** Working days to reply for complex or systemic matters. */
    complexReplyDays: z.number().int().min(1).max(90),
    /** Working days after a reply without rating before the case closes itself. */
    autoCloseDays: z.number().int().min(1).max(60),
  })
  .refine((p) => p.complexReplyDays >= p.replyDays, { path: ["complexReplyDays"], message: "复杂件答复时限不能短于一般件" });

/** A hypothetical complaint to try the routing rules on. */
export const RoutingPreviewBody = z.strictObject({
  barrierType: BarrierTypeSchema,
  listItemCode: ItemCodeSchema.nullable().default(null),
  listScope: ListScopeSchema.optional(),
  town: TownSchema.default("南康镇"),
  title: z.string().trim().max(60).default(""),
  description: z.string().trim().max(2_000).default(""),
  accusedDepartment: DepartmentCodeSchema.optional(),
});

export const RoutingPreview = z
  .object({
    routing: RoutingSummary,
    ruleId: z.string().nullable(),
    ruleName: z.string().nullable(),
    /** For staff: which rule matched and why. */
    explanation: z.string(),
  })
  .meta({ id: "RoutingPreview" });
