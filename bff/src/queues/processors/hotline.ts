import { deadWorkOrderNotice } from "../../hotline/alerts";
import { workOrderRepository } from "../../models/workOrder/workOrder.repository";
import { hotlineMetrics } from "../../hotline/metrics";
import { ensureNotification, fanOut } from "../../notifications/fanout";
import { defineProcessor } from "../processor";

/** Raises a dead-lettered 12345 work order to the administrators' message center. */
export const hotlineDeadAlertProcessor = defineProcessor({
  name: "hotline.dead_alert",
  events: ["hotline.work_order_dead"],
  async perform(event, ctx) {
    hotlineMetrics.deadNow.set((await workOrderRepository.countByState()).dead);
    const spec = await deadWorkOrderNotice(event.payload, event.id);
    if (!spec) {
      ctx.log.error({ ticketNo: event.payload.ticketNo }, "12345 工单推送失败，但没有可通知的系统管理员");
      return;
    }
    await fanOut(await ensureNotification(spec), ctx);
    ctx.services.queue.nudge();
  },
});
