import {
  CASE_KIND_LABELS,
  CASE_ORIGIN_LABELS,
  COMPLAINT_STATUSES,
  OPEN_DATASET_LABELS,
  RECTIFICATION_ORIGIN_LABELS,
  STATUS_LABELS,
  BARRIER_TYPES,
  type DepartmentStats,
  type StaffStatsResponse,
} from "@lushan/shared";
import { departmentRepository } from "../models/department/department.repository";
import { rectificationRepository } from "../models/rectification/rectification.repository";
import { typicalCaseRepository } from "../models/typicalCase/typicalCase.repository";
import { percent, toCsv, type Cell } from "./csv";
import { statsRepository } from "./stats.repository";

/**
 * The statistics as one CSV table: a row per department and the total, with counts by status
 * and problem type, durations in working hours, and rates as percentages.
 * @param stats the figures.
 * @returns CSV text (UTF-8 with BOM).
 */
export function statsCsv(stats: StaffStatsResponse): string {
  const header = [
    "部门",
    "统计起始日",
    "统计截止日",
    "投诉总数",
    ...COMPLAINT_STATUSES.map((s) => STATUS_LABELS[s]),
    "受理用时中位数（工作小时）",
    "受理用时P90（工作小时）",
    "答复用时中位数（工作小时）",
    "答复用时P90（工作小时）",
    "办结用时中位数（工作小时）",
    "办结用时P90（工作小时）",
    "按时受理率",
    "按时答复率",
    "满意率",
    "重办率",
    "重复投诉率",
    "整改事项",
    "已销号",
    "逾期未销号",
    "整改完成率",
    ...BARRIER_TYPES.map((t) => `${t.code} ${t.name}`),
  ];
  const row = (d: DepartmentStats): Cell[] => [
    d.label,
    stats.period.from,
    stats.period.to,
    d.complaints,
    ...d.byStatus.map((s) => s.count),
    d.acceptHours.median,
    d.acceptHours.p90,
    d.replyHours.median,
    d.replyHours.p90,
    d.closeHours.median,
    d.closeHours.p90,
    percent(d.onTimeAccept.rate),
    percent(d.onTimeReply.rate),
    percent(d.satisfaction.rate),
    percent(d.reopen.rate),
    percent(d.duplicate.rate),
    d.rectification.total,
    d.rectification.done,
    d.rectification.overdue,
    percent(d.rectification.completion.rate),
    ...d.byBarrierType.map((t) => t.count),
  ];
  return toCsv(header, [...stats.departments.map(row), row({ ...stats.total, label: `合计（${stats.total.label}）` })]);
}

export type OpenDataset = keyof typeof OPEN_DATASET_LABELS;

export interface OpenDataTable {
  dataset: OpenDataset;
  title: string;
  license: string;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | boolean | null>[];
}

export const OPEN_DATA_LICENSE = "开放数据，可自由使用、转载，请注明来源“庐山市市场准入服务”；案例来源为国家发展改革委通报转载的，以原通报为准。";

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/**
 * One open-data table: published cases, signed-off rectifications (public summaries only) or
 * published list editions. Nothing here is more than the public pages already show.
 * @param dataset which table.
 * @returns columns and rows.
 */
export async function openDataTable(dataset: OpenDataset): Promise<OpenDataTable> {
  const base = { dataset, title: OPEN_DATASET_LABELS[dataset], license: OPEN_DATA_LICENSE };
  if (dataset === "cases") {
    const rows = await typicalCaseRepository.allPublished();
    return {
      ...base,
      columns: [
        { key: "caseNo", label: "案例编号" },
        { key: "title", label: "标题" },
        { key: "origin", label: "来源类别" },
        { key: "kind", label: "案例类别" },
        { key: "barrierType", label: "问题类型" },
        { key: "locality", label: "地点" },
        { key: "authority", label: "被通报单位" },
        { key: "batch", label: "通报批次" },
        { key: "summary", label: "基本案情" },
        { key: "handling", label: "处理情况" },
        { key: "publishedAt", label: "发布时间" },
        { key: "sourceLabel", label: "来源" },
        { key: "sourceUrl", label: "来源链接" },
        { key: "sourceQuality", label: "来源可靠性" },
        { key: "sample", label: "示例数据" },
      ],
      rows: rows.map((c) => ({
        caseNo: c.caseNo,
        title: c.title,
        origin: CASE_ORIGIN_LABELS[c.origin],
        kind: CASE_KIND_LABELS[c.kind],
        barrierType: c.barrierType ?? null,
        locality: c.locality,
        authority: c.authority ?? null,
        batch: c.batch ?? null,
        summary: c.summary,
        handling: c.handling ?? null,
        publishedAt: iso(c.publishedAt),
        sourceLabel: c.source.label,
        sourceUrl: c.source.url ?? null,
        sourceQuality: c.source.quality,
        sample: c.sample,
      })),
    };
  }
  if (dataset === "rectifications") {
    const rows = await rectificationRepository.allDone();
    const departments = await departmentRepository.findByIds(rows.map((t) => t.departmentId));
    return {
      ...base,
      columns: [
        { key: "taskNo", label: "事项编号" },
        { key: "origin", label: "问题来源" },
        { key: "department", label: "责任部门" },
        { key: "summary", label: "整改情况" },
        { key: "deadline", label: "整改期限" },
        { key: "closedAt", label: "销号时间" },
        { key: "onTime", label: "按期完成" },
      ],
      rows: rows.map((t) => ({
        taskNo: t.taskNo,
        origin: RECTIFICATION_ORIGIN_LABELS[t.origin.kind],
        department: departments.get(t.departmentId.toHexString())?.name ?? null,
        summary: t.publicSummary ?? "",
        deadline: t.deadlineDate,
        closedAt: iso(t.closedAt),
        onTime: Boolean(t.closedAt && t.closedAt <= t.deadline),
      })),
    };
  }
  const editions = await statsRepository.publishedEditions();
  return {
    ...base,
    columns: [
      { key: "code", label: "版本代码" },
      { key: "title", label: "名称" },
      { key: "status", label: "状态" },
      { key: "itemCount", label: "事项数" },
      { key: "activatedAt", label: "启用时间" },
      { key: "source", label: "来源" },
      { key: "sample", label: "示例数据" },
    ],
    rows: editions.map((e) => ({
      code: e.code,
      title: e.title,
      status: e.status === "active" ? "现行" : "已废止",
      itemCount: e.itemCount ?? 0,
      activatedAt: iso(e.activatedAt),
      source: e.source ?? null,
      sample: Boolean(e.sample),
    })),
  };
}

/**
 * An open-data table as CSV, with the column labels as header.
 * @param table the table.
 * @returns CSV text (UTF-8 with BOM).
 */
export function openDataCsv(table: OpenDataTable): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((r) => table.columns.map((c) => r[c.key])),
  );
}
