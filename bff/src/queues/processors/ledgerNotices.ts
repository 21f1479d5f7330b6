import { isRectificationOverdue } from "@lushan/shared";
import { rectificationRepository } from "../../models/rectification/rectification.repository";
import { ensureNotification, fanOut } from "../../notifications/fanout";
import { ledgerNotices } from "../../notifications/ledgerNotices";
import { defineProcessor } from "../processor";

/**
 * Tells the owner department and the coordinators about the rectification ledger (整改台账) in
 * their message center: new tasks, changes of owner or deadline, returned sign-off requests,
 * sign-off requests and overdue tasks. Each notice has a natural key, so a replayed event
 * notifies nobody twice.
 */
export const ledgerNoticeProcessor = defineProcessor({
  name: "notifications.rectification",
  events: ["rectification.opened", "rectification.reassigned", "rectification.signoff_requested", "rectification.returned", "rectification.overdue"],
  async perform(event, ctx) {
    if (event.name === "rectification.overdue") {
      // Signed off or given a new deadline before the notice went out: nothing is overdue any more.
      const t = await rectificationRepository.findById(event.payload.taskId);
      const deadline = (event.payload as { deadline: string }).deadline;
      if (!t || t.deadline.getTime() !== new Date(deadline).getTime() || !isRectificationOverdue(t.status, t.deadline, new Date())) return;
    }
    for (const spec of await ledgerNotices(event.name, event.payload, event.id, event.actorId)) {
      await fanOut(await ensureNotification(spec), ctx);
    }
    ctx.services.queue.nudge();
  },
});
