import type { DepartmentStats, Ratio, StaffStatsResponse } from "@lushan/shared/schemas/stats";
import type { ChartSpec } from "@/components/chart";

/** Period presets of the stats page. */
export type PeriodPreset = "30d" | "90d" | "year" | "custom";

export const PERIOD_PRESETS: Array<{ value: PeriodPreset; label: string }> = [
  { value: "30d", label: "近 30 天" },
  { value: "90d", label: "近 90 天" },
  { value: "year", label: "今年" },
  { value: "custom", label: "自选时段" },
];

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The dates of a preset period (inclusive, CST dates).
 * @param preset the preset (custom returns null: the page uses its own dates).
 * @param today today's date `YYYY-MM-DD`.
 * @returns from and to, or null for custom.
 */
export function presetPeriod(
  preset: PeriodPreset,
  today: string,
): { from: string; to: string } | null {
  if (preset === "30d") return { from: shiftDays(today, -29), to: today };
  if (preset === "90d") return { from: shiftDays(today, -89), to: today };
  if (preset === "year") return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return null;
}

/**
 * A ratio as people read it.
 * @param r the ratio.
 * @returns e.g. `85.7%（12/14）`, or `暂无数据` when the denominator is 0.
 */
export function formatRatio(r: Ratio): string {
  if (r.rate === null || r.denominator === 0) return "暂无数据";
  return `${percent(r.rate)}%（${r.numerator}/${r.denominator}）`;
}

/**
 * A rate (0–1) as a percentage with at most one decimal.
 * @param rate the rate.
 * @returns e.g. 85.7.
 */
export function percent(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

/**
 * Working hours in words.
 * @param hours hours, or null.
 * @returns e.g. `6.5 小时`, `2.3 天（18.5 小时）` past a working day, `暂无数据` for null.
 */
export function formatHours(hours: number | null): string {
  if (hours === null) return "暂无数据";
  const h = Math.round(hours * 10) / 10;
  if (h < 8) return `${h} 小时`;
  return `${Math.round((h / 8) * 10) / 10} 个工作日（${h} 小时）`;
}

/** The name a department goes by in charts (null: not dispatched yet). */
export function departmentName(d: DepartmentStats, short = true): string {
  if (!d.department) return "待分办";
  return short ? d.department.shortName || d.department.name : d.department.name;
}

/**
 * Complaints per department (column chart).
 * @param stats the answer.
 * @returns the chart spec.
 */
export function volumeChart(stats: StaffStatsResponse): ChartSpec {
  const rows = stats.departments.filter((d) => d.complaints > 0);
  return {
    type: "column",
    categories: rows.map((d) => departmentName(d)),
    series: [{ name: "投诉件数", data: rows.map((d) => d.complaints) }],
  };
}

/**
 * On-time reply and satisfaction rates per department (horizontal bars, percent). Departments
 * without any figure are left out; a missing figure draws as 0 and the table says 暂无数据.
 * @param stats the answer.
 * @returns the chart spec.
 */
export function rateChart(stats: StaffStatsResponse): ChartSpec {
  const rows = stats.departments.filter(
    (d) => d.onTimeReply.rate !== null || d.satisfaction.rate !== null,
  );
  return {
    type: "bar",
    percent: true,
    categories: rows.map((d) => departmentName(d)),
    series: [
      {
        name: "按时答复率",
        data: rows.map((d) => (d.onTimeReply.rate === null ? 0 : percent(d.onTimeReply.rate))),
      },
      {
        name: "满意率",
        data: rows.map((d) => (d.satisfaction.rate === null ? 0 : percent(d.satisfaction.rate))),
      },
    ],
  };
}

/**
 * Shares of barrier types (ring): the five largest and the rest as 其他.
 * @param total the scope's figures.
 * @returns the chart spec.
 */
export function barrierChart(total: DepartmentStats): ChartSpec {
  const sorted = [...total.byBarrierType]
    .filter((b) => b.count > 0)
    .sort((a, b) => b.count - a.count);
  const top = sorted.slice(0, 5);
  const rest = sorted.slice(5).reduce((n, b) => n + b.count, 0);
  const categories = top.map(
    (b) => `${b.code} ${b.name.length > 8 ? `${b.name.slice(0, 8)}…` : b.name}`,
  );
  const data = top.map((b) => b.count);
  if (rest > 0) {
    categories.push("其他类型");
    data.push(rest);
  }
  return { type: "ring", categories, series: [{ name: "问题类型", data }] };
}

/** One line of the summary: label and value in words. */
export interface Figure {
  label: string;
  value: string;
  /** Short explanation of how the figure is computed. */
  note?: string;
}

/**
 * The headline figures of a scope.
 * @param d the figures.
 * @returns label/value pairs in reading order.
 */
export function headlineFigures(d: DepartmentStats): Figure[] {
  return [
    { label: "投诉件数", value: `${d.complaints} 件` },
    { label: "按时受理率", value: formatRatio(d.onTimeAccept), note: "派单后在受理期限内受理" },
    { label: "按时答复率", value: formatRatio(d.onTimeReply), note: "受理后在答复期限内答复" },
    { label: "满意率", value: formatRatio(d.satisfaction), note: "满意和基本满意占已评价的比例" },
    { label: "重办率", value: formatRatio(d.reopen), note: "不满意后重办占已答复的比例" },
    { label: "重复投诉率", value: formatRatio(d.duplicate), note: "并单占全部投诉的比例" },
    {
      label: "整改完成率",
      value: formatRatio(d.rectification.completion),
      note: d.rectification.overdue > 0 ? `逾期未销号 ${d.rectification.overdue} 项` : undefined,
    },
    {
      label: "受理用时（中位数）",
      value: formatHours(d.acceptHours.median),
      note: `90% 在 ${formatHours(d.acceptHours.p90)} 内`,
    },
    {
      label: "答复用时（中位数）",
      value: formatHours(d.replyHours.median),
      note: `90% 在 ${formatHours(d.replyHours.p90)} 内`,
    },
    {
      label: "办结用时（中位数）",
      value: formatHours(d.closeHours.median),
      note: `90% 在 ${formatHours(d.closeHours.p90)} 内`,
    },
  ];
}
