import { HotlinePlatformEvent, FINAL_STATUSES } from "@lushan/shared";
import type { Config } from "../config";
import { AppError } from "../errors";
import { HotlineClient } from "../integrations/hotline/client";
import type { Logger } from "../logger";
import { complaintRepository } from "../models/complaint/complaint.repository";
import { workOrderRepository } from "../models/workOrder/workOrder.repository";
import type { Services } from "../services";
import { applyPlatformEvent } from "./platformEvents";

export interface PullSummary {
  orders: number;
  applied: number;
  /** Events already received by callback (or an earlier pull). */
  known: number;
  /** Events we cannot apply (unknown department, malformed): logged and left, retrying will not help. */
  skipped: number;
  failed: number;
}

/**
 * The backstop for lost callbacks: reads the platform's status of delivered work orders it has
 * not finished with and that were not checked within `HOTLINE_PULL_INTERVAL_SECONDS` (least
 * recently checked first) and applies the events not seen yet, through
 * the same once-per-event path as the callback.
 * @param deps configuration, services, logger.
 * @param limit orders per run.
 * @returns what happened.
 */
export async function pullStatuses(deps: { config: Config; services: Services; log: Logger }, limit = 200, now = new Date()): Promise<PullSummary> {
  const summary: PullSummary = { orders: 0, applied: 0, known: 0, skipped: 0, failed: 0 };
  const client = new HotlineClient(deps.config.hotline);
  if (!client.configured) return summary;
  for (const wo of await workOrderRepository.unsettledDelivered(new Date(now.getTime() - deps.config.hotline.pullIntervalMs), limit)) {
    summary.orders++;
    try {
      const complaint = await complaintRepository.findById(wo.complaintId);
      const order = await client.fetch(wo.ticketNo);
      const parsed = (order?.events ?? []).map((e) => HotlinePlatformEvent.safeParse(e));
      summary.skipped += parsed.filter((r) => !r.success).length;
      const events = parsed.filter((r) => r.success).map((r) => r.data!);
      events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      for (const e of events) {
        if (e.ticketNo !== wo.ticketNo) continue;
        try {
          await applyPlatformEvent(e, "pull", deps);
          summary.applied++;
        } catch (err) {
          if (err instanceof AppError && err.code === "replayed_request") summary.known++;
          else if (err instanceof AppError && err.status < 500) {
            summary.skipped++;
            deps.log.warn({ ticketNo: wo.ticketNo, eventId: e.eventId, code: err.code, message: err.message }, "12345 平台状态无法应用，已跳过");
          } else throw err;
        }
      }
      const after = await workOrderRepository.findByTicketNo(wo.ticketNo);
      const closedHere = complaint ? FINAL_STATUSES.includes(complaint.status) : true;
      await workOrderRepository.markPulled(wo._id, Boolean(after?.settledAt) || closedHere);
    } catch (err) {
      summary.failed++;
      await workOrderRepository.markPulled(wo._id, false);
      deps.log.warn({ err, ticketNo: wo.ticketNo }, "查询 12345 工单状态失败");
    }
  }
  return summary;
}
