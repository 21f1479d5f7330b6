import { z } from "zod";
import { COMPLAINT_STATUSES } from "../complaints/lifecycle";
import { IsoDate, IsoDateTime } from "./common";
import { DepartmentCodeSchema } from "./department";
import { DepartmentSummary } from "./user";

/**
 * Period of the efficiency statistics: complaints submitted on CST dates from..to (inclusive).
 * Defaults: to = today, from = 29 days before `to`. At most 366 days.
 */
export const StatsPeriodQuery = z
  .strictObject({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  });

export const StaffStatsQuery = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** One department's code (department staff always get their own). */
  department: DepartmentCodeSchema.optional(),
  /** csv: the per-department table as UTF-8 CSV with BOM (opens in Excel). */
  format: z.enum(["json", "csv"], { error: "format 只能是 json 或 csv" }).default("json"),
});

/** Median and 90th percentile (nearest-rank) of durations in working hours. */
export const DurationStats = z
  .object({
    /** How many complaints the figure is computed from. */
    count: z.number().int(),
    median: z.number().nullable(),
    p90: z.number().nullable(),
  })
  .meta({ id: "DurationStats" });

/** A ratio with its parts; `rate` is null when the denominator is 0. */
export const Ratio = z
  .object({
    numerator: z.number().int(),
    denominator: z.number().int(),
    rate: z.number().nullable(),
  })
  .meta({ id: "Ratio" });
export type Ratio = z.infer<typeof Ratio>;

/**
 * Figures of one department (or all) over the period.
 *
 * - Department: the one the complaint is assigned to now (null: not yet dispatched).
 * - Time to accept: first 派单 → first 受理. Time to reply: first 受理 → first 答复.
 *   Time to close: submission → 办结. Working hours: 8 per working day on the official calendar.
 * - On time: first 受理 before the accept deadline counted from the first 派单; first 答复 before
 *   the reply deadline counted from the first 受理 (deadline policy of the barrier type).
 * - Satisfaction: 满意 + 基本满意 over rated complaints. Reopen: reopened (不满意 → 重办) over
 *   replied complaints. Duplicate: merged (并单) over all complaints.
 * - Rectification: tasks of the department created in the period, signed off over all.
 */
export const DepartmentStats = z
  .object({
    department: DepartmentSummary.nullable(),
    /** 全部 (the total), the department's name, or 未派单 (complaints not yet dispatched). */
    label: z.string(),
    complaints: z.number().int(),
    byStatus: z.array(z.object({ status: z.enum(COMPLAINT_STATUSES), label: z.string(), count: z.number().int() })),
    byBarrierType: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
    acceptHours: DurationStats,
    replyHours: DurationStats,
    closeHours: DurationStats,
    onTimeAccept: Ratio,
    onTimeReply: Ratio,
    satisfaction: Ratio,
    reopen: Ratio,
    duplicate: Ratio,
    rectification: z.object({
      total: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      completion: Ratio,
    }),
  })
  .meta({ id: "DepartmentStats" });
export type DepartmentStats = z.infer<typeof DepartmentStats>;

export const StaffStatsResponse = z
  .object({
    period: z.object({ from: IsoDate, to: IsoDate }),
    generatedAt: IsoDateTime,
    /** Whether the holiday arrangement of every year in the period is entered (else weekends only). */
    calendarComplete: z.boolean(),
    /** The caller's scope (all departments, or one). */
    total: DepartmentStats,
    departments: z.array(DepartmentStats),
  })
  .meta({ id: "StaffStatsResponse" });
export type StaffStatsResponse = z.infer<typeof StaffStatsResponse>;

/** Aggregate figures only (no department, no complaint). */
export const PublicStatsSummary = z
  .object({
    period: z.object({ from: IsoDate, to: IsoDate }),
    generatedAt: IsoDateTime,
    complaints: z.number().int(),
    closed: z.number().int(),
    onTimeReplyRate: z.number().nullable(),
    satisfactionRate: z.number().nullable(),
    medianReplyHours: z.number().nullable(),
    casesPublished: z.number().int(),
    rectifications: z.object({ total: z.number().int(), done: z.number().int(), completionRate: z.number().nullable() }),
  })
  .meta({ id: "PublicStatsSummary" });

export const OPEN_DATASETS = ["cases", "rectifications", "list-editions"] as const;
export const OpenDatasetSchema = z.enum(OPEN_DATASETS, { error: "数据集只能是 cases、rectifications 或 list-editions" });
export const OPEN_DATASET_LABELS: Record<(typeof OPEN_DATASETS)[number], string> = {
  cases: "已发布典型案例",
  "rectifications": "已销号整改事项",
  "list-editions": "市场准入负面清单版本",
};

export const OpenDataParams = z.strictObject({ dataset: OpenDatasetSchema });
export const OpenDataQuery = z.strictObject({ format: z.enum(["json", "csv"], { error: "format 只能是 json 或 csv" }).default("json") });

/** An open-data file as JSON: rows of plain strings, numbers and nulls, with column labels. */
export const OpenDataResponse = z
  .object({
    dataset: OpenDatasetSchema,
    title: z.string(),
    generatedAt: IsoDateTime,
    license: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string() })),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  })
  .meta({ id: "OpenDataResponse" });

export const OpenDataIndex = z.object({
  datasets: z.array(z.object({ dataset: OpenDatasetSchema, title: z.string(), rows: z.number().int(), json: z.string(), csv: z.string() })),
});
