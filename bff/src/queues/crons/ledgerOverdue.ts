import { RECTIFICATION_STATUSES } from "@lushan/shared";
import { RectificationModel, type RectificationRecord } from "../../models/rectification/rectification.schema";
import { NotificationModel } from "../../models/notification/notification.schema";
import { overdueNoticeKeys, shortProblem } from "../../notifications/ledgerNotices";
import { emitEvents } from "../events";
import { defineCron } from "../scheduler";

const NOT_DONE = RECTIFICATION_STATUSES.filter((s) => s !== "done");

/**
 * Every hour: each rectification task past its deadline and not signed off gets one
 * `rectification.overdue` event per overdue episode (its deadline; a new deadline that passes
 * again is a new episode). A task whose overdue notice exists is skipped, and the notices' natural
 * keys make a repeated event harmless. The schedule row is a lease, so with several instances one
 * runs it.
 */
export const ledgerOverdueCron = defineCron({
  name: "rectifications.overdue_notices",
  intervalMs: 60 * 60_000,
  async perform(ctx) {
    const now = new Date();
    const cursor = RectificationModel.find({ status: { $in: NOT_DONE }, deadline: { $lt: now } }, { _id: 1, taskNo: 1, departmentId: 1, problem: 1, responsiblePerson: 1, deadlineDate: 1, deadline: 1 })
      .sort({ deadline: 1 })
      .lean<Pick<RectificationRecord, "_id" | "taskNo" | "departmentId" | "problem" | "responsiblePerson" | "deadlineDate" | "deadline">[]>()
      .cursor({ batchSize: 200 });
    let batch: Pick<RectificationRecord, "_id" | "taskNo" | "departmentId" | "problem" | "responsiblePerson" | "deadlineDate" | "deadline">[] = [];
    let emitted = 0;
    const flush = async () => {
      const keys = batch.flatMap((t) => overdueNoticeKeys(t._id.toHexString(), t.deadline));
      const done = new Set((await NotificationModel.find({ key: { $in: keys } }, { key: 1 }).lean<{ key: string }[]>()).map((n) => n.key));
      const due = batch.filter((t) => !overdueNoticeKeys(t._id.toHexString(), t.deadline).some((k) => done.has(k)));
      if (due.length) {
        await emitEvents(
          due.map((t) => ({
            name: "rectification.overdue" as const,
            payload: {
              taskId: t._id.toHexString(),
              taskNo: t.taskNo,
              departmentId: t.departmentId.toHexString(),
              problem: shortProblem(t.problem, 200),
              responsiblePerson: t.responsiblePerson,
              deadlineDate: t.deadlineDate,
              deadline: t.deadline.toISOString(),
            },
          })),
        );
        emitted += due.length;
      }
      batch = [];
    };
    for await (const t of cursor) {
      batch.push(t);
      if (batch.length === 200) await flush();
    }
    if (batch.length) await flush();
    if (emitted) {
      ctx.log.info({ emitted }, "整改事项逾期提醒已生成");
      ctx.services.queue.nudge();
    }
  },
});
