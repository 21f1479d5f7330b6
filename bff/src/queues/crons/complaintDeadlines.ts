import { withTransaction } from "../../db/transaction";
import { statusEvent, timelineEntry } from "../../complaints/dispatcher";
import { ComplaintModel, type ComplaintRecord } from "../../models/complaint/complaint.schema";
import { complaintMetrics } from "../../complaints/metrics";
import { emitEvents } from "../events";
import { defineCron } from "../scheduler";

const DUE_SOON_MS = 8 * 3_600_000;

/**
 * Every few minutes: flags complaints that are due soon or overdue (overdue ones appear in the
 * coordinator's 督办 queue and notify the department once), and closes complaints whose reply got
 * no rating within the configured silence. Runs on one instance at a time (schedule lease).
 */
export const complaintDeadlinesCron = defineCron({
  name: "complaints.deadlines",
  intervalMs: 5 * 60_000,
  async perform(ctx) {
    const now = new Date();
    const open = await ComplaintModel.find({ status: { $in: ["assigned", "accepted", "replied"] } }, { status: 1, deadlines: 1, overdue: 1, dueSoon: 1, repliedAt: 1, barrierType: 1, version: 1, ticketNo: 1 }).lean<ComplaintRecord[]>();
    let overdue = 0;
    for (const c of open) {
      if (c.status === "replied") {
        if (c.repliedAt && (await ctx.services.deadlines.autoCloseAt(c.repliedAt, c.barrierType)) < now) await autoClose(c);
        continue;
      }
      const due = c.status === "assigned" ? c.deadlines.acceptBy : c.deadlines.replyBy;
      if (!due) continue;
      const isOverdue = due < now;
      const isDueSoon = !isOverdue && due.getTime() - now.getTime() < DUE_SOON_MS;
      if (isOverdue) overdue++;
      if (isOverdue && !c.overdue) {
        await withTransaction(async (session) => {
          const updated = await ComplaintModel.findOneAndUpdate(
            { _id: c._id, version: c.version },
            {
              $set: { overdue: true, dueSoon: false },
              $push: { timeline: timelineEntry({ action: "overdue", actorId: null, actorRole: "system", from: c.status, to: c.status, note: `已超过${c.status === "assigned" ? "受理" : "答复"}时限，进入督办队列`, internal: true }) },
              $inc: { version: 1 },
            },
            { returnDocument: "after", session },
          ).lean<ComplaintRecord>();
          if (updated) await emitEvents([{ name: "complaint.status_changed", payload: statusEvent(updated, c.status, "overdue") }], session);
        });
      } else if (isDueSoon !== Boolean(c.dueSoon)) {
        await ComplaintModel.updateOne({ _id: c._id, version: c.version }, { $set: { dueSoon: isDueSoon }, $inc: { version: 1 } });
      }
    }
    complaintMetrics.overdue.set(overdue);
    ctx.services.queue.nudge();
  },
});

async function autoClose(c: ComplaintRecord): Promise<void> {
  await withTransaction(async (session) => {
    const updated = await ComplaintModel.findOneAndUpdate(
      { _id: c._id, version: c.version, status: "replied" },
      {
        $set: { status: "closed", closedAt: new Date(), closeReason: "auto" },
        $push: { timeline: timelineEntry({ action: "auto_close", actorId: null, actorRole: "system", from: "replied", to: "closed", note: "答复后逾期未评价，系统自动办结" }) },
        $inc: { version: 1 },
      },
      { returnDocument: "after", session },
    ).lean<ComplaintRecord>();
    if (updated) await emitEvents([{ name: "complaint.status_changed", payload: statusEvent(updated, "replied", "auto_close") }], session);
  });
}
