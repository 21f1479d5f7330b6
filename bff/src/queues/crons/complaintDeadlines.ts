import { withTransaction } from "../../db/transaction";
import { statusEvent, timelineEntry } from "../../complaints/dispatcher";
import { complaintMetrics } from "../../complaints/metrics";
import { complaintRepository } from "../../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../../models/complaint/complaint.schema";
import { emitEvents } from "../events";
import { defineCron } from "../scheduler";

const DUE_SOON_MS = 8 * 3_600_000;

/**
 * Every few minutes: flags complaints that are due soon or overdue (overdue ones enter the
 * coordinator's 督办 queue and the department hears about it once), and closes replies nobody
 * rated within the configured silence. The schedule row is a lease, so with several instances
 * one runs it; each change is also guarded by the complaint's version, so a run that overlaps a
 * lifecycle action or another run changes nothing twice.
 */
export const complaintDeadlinesCron = defineCron({
  name: "complaints.deadlines",
  intervalMs: 5 * 60_000,
  async perform(ctx) {
    const now = new Date();
    let overdue = 0;
    for (const c of await complaintRepository.withRunningClock()) {
      if (c.status === "replied") {
        if (c.repliedAt && (await ctx.services.deadlines.autoCloseAt(c.repliedAt, c.barrierType)) < now) await autoClose(c);
        continue;
      }
      const due = c.status === "assigned" ? c.deadlines.acceptBy : c.deadlines.replyBy;
      if (!due) continue;
      const isOverdue = due < now;
      const isDueSoon = !isOverdue && due.getTime() - now.getTime() < DUE_SOON_MS;
      if (isOverdue) overdue++;
      if (isOverdue && !c.overdue) await markOverdue(c);
      else if (!isOverdue && (isDueSoon !== c.dueSoon || c.overdue)) await complaintRepository.update(c, { $set: { dueSoon: isDueSoon, overdue: false } });
    }
    complaintMetrics.overdue.set(overdue);
    ctx.services.queue.nudge();
  },
});

async function markOverdue(c: ComplaintRecord): Promise<void> {
  const what = c.status === "assigned" ? "受理" : "答复";
  await withTransaction(async (session) => {
    const updated = await complaintRepository.update(
      c,
      {
        $set: { overdue: true, dueSoon: false },
        $push: { timeline: timelineEntry({ action: "overdue", actorId: null, actorRole: "system", from: c.status, to: c.status, note: `已超过${what}时限，进入督办队列`, internal: true }) },
      },
      session,
    );
    if (updated) await emitEvents([{ name: "complaint.status_changed", payload: statusEvent(updated, c.status, "overdue") }], session);
  });
}

async function autoClose(c: ComplaintRecord): Promise<void> {
  await withTransaction(async (session) => {
    const updated = await complaintRepository.update(
      c,
      {
        $set: { status: "closed", closedAt: new Date(), closeReason: "auto" },
        $push: { timeline: timelineEntry({ action: "auto_close", actorId: null, actorRole: "system", from: "replied", to: "closed", note: "答复后逾期未评价，系统自动办结" }) },
      },
      session,
      { status: "replied" },
    );
    if (updated) await emitEvents([{ name: "complaint.status_changed", payload: statusEvent(updated, "replied", "auto_close") }], session);
  });
}
