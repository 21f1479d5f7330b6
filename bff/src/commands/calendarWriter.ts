import { ValidationError } from "../errors";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { calendarRepository, type DeadlinePolicyFields } from "../models/calendar/calendar.repository";
import type { DeadlinePolicyRecord, WorkCalendarRecord } from "../models/calendar/calendar.schema";
import type { Actor } from "../types";

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * Records a year's holiday arrangement (法定节假日 and 调休上班日) after checking it: dates of that
 * year (or the days next to it), working days only on weekends, no day both off and on. Audited.
 * @param actor the administrator.
 * @param year the year.
 * @param input the days and the notice they follow.
 * @param requestId for the audit trail.
 * @returns the stored year.
 */
export async function calendarWriter(actor: Actor, year: number, input: { holidays: string[]; workdays: string[]; source: string }, requestId?: string): Promise<WorkCalendarRecord> {
  const holidays = [...new Set(input.holidays)].sort();
  const workdays = [...new Set(input.workdays)].sort();
  // A year's arrangement may reach into the neighbouring weeks (e.g. 元旦 starting on 31 December).
  const inYear = (d: string) => d.startsWith(`${year}-`) || d.startsWith(`${year - 1}-12`) || d.startsWith(`${year + 1}-01`);
  const wrongYear = [...holidays, ...workdays].filter((d) => !inYear(d));
  if (wrongYear.length) throw ValidationError(`日期不属于 ${year} 年：${wrongYear.join("、")}`, [{ path: "body.holidays", message: "日期不属于该年" }]);
  const both = holidays.filter((d) => workdays.includes(d));
  if (both.length) throw ValidationError(`同一天不能既放假又上班：${both.join("、")}`, [{ path: "body.workdays", message: "与节假日重复" }]);
  const weekdays = workdays.filter((d) => !isWeekend(d));
  if (weekdays.length) throw ValidationError(`调休上班日应为周六或周日：${weekdays.join("、")}`, [{ path: "body.workdays", message: "不是周末" }]);
  const stored = await calendarRepository.putYear(year, { holidays, workdays, source: input.source, updatedBy: actor.userId });
  await auditLogRepository.record({ actor, action: "calendar.update", resourceType: "calendar", resourceId: String(year), details: { source: input.source, holidays: holidays.length, workdays: workdays.length }, requestId });
  return stored;
}

/**
 * Sets the handling time limits of a barrier type ("*": the default). Audited.
 * @param actor the administrator.
 * @param key the barrier type or "*".
 * @param limits the limits in working days.
 * @param requestId for the audit trail.
 * @returns the stored limits.
 */
export async function deadlinePolicyWriter(actor: Actor, key: string, limits: DeadlinePolicyFields, requestId?: string): Promise<DeadlinePolicyRecord> {
  const stored = await calendarRepository.putPolicy(key, limits);
  await auditLogRepository.record({ actor, action: "deadline_policy.update", resourceType: "deadline_policy", resourceId: key, details: { ...limits }, requestId });
  return stored;
}
