import { complaintConfigContract } from "@lushan/shared";
import { DEFAULT_POLICY } from "../../complaints/deadlines";
import { calendarWriter, deadlinePolicyWriter } from "../../commands/calendarWriter";
import { NotFoundError } from "../../errors";
import { calendarRepository } from "../../models/calendar/calendar.repository";
import type { DeadlinePolicyRecord, WorkCalendarRecord } from "../../models/calendar/calendar.schema";
import { register, type ApiRouter } from "../register";

function presentYear(y: WorkCalendarRecord) {
  return { year: y._id, holidays: y.holidays, workdays: y.workdays, source: y.source, updatedAt: y.updatedAt.toISOString() };
}

function presentPolicy(p: Pick<DeadlinePolicyRecord, "_id" | "acceptDays" | "replyDays" | "complexReplyDays" | "autoCloseDays">) {
  return { barrierType: p._id, acceptDays: p.acceptDays, replyDays: p.replyDays, complexReplyDays: p.complexReplyDays, autoCloseDays: p.autoCloseDays };
}

/** The working-day calendar and the handling time limits (both data, edited by administrators). */
export function calendarRoutes(router: ApiRouter): void {
  register(router, complaintConfigContract.calendar, async (ctx) => {
    const y = await calendarRepository.year(ctx.input.params.year);
    if (!y) throw NotFoundError(`尚未录入 ${ctx.input.params.year} 年节假日安排（时限暂按周末计算）`);
    return presentYear(y);
  });

  register(router, complaintConfigContract.putCalendar, async (ctx) => {
    const year = await calendarWriter(ctx.state.actor!, ctx.input.params.year, ctx.input.body, ctx.state.requestId);
    ctx.services.deadlines.invalidate();
    return presentYear(year);
  });

  register(router, complaintConfigContract.deadlinePolicies, async () => {
    const items = (await calendarRepository.policies()).map(presentPolicy);
    if (!items.some((i) => i.barrierType === "*")) items.unshift(presentPolicy({ _id: "*", ...DEFAULT_POLICY }));
    return { items };
  });

  register(router, complaintConfigContract.putDeadlinePolicy, async (ctx) => {
    const policy = await deadlinePolicyWriter(ctx.state.actor!, ctx.input.params.barrierType, ctx.input.body, ctx.state.requestId);
    ctx.services.deadlines.invalidate();
    return presentPolicy(policy);
  });
}
