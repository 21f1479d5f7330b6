import { complaintsContract } from "@lushan/shared";
import { auditLogRepository } from "../../models/auditLog/auditLog.repository";
import { DeadlinePolicyModel, WorkCalendarModel } from "../../models/calendar/calendar.schema";
import { DEFAULT_POLICY } from "../../complaints/deadlines";
import { NotFoundError, ValidationError } from "../../errors";
import { register, type ApiRouter } from "../register";

/** The working-day calendar and the handling time limits (both data). */
export function calendarRoutes(router: ApiRouter): void {
  register(router, complaintsContract.calendar, async (ctx) => {
    const y = await WorkCalendarModel.findById(ctx.input.params.year).lean();
    if (!y) throw NotFoundError(`尚未录入 ${ctx.input.params.year} 年节假日安排（仅按周末计算工作日）`);
    return { year: y._id, holidays: y.holidays, workdays: y.workdays, source: y.source, updatedAt: y.updatedAt.toISOString() };
  });

  register(router, complaintsContract.putCalendar, async (ctx) => {
    const year = ctx.input.params.year;
    const { holidays, workdays, source } = ctx.input.body;
    const wrongYear = [...holidays, ...workdays].filter((d) => !d.startsWith(`${year}-`) && !d.startsWith(`${year - 1}-12`) && !d.startsWith(`${year + 1}-01`));
    if (wrongYear.length) throw ValidationError(`日期不属于 ${year} 年：${wrongYear.join("、")}`);
    const both = holidays.filter((d) => workdays.includes(d));
    if (both.length) throw ValidationError(`同一天不能既是假日又是上班日：${both.join("、")}`);
    const y = await WorkCalendarModel.findOneAndUpdate(
      { _id: year },
      { $set: { holidays: [...new Set(holidays)].sort(), workdays: [...new Set(workdays)].sort(), source, updatedBy: ctx.state.actor!.userId } },
      { upsert: true, returnDocument: "after" },
    ).lean();
    await auditLogRepository.record({ actor: ctx.state.actor!, action: "calendar.update", resourceType: "calendar", resourceId: String(year), details: { source }, requestId: ctx.state.requestId });
    ctx.services.deadlines.invalidate();
    return { year, holidays: y!.holidays, workdays: y!.workdays, source: y!.source, updatedAt: y!.updatedAt.toISOString() };
  });

  register(router, complaintsContract.deadlinePolicies, async () => {
    const rows = await DeadlinePolicyModel.find({}).sort({ _id: 1 }).lean();
    const items = rows.map((p) => ({ barrierType: p._id, acceptDays: p.acceptDays, replyDays: p.replyDays, complexReplyDays: p.complexReplyDays, autoCloseDays: p.autoCloseDays }));
    if (!items.some((i) => i.barrierType === "*")) items.unshift({ barrierType: "*", ...DEFAULT_POLICY });
    return { items };
  });

  register(router, complaintsContract.putDeadlinePolicy, async (ctx) => {
    const id = ctx.input.params.barrierType;
    const p = await DeadlinePolicyModel.findOneAndUpdate({ _id: id }, { $set: ctx.input.body }, { upsert: true, returnDocument: "after" }).lean();
    await auditLogRepository.record({ actor: ctx.state.actor!, action: "deadline_policy.update", resourceType: "deadline_policy", resourceId: id, details: ctx.input.body, requestId: ctx.state.requestId });
    ctx.services.deadlines.invalidate();
    return { barrierType: p!._id, acceptDays: p!.acceptDays, replyDays: p!.replyDays, complexReplyDays: p!.complexReplyDays, autoCloseDays: p!.autoCloseDays };
  });
}
