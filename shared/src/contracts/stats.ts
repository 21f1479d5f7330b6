import { defineRoute } from "../contract";
import { OpenDataIndex, OpenDataParams, OpenDataQuery, OpenDataResponse, PublicStatsSummary, StaffStatsQuery, StaffStatsResponse, StatsPeriodQuery } from "../schemas/stats";

const tags = ["效能评估"];

/** Efficiency statistics for staff. */
export const staffStatsContract = {
  get: defineRoute({
    method: "GET",
    path: "/api/v1/staff/stats",
    summary:
      "效能评估：按部门、时段统计投诉状态与问题类型分布，受理/答复/办结用时（工作小时，中位数与 P90），按时率、满意率、重办率、重复率、整改完成率；format=csv 导出（UTF-8 带 BOM）",
    tags,
    auth: ["dept_staff", "dept_admin", "coordinator", "admin"],
    query: StaffStatsQuery,
    response: StaffStatsResponse,
    produces: "application/json",
  }),
} as const;

/** Public aggregate figures and open data. */
export const publicStatsContract = {
  summary: defineRoute({
    method: "GET",
    path: "/api/v1/stats/summary",
    summary: "公开统计：时段内投诉受理、办结、按时答复率、满意率、典型案例与整改完成情况（仅汇总数字）",
    tags,
    auth: "public",
    query: StatsPeriodQuery,
    response: PublicStatsSummary,
  }),
  openDataIndex: defineRoute({
    method: "GET",
    path: "/api/v1/open-data",
    summary: "开放数据目录：已发布典型案例、已销号整改事项、负面清单版本",
    tags,
    auth: "public",
    response: OpenDataIndex,
  }),
  openData: defineRoute({
    method: "GET",
    path: "/api/v1/open-data/:dataset",
    summary: "开放数据下载（format=json 或 csv；CSV 为 UTF-8 带 BOM）",
    tags,
    auth: "public",
    params: OpenDataParams,
    query: OpenDataQuery,
    response: OpenDataResponse,
  }),
} as const;
