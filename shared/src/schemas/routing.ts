import { z } from "zod";
import { IsoDate, IsoDateTime, ObjectIdString, text } from "./common";
import { BarrierTypeSchema, TownSchema } from "./complaint";
import { DepartmentCodeSchema } from "./department";
import { ItemCodeSchema } from "./list";
import { DepartmentSummary } from "./user";

/** Where a rule sends complaints: a named department, the list item's handling department, or the 发改 coordination queue. */
export const RoutingTarget = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("department"), department: DepartmentCodeSchema }),
  z.strictObject({ kind: z.literal("item_department") }),
  z.strictObject({ kind: z.literal("coordinator") }),
]);

export const RoutingMatch = z.strictObject({
  barrierTypes: z.array(BarrierTypeSchema).max(15).default([]),
  itemCodes: z.array(ItemCodeSchema).max(200).default([]),
  /** National 主管部门 of the complaint's list item. */
  itemDepartments: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  industries: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  keywords: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
  towns: z.array(TownSchema).max(20).default([]),
  /** Only complaints that name a list item (true), only those that do not (false), or both. */
  hasItem: z.boolean().nullable().default(null),
});

export const RoutingRuleBody = z.strictObject({
  name: text(60, "规则名称"),
  priority: z.number().int().min(1).max(10_000),
  active: z.boolean().default(true),
  match: RoutingMatch,
  target: RoutingTarget,
  coDepartments: z.array(DepartmentCodeSchema).max(5).default([]),
  hotline: z.boolean().default(false),
  /** Why this change was made (kept in the history). */
  note: text(300, "修改说明"),
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
  snapshot: RoutingRuleBody.omit({ note: true }),
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
  holidays: z.array(IsoDate).max(60),
  /** Weekend days that are working days (调休上班). */
  workdays: z.array(IsoDate).max(30),
  source: text(200, "依据"),
});

export const DeadlinePolicyView = z.object({
  barrierType: z.string(),
  acceptDays: z.number().int(),
  replyDays: z.number().int(),
  complexReplyDays: z.number().int(),
  autoCloseDays: z.number().int(),
});

export const DeadlinePolicyBody = z.strictObject({
  acceptDays: z.number().int().min(1).max(30),
  replyDays: z.number().int().min(1).max(60),
  complexReplyDays: z.number().int().min(1).max(90),
  autoCloseDays: z.number().int().min(1).max(60),
});
