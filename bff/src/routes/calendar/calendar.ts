import { complaintConfigContract } from "@lushan/shared";
import { DEFAULT_POLICY } from "../../complaints/deadlines";
import { NotFoundError, ValidationError } from "../../errors";
import { auditLogRepository } from "../../models/auditLog/auditLog.repository";
import { calendarRepository } from "../../models/calendar/calendar.repository";
import type { DeadlinePolicyRecord, WorkCalendarRecord } from "../../models/calendar/calendar.schema";
import { register, type ApiRouter } from "../register";

function presentYear(y: WorkCalendarRecord) {
  return { year: y._id, holidays: y.holidays, workdays: y.workdays, source: y.source, updatedAt: y.updatedAt.toISOString() };
}

function presentPolicy(p: Pick<DeadlinePolicyRecord, "_id" | "acceptDays" | "replyDays" | "complexReplyDays" | "autoCloseDays">) {
  return { barrierType: p._id, acceptDays: p.acceptDays, replyDays: p.replyDays, complexReplyDays: p.complexReplyDays, autoCloseDays: p.autoCloseDays };
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** The working-day calendar and the handling time limits (both data, edited by administrators). */
export function calendarRoutes(router: ApiRouter): void {
  register(router, complaintConfigContract.calendar, async (ctx) => {
    const y = await calendarRepository.year(ctx.input.params.year);
    if (!y) throw NotFoundError(`尚未录入 ${ctx.input.params.year} 年节假日安排（时限暂按周末计算）`);
    return presentYear(y);
  });

  register(router, complaintConfigContract.putCalendar, async (ctx) => {
    const year = ctx.input.params.year;
    const holidays = [...new Set(ctx.input.body.holidays)].sort();
    const workdays = [...new Set(ctx.input.body.workdays)].sort();
    // A year's arrangement may reach into the neighbouring weeks (e.g. 元旦 starting on 31 December).
    const inYear = (d: string) => d.startsWith(`${year}-`) || d.startsWith(`${year - 1}-12`) || d.startsWith(`${year + 1}-01`);
    const wrongYear = [...holidays, ...workdays].filter((d) => !inYear(d));
    if (wrongYear.length) throw ValidationError(`日期不属于 ${year} 年：${wrongYear.join("、")}`, [{ path: "body.holidays", message: "日期不属于该年" }]);
    const both = holidays.filter((d) => workdays.includes(d));
    if (both.length) throw ValidationError(`同一天不能既放假又上班：${both.join("、")}`, [{ path: "body.workdays", message: "与节假日重复" }]);
    const weekdays = workdays.filter((d) => !isWeekend(d));
    if (weekdays.length) throw ValidationError(`调休上班日应为周六或周日：${weekdays.join("、")}`, [{ path: "body.workdays", message: "不是周末" }]);
    const y = await calendarRepository.putYear(year, { holidays, workdays, source: ctx.input.body.source, updatedBy: ctx.state.actor!.userId });
    await auditLogRepository.record({ actor: ctx.state.actor!, action: "calendar.update", resourceType: "calendar", resourceId: String(year), details: { source: y.source, holidays: holidays.length, workdays: workdays.length }, requestId: ctx.state.requestId });
    ctx.services.deadlines.invalidate();
    return presentYear(y);
  });

  register(router, complaintConfigContract.deadlinePolicies, async () => {
    const items = (await calendarRepository.policies()).map(presentPolicy);
    if (!items.some((i) => i.barrierType === "*")) items.unshift(presentPolicy({ _id: "*", ...DEFAULT_POLICY }));
    return { items };
  });

  register(router, complaintConfigContract.putDeadlinePolicy, async (ctx) => {
    const key = ctx.input.params.barrierType;
    const p = await calendarRepository.putPolicy(key, ctx.input.body);
    await auditLogRepository.record({ actor: ctx.state.actor!, action: "deadline_policy.update", resourceType: "deadline_policy", resourceId: key, details: { ...ctx.input.body }, requestId: ctx.state.requestId });
    ctx.services.deadlines.invalidate();
    return presentPolicy(p);
  });
}
