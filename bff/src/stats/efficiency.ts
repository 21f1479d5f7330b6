import {
  BARRIER_TYPES,
  COMPLAINT_STATUSES,
  STATUS_LABELS,
  cstDate,
  endOfCstDay,
  workingHoursBetween,
  type DepartmentStats,
  type Ratio,
  type StaffStatsResponse,
  type WorkCalendar,
} from "@lushan/shared";
import type { Types } from "mongoose";
import type { DeadlineService } from "../complaints/deadlines";
import { ValidationError } from "../errors";
import type { DepartmentRecord } from "../models/department/department.schema";
import { rectificationRepository } from "../models/rectification/rectification.repository";
import type { DepartmentScope } from "../models/scope";
import { presentDepartmentSummary } from "../presenters/department";
import { statsRepository, type StatsComplaint } from "./stats.repository";

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

/** A period of CST dates and its instants. */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/**
 * The period of a query: `to` defaults to today, `from` to 29 days before `to` (30 days).
 * @param from first date (YYYY-MM-DD) or undefined.
 * @param to last date or undefined.
 * @param now the current time.
 * @returns the period.
 */
export function periodOf(from: string | undefined, to: string | undefined, now = new Date()): Period {
  const last = to ?? cstDate(now);
  const first = from ?? cstDate(new Date(new Date(`${last}T12:00:00+08:00`).getTime() - 29 * DAY_MS));
  if (first > last) throw ValidationError("开始日期不能晚于结束日期", [{ path: "query.from", message: "开始日期不能晚于结束日期" }]);
  const start = new Date(`${first}T00:00:00+08:00`);
  const end = endOfCstDay(last);
  if ((end.getTime() - start.getTime()) / DAY_MS > MAX_DAYS) throw ValidationError(`统计时段不能超过 ${MAX_DAYS} 天`, [{ path: "query.from", message: `统计时段不能超过 ${MAX_DAYS} 天` }]);
  return { from: first, to: last, start, end };
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Median (mean of the two middle values for an even count) and 90th percentile (nearest rank:
 * the ⌈0.9·n⌉-th smallest value).
 * @param values durations.
 * @returns count, median and p90 (null when empty).
 */
export function distribution(values: number[]): { count: number; median: number | null; p90: number | null } {
  if (values.length === 0) return { count: 0, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1];
  return { count: n, median: round(median), p90: round(p90) };
}

/** A ratio with its parts; the rate is rounded to 4 decimals, null when nothing to divide by. */
export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : round(numerator / denominator, 4) };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The facts of one complaint the figures are computed from. */
interface Facts {
  c: StatsComplaint;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  repliedAt: Date | null;
}

function factsOf(c: StatsComplaint): Facts {
  const timeline = [...(c.timeline ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = (p: (e: StatsComplaint["timeline"][number]) => boolean) => timeline.find(p)?.at ?? null;
  return {
    c,
    assignedAt: first((e) => e.to === "assigned"),
    acceptedAt: first((e) => e.action === "accept"),
    repliedAt: first((e) => e.action === "reply"),
  };
}

/** Closed after a reply (rated, closed by staff or automatically), not withdrawn, refused or merged. */
const HANDLED_CLOSE = new Set(["rated", "auto", "staff"]);

interface TaskFacts {
  departmentId: Types.ObjectId;
  status: string;
  deadline: Date;
}

/**
 * Deadlines depend only on the start's CST date, the barrier type and complexity: remembered per
 * computation, so a month of complaints costs a few dozen calendar walks instead of thousands.
 */
class DeadlineMemo {
  private readonly memo = new Map<string, Promise<Date>>();
  constructor(private readonly deadlines: DeadlineService) {}

  acceptBy(from: Date, barrierType: string): Promise<Date> {
    const key = `a:${cstDate(from)}:${barrierType}`;
    let hit = this.memo.get(key);
    if (!hit) this.memo.set(key, (hit = this.deadlines.acceptBy(from, barrierType)));
    return hit;
  }

  replyBy(from: Date, barrierType: string, complex: boolean): Promise<Date> {
    const key = `r:${cstDate(from)}:${barrierType}:${complex}`;
    let hit = this.memo.get(key);
    if (!hit) this.memo.set(key, (hit = this.deadlines.replyBy(from, barrierType, complex)));
    return hit;
  }
}

async function figures(
  label: string,
  department: DepartmentRecord | null,
  rows: Facts[],
  tasks: TaskFacts[],
  calendar: WorkCalendar,
  deadlines: DeadlineMemo,
  now: Date,
): Promise<DepartmentStats> {
  const byStatus = new Map<string, number>();
  const byType = new Map<string, number>();
  const accept: number[] = [];
  const reply: number[] = [];
  const close: number[] = [];
  let acceptDue = 0;
  let acceptOnTime = 0;
  let replyDue = 0;
  let replyOnTime = 0;
  let rated = 0;
  let satisfied = 0;
  let replied = 0;
  let reopened = 0;
  let merged = 0;
  for (const f of rows) {
    const { c } = f;
    byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    byType.set(c.barrierType, (byType.get(c.barrierType) ?? 0) + 1);
    if (f.assignedAt) {
      const due = await deadlines.acceptBy(f.assignedAt, c.barrierType);
      if (f.acceptedAt) {
        accept.push(workingHoursBetween(f.assignedAt, f.acceptedAt, calendar));
        acceptDue++;
        if (f.acceptedAt <= due) acceptOnTime++;
      } else if (now > due && c.status !== "merged" && c.status !== "closed") {
        acceptDue++;
      }
    }
    if (f.acceptedAt) {
      const due = await deadlines.replyBy(f.acceptedAt, c.barrierType, c.complex);
      if (f.repliedAt) {
        reply.push(workingHoursBetween(f.acceptedAt, f.repliedAt, calendar));
        replyDue++;
        if (f.repliedAt <= due) replyOnTime++;
      } else if (now > due && c.status !== "merged" && c.status !== "closed") {
        replyDue++;
      }
    }
    if (c.status === "closed" && c.closedAt && c.closeReason && HANDLED_CLOSE.has(c.closeReason)) close.push(workingHoursBetween(c.createdAt, c.closedAt, calendar));
    if (c.rating) {
      rated++;
      if (c.rating.value !== "unsatisfied") satisfied++;
    }
    if (f.repliedAt) {
      replied++;
      if (c.reopenCount > 0) reopened++;
    }
    if (c.status === "merged") merged++;
  }
  const done = tasks.filter((t) => t.status === "done").length;
  return {
    department: department ? presentDepartmentSummary(department) : null,
    label,
    complaints: rows.length,
    byStatus: COMPLAINT_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: byStatus.get(status) ?? 0 })),
    byBarrierType: BARRIER_TYPES.map((t) => ({ code: t.code, name: t.name, count: byType.get(t.code) ?? 0 })),
    acceptHours: distribution(accept),
    replyHours: distribution(reply),
    closeHours: distribution(close),
    onTimeAccept: ratio(acceptOnTime, acceptDue),
    onTimeReply: ratio(replyOnTime, replyDue),
    satisfaction: ratio(satisfied, rated),
    reopen: ratio(reopened, replied),
    duplicate: ratio(merged, rows.length),
    rectification: {
      total: tasks.length,
      done,
      overdue: tasks.filter((t) => t.status !== "done" && t.deadline < now).length,
      completion: ratio(done, tasks.length),
    },
  };
}

