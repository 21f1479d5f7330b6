import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { addWorkingDays, cstDate, endOfCstDay, isWorkingDay, workingHoursBetween, type WorkCalendar } from "@lushan/shared";

const data = JSON.parse(readFileSync(path.resolve(__dirname, "../../../bff/data/work-calendar.json"), "utf8")) as {
  years: Record<string, { holidays: string[]; workdays: string[] }>;
};
const calendar: WorkCalendar = { holidays: new Set(data.years["2026"].holidays), workdays: new Set(data.years["2026"].workdays) };
const cst = (s: string) => new Date(`${s}+08:00`);
const end = (date: string) => endOfCstDay(date).toISOString();

/** Instants across 2025-12 … 2027-01 (the shipped calendar and its edges). */
const instant = fc.integer({ min: Date.parse("2025-12-01T00:00:00Z"), max: Date.parse("2027-01-31T00:00:00Z") }).map((t) => new Date(t));

function workingDaysIn(fromExclusive: string, toInclusive: string): number {
  let n = 0;
  for (let d = new Date(`${fromExclusive}T00:00:00Z`); ; ) {
    d = new Date(d.getTime() + 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    if (iso > toInclusive) return n;
    if (isWorkingDay(iso, calendar)) n++;
  }
}

describe("the 2026 calendar (国务院办公厅 2025-11-04)", () => {
  it("has the official holidays and the 调休 Saturdays and Sundays", () => {
    expect(data.years["2026"].holidays).toHaveLength(33);
    for (const d of ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]) {
      expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
      expect(isWorkingDay(d, calendar)).toBe(true);
    }
    expect(isWorkingDay("2026-02-16", calendar)).toBe(false); // 春节, a Monday
    expect(isWorkingDay("2026-10-07", calendar)).toBe(false); // 国庆, a Wednesday
  });
});

describe("working-day deadlines", () => {
  it("counts from the next working day and ends at midnight CST", () => {
    // Friday afternoon → Monday; a 调休 Saturday counts.
    expect(addWorkingDays(cst("2026-03-06T16:00:00"), 1, calendar).toISOString()).toBe(end("2026-03-09"));
    expect(addWorkingDays(cst("2026-02-13T10:00:00"), 1, calendar).toISOString()).toBe(end("2026-02-14"));
  });

  it("jumps the Spring Festival and the National Day break", () => {
    expect(addWorkingDays(cst("2026-02-14T09:00:00"), 1, calendar).toISOString()).toBe(end("2026-02-24"));
    // 5 working days from 30 September: 8, 9, 10 (调休 Saturday), 12, 13 October.
    expect(addWorkingDays(cst("2026-09-30T11:00:00"), 5, calendar).toISOString()).toBe(end("2026-10-13"));
    // 元旦 (1–3 January) then the 调休 Sunday 4 January.
    expect(addWorkingDays(cst("2025-12-31T18:00:00"), 1, calendar).toISOString()).toBe(end("2026-01-04"));
    // 劳动节 (1–5 May), 清明 (4–6 April).
    expect(addWorkingDays(cst("2026-04-30T09:00:00"), 1, calendar).toISOString()).toBe(end("2026-05-06"));
    expect(addWorkingDays(cst("2026-04-03T09:00:00"), 1, calendar).toISOString()).toBe(end("2026-04-07"));
  });

  it("a complaint accepted just before 春节 with 15 working days (complex) is due on 12 March", () => {
    // 13 Feb → 14, 24, 25, 26, 27, 28 (调休), 2, 3, 4, 5, 6, 9, 10, 11, 12 March.
    expect(addWorkingDays(cst("2026-02-13T15:00:00"), 15, calendar).toISOString()).toBe(end("2026-03-12"));
  });

  it("lands on a working day, after the start, with exactly n working days in between (property)", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const due = addWorkingDays(start, n, calendar);
        const dueDate = cstDate(due);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(isWorkingDay(dueDate, calendar)).toBe(true);
        expect(due.toISOString()).toBe(end(dueDate));
        expect(workingDaysIn(cstDate(start), dueDate)).toBe(n);
      }),
    );
  });

  it("is additive and monotonic (property)", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 15 }), (start, a, b) => {
        expect(addWorkingDays(addWorkingDays(start, a, calendar), b, calendar).getTime()).toBe(addWorkingDays(start, a + b, calendar).getTime());
        expect(addWorkingDays(start, a + 1, calendar).getTime()).toBeGreaterThan(addWorkingDays(start, a, calendar).getTime());
      }),
    );
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 1, max: 10 }), (x, y, n) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        expect(addWorkingDays(early, n, calendar).getTime()).toBeLessThanOrEqual(addWorkingDays(late, n, calendar).getTime());
      }),
    );
  });

  it("refuses a non-positive or fractional number of days", () => {
    expect(() => addWorkingDays(new Date(), 0, calendar)).toThrow();
    expect(() => addWorkingDays(new Date(), 1.5, calendar)).toThrow();
  });

  it("measures working hours pro rata (8 per working day), additively and never negatively (property)", () => {
    expect(workingHoursBetween(cst("2026-02-13T00:00:00"), cst("2026-02-25T00:00:00"), calendar)).toBe(16 + 8);
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        const whole = workingHoursBetween(a, c, calendar);
        expect(whole).toBeGreaterThanOrEqual(0);
        expect(Math.abs(whole - (workingHoursBetween(a, b, calendar) + workingHoursBetween(b, c, calendar)))).toBeLessThan(0.05);
        expect(workingHoursBetween(c, a, calendar)).toBe(0);
      }),
    );
  });
});
