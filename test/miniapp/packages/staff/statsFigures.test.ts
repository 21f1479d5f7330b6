import type { DepartmentStats, StaffStatsResponse } from "@lushan/shared/schemas/stats";
import { chartOptions } from "@/components/chart/options";
import {
  barrierChart,
  formatHours,
  formatRatio,
  headlineFigures,
  presetPeriod,
  rateChart,
  volumeChart,
} from "@/packages/staff/stats/figures";

const ratio = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

function dept(
  code: string | null,
  complaints: number,
  overrides: Partial<DepartmentStats> = {},
): DepartmentStats {
  return {
    department: code
      ? { id: "0123456789abcdef01234567", code, name: `${code}局`, shortName: code }
      : null,
    complaints,
    byStatus: [],
    byBarrierType: [],
    acceptHours: { count: 0, median: null, p90: null },
    replyHours: { count: 0, median: null, p90: null },
    closeHours: { count: 0, median: null, p90: null },
    onTimeAccept: ratio(0, 0),
    onTimeReply: ratio(0, 0),
    satisfaction: ratio(0, 0),
    reopen: ratio(0, 0),
    duplicate: ratio(0, 0),
    rectification: { total: 0, done: 0, overdue: 0, completion: ratio(0, 0) },
    ...overrides,
  };
}

const stats: StaffStatsResponse = {
  period: { from: "2026-11-05", to: "2026-12-04" },
  generatedAt: "2026-12-04T01:00:00.000Z",
  calendarComplete: true,
  total: dept(null, 10, {
    byBarrierType: [
      { code: "B01", name: "国家层面已放开但地方仍在审批", count: 1 },
      { code: "B05", name: "违规扩大审批范围、变更或增设审批条件", count: 4 },
      { code: "B02", name: "审批依据法律效力不足", count: 2 },
      { code: "B03", name: "行业壁垒", count: 1 },
      { code: "B04", name: "不敢审批", count: 1 },
      { code: "B06", name: "区域壁垒", count: 1 },
      { code: "B07", name: "其他", count: 0 },
    ],
  }),
  departments: [
    dept("scjg", 6, { onTimeReply: ratio(5, 6), satisfaction: ratio(2, 3) }),
    dept("zjj", 4),
    dept(null, 0),
  ],
};

describe("stats figures", () => {
  it("computes preset periods as inclusive CST dates", () => {
    expect(presetPeriod("30d", "2026-12-04")).toEqual({ from: "2026-11-05", to: "2026-12-04" });
    expect(presetPeriod("90d", "2026-03-01")).toEqual({ from: "2025-12-02", to: "2026-03-01" });
    expect(presetPeriod("year", "2026-12-04")).toEqual({ from: "2026-01-01", to: "2026-12-04" });
    expect(presetPeriod("custom", "2026-12-04")).toBeNull();
  });

  it("writes ratios and working hours in words, 暂无数据 without a denominator", () => {
    expect(formatRatio(ratio(5, 6))).toBe("83.3%（5/6）");
    expect(formatRatio(ratio(0, 0))).toBe("暂无数据");
    expect(formatHours(6.54)).toBe("6.5 小时");
    expect(formatHours(20)).toBe("2.5 个工作日（20 小时）");
    expect(formatHours(null)).toBe("暂无数据");
  });

  it("charts departments with complaints, rates in percent, the five largest barrier types and the rest", () => {
    expect(volumeChart(stats)).toEqual({
      type: "column",
      categories: ["scjg", "zjj"],
      series: [{ name: "投诉件数", data: [6, 4] }],
    });
    expect(rateChart(stats)).toMatchObject({
      categories: ["scjg"],
      series: [{ data: [83.3] }, { data: [66.7] }],
    });
    const ring = barrierChart(stats.total);
    expect(ring.categories[0]).toBe("B05 违规扩大审批范围…");
    expect(ring.categories).toHaveLength(6);
    expect(ring.categories[5]).toBe("其他类型");
    expect(ring.series[0].data).toEqual([4, 2, 1, 1, 1, 1]);
  });

  it("lists the headline figures in reading order", () => {
    expect(
      headlineFigures(stats.departments[0])
        .slice(0, 3)
        .map((f) => `${f.label}:${f.value}`),
    ).toEqual(["投诉件数:6 件", "按时受理率:暂无数据", "按时答复率:83.3%（5/6）"]);
  });

  it("gives uCharts device-pixel sizes, percent axes and ring slices", () => {
    const bars = chartOptions(rateChart(stats), { width: 300, height: 200, dpr: 2, fontSize: 11 });
    expect(bars).toMatchObject({
      type: "bar",
      width: 600,
      height: 400,
      pixelRatio: 2,
      canvas2d: true,
      animation: false,
    });
    expect((bars.xAxis as { max?: number }).max).toBe(100);
    // Horizontal bars keep the department names on the y axis.
    expect((bars.yAxis as { data?: unknown }).data).toBeUndefined();
    // Counts get whole-number grid steps (a maximum that is a multiple of 5).
    const columns = chartOptions(volumeChart(stats), {
      width: 300,
      height: 200,
      dpr: 1,
      fontSize: 11,
    });
    expect((columns.yAxis as { data: Array<{ max: number }> }).data[0].max).toBe(10);
    const ring = chartOptions(barrierChart(stats.total), {
      width: 300,
      height: 200,
      dpr: 1,
      fontSize: 15,
    });
    expect(
      (ring.series as Array<{ data: Array<{ name: string; value: number }> }>)[0].data[0],
    ).toEqual({
      name: "B05 违规扩大审批范围…",
      value: 4,
    });
  });
});