/**
 * Efficiency statistics (效能评估) of complaints submitted in a period and rectification tasks
 * opened in it, per department and in total, over the caller's scope.
 * @param scope the caller's department scope (department staff: their own).
 * @param period the period.
 * @param departments every department (for names and rows with no complaints).
 * @param only restrict to one department (within the scope).
 * @param deadlines the working-day calendar and deadline policies.
 * @param now the current time (deadlines not yet reached are not counted as late).
 * @returns the figures.
 */
export async function efficiencyStats(
  scope: DepartmentScope,
  period: Period,
  departments: DepartmentRecord[],
  only: DepartmentRecord | null,
  deadlines: DeadlineService,
  now = new Date(),
): Promise<StaffStatsResponse> {
  const effective: DepartmentScope = scope.kind === "department" ? scope : only ? { kind: "department", departmentId: only._id } : scope;
  const [complaints, tasks, calendar] = await Promise.all([
    statsRepository.complaintsSubmittedBetween(effective, period.start, period.end),
    rectificationRepository.createdBetween(effective, period.start, period.end),
    deadlines.workCalendar(),
  ]);
  const facts = complaints.map(factsOf);
  const memo = new DeadlineMemo(deadlines);
  const key = (id: Types.ObjectId | null) => (id ? id.toHexString() : "none");
  const factsBy = groupBy(facts, (f) => key(f.c.departmentId));
  const tasksBy = groupBy(tasks, (t) => key(t.departmentId));
  const rows: DepartmentStats[] = [];
  const shown = effective.kind === "department" ? departments.filter((d) => d._id.equals(effective.departmentId)) : departments.filter((d) => d.active);
  for (const d of shown) {
    const k = key(d._id);
    rows.push(await figures(d.name, d, factsBy.get(k) ?? [], tasksBy.get(k) ?? [], calendar, memo, now));
  }
  if (effective.kind === "all") {
    const known = new Set(shown.map((d) => key(d._id)));
    const rest = [...factsBy].filter(([k]) => !known.has(k)).flatMap(([, list]) => list);
    if (rest.length) rows.push(await figures("未派单", null, rest, [], calendar, memo, now));
  }
  const years = new Set<number>();
  for (let t = period.start.getTime(); t <= period.end.getTime(); t += DAY_MS) years.add(Number(cstDate(new Date(t)).slice(0, 4)));
  const complete = (await Promise.all([...years].map((y) => deadlines.hasYear(new Date(`${y}-06-01T00:00:00+08:00`))))).every(Boolean);
  return {
    period: { from: period.from, to: period.to },
    generatedAt: now.toISOString(),
    calendarComplete: complete,
    total: await figures(effective.kind === "department" ? (shown[0]?.name ?? "本部门") : "全部", null, facts, tasks, calendar, memo, now),
    departments: rows,
  };
}
