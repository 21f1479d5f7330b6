import fc from "fast-check";
import { percent, toCsv } from "../../../bff/src/stats/csv";
import { distribution, periodOf, ratio } from "../../../bff/src/stats/efficiency";

describe("statistics helpers", () => {
  it("computes the median and the nearest-rank 90th percentile", () => {
    expect(distribution([])).toEqual({ count: 0, median: null, p90: null });
    expect(distribution([5])).toEqual({ count: 1, median: 5, p90: 5 });
    expect(distribution([16, 0.6667, 2])).toEqual({ count: 3, median: 2, p90: 16 });
    expect(distribution([1, 2, 3, 4])).toEqual({ count: 4, median: 2.5, p90: 4 });
    expect(distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, median: 5.5, p90: 9 });
  });

  it("keeps median ≤ p90 within the range of the values", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { minLength: 1, maxLength: 200 }), (values) => {
        const d = distribution(values);
        const min = Math.min(...values);
        const max = Math.max(...values);
        return d.count === values.length && d.median! <= d.p90! + 0.01 && d.median! >= min - 0.01 && d.p90! <= max + 0.01;
      }),
    );
  });

  it("rates with their parts, null when there is nothing to divide", () => {
    expect(ratio(2, 3)).toEqual({ numerator: 2, denominator: 3, rate: 0.6667 });
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(percent(0.6667)).toBe("66.7%");
    expect(percent(null)).toBe("");
  });

  it("defaults the period to the last 30 days and refuses reversed or over-long periods", () => {
    const p = periodOf(undefined, "2026-03-31");
    expect(p.from).toBe("2026-03-02");
    expect(p.start.toISOString()).toBe("2026-03-01T16:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-03-31T15:59:59.999Z");
    expect(periodOf(undefined, undefined, new Date("2026-12-04T20:00:00Z")).to).toBe("2026-12-05");
    expect(() => periodOf("2026-04-01", "2026-03-01")).toThrow("开始日期不能晚于结束日期");
    expect(() => periodOf("2024-01-01", "2026-01-01")).toThrow("不能超过");
    expect(periodOf("2025-03-31", "2026-03-31").from).toBe("2025-03-31");
  });

  it("writes CSV for Excel: BOM, CRLF, quoting, and no formulas from user text", () => {
    const csv = toCsv(["部门", "说明", "数"], [["市场监管局", '含,逗号与"引号"', 3], ["=HYPERLINK(\"x\")", "-1+1", null]]);
    expect(csv.startsWith("\uFEFF部门,说明,数\r\n")).toBe(true);
    expect(csv).toContain('市场监管局,"含,逗号与""引号""",3\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",'-1+1,\r\n`);
  });
});
