import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Config } from "../config";
import { withTransaction } from "../db/transaction";
import { HotlineClient } from "../integrations/hotline/client";
import type { Logger } from "../logger";
import { workOrderRepository } from "../models/workOrder/workOrder.repository";
import type { WorkOrderRecord } from "../models/workOrder/workOrder.schema";
import { emitEvents } from "../queues/events";
import { exponentialBackoff } from "../queues/task";
import { hotlineMetrics } from "./metrics";
import { appendTimeline } from "./timeline";

/** What one dispatcher run did. */
export interface DispatchSummary {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
  /** Records whose lease ran out while this instance was still sending (another one took over). */
  leaseLost: number;
  /** Work orders moved to the in-product queue (no platform configured). */
  local: number;
}

export interface DispatcherOptions {
  config: Config;
  log: Logger;
  /** Sends in parallel (each its own claimed record). */
  concurrency?: number;
  /** Stops claiming new records after this long (the rest waits for the next run). */
  budgetMs?: number;
  /** Identifies this instance in leases. */
  id?: string;
}

/**
 * Pushes pending 12345 work orders to the platform. Each record is claimed with a lease by one
 * atomic findOneAndUpdate, so any number of dispatcher instances (BFF worker processes) can run
 * at once without sending a record in parallel; a crashed sender's record is taken over when its
 * lease runs out. The platform deduplicates by our ticket number (Idempotency-Key), so a record
 * sent twice (a lease lost in the middle of a slow send) still arrives once. Failures are retried
 * with exponential backoff and jitter; after `HOTLINE_MAX_ATTEMPTS` (or a refusal that a retry
 * cannot fix) the record is dead-lettered and the `hotline.work_order_dead` event alerts the
 * administrators, in one transaction. Without a platform, pending work orders go to the
 * in-product operator queue (`local`).
 */
export class HotlineDispatcher {
  readonly id: string;
  private readonly client: HotlineClient;
  private readonly backoff: (attempt: number) => number;
  private readonly leaseMs: number;

  constructor(private readonly options: DispatcherOptions) {
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const h = options.config.hotline;
    this.client = new HotlineClient(h);
    this.backoff = exponentialBackoff(h.backoffBaseMs, h.backoffMaxMs);
    // Long enough for a send that ends in a timeout, with room for the bookkeeping after it.
    this.leaseMs = h.timeoutMs * 2 + 5_000;
  }

  /**
   * Sends what is due now.
   * @returns what happened.
   */
  async runOnce(): Promise<DispatchSummary> {
    const summary: DispatchSummary = { claimed: 0, delivered: 0, retried: 0, dead: 0, leaseLost: 0, local: 0 };
    if (!this.client.configured) {
      summary.local = await workOrderRepository.adoptLocal();
      return summary;
    }
    const deadline = Date.now() + (this.options.budgetMs ?? 30_000);
    const lane = async () => {
      while (Date.now() < deadline) {
        const wo = await workOrderRepository.claimDue(this.id, this.leaseMs);
        if (!wo) return;
        summary.claimed++;
        await this.deliver(wo, summary);
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 8 }, lane));
    return summary;
  }

  private async deliver(wo: WorkOrderRecord, summary: DispatchSummary): Promise<void> {
    const started = Date.now();
    const result = await this.client.push(wo.payload as never);
    hotlineMetrics.pushSeconds.observe((Date.now() - started) / 1000);
    const log = this.options.log.child({ ticketNo: wo.ticketNo, attempt: wo.attempts });
    if (result.kind === "delivered") {
      if (!(await workOrderRepository.markDelivered(wo._id, this.id, result.orderId, result.status))) return this.lost(summary, log);
      summary.delivered++;
      hotlineMetrics.pushes.inc({ outcome: "delivered" });
      await appendTimeline(wo.complaintId, {
        action: "hotline_push",
        actorId: null,
        actorRole: "system",
        note: result.orderId ? `已推送12345热线平台（平台工单号 ${result.orderId}）` : "已推送12345热线平台",
      }).catch((err) => log.warn({ err }, "记录“已推送12345”失败（工单已送达）"));
      log.info({ orderId: result.orderId }, "12345 工单已推送");
      return;
    }
    const maxAttempts = this.options.config.hotline.maxAttempts;
    if (result.kind === "rejected" || wo.attempts >= maxAttempts) {
      const reason = result.kind === "rejected" ? `平台拒收：${result.error}` : `已尝试 ${wo.attempts} 次：${result.error}`;
      const marked = await withTransaction(async (session) => {
        if (!(await workOrderRepository.markDead(wo._id, this.id, reason, session))) return false;
        await emitEvents([{ name: "hotline.work_order_dead", payload: { ticketNo: wo.ticketNo, title: String((wo.payload as { title?: string }).title ?? ""), attempts: wo.attempts, lastError: reason } }], session);
        return true;
      });
      if (!marked) return this.lost(summary, log);
      summary.dead++;
      hotlineMetrics.pushes.inc({ outcome: result.kind });
      hotlineMetrics.dead.inc();
      log.error({ error: reason }, "12345 工单推送失败，已停止重试并通知管理员");
      return;
    }
    const delay = this.backoff(wo.attempts);
    if (!(await workOrderRepository.markFailed(wo._id, this.id, result.error, new Date(Date.now() + delay)))) return this.lost(summary, log);
    summary.retried++;
    hotlineMetrics.pushes.inc({ outcome: "retry" });
    log.warn({ error: result.error, retryInMs: delay }, "12345 工单推送失败，稍后重试");
  }

  private lost(summary: DispatchSummary, log: Logger): void {
    summary.leaseLost++;
    hotlineMetrics.pushes.inc({ outcome: "lease_lost" });
    log.warn("12345 工单的租约已过期并被其他实例接手，本次结果不记录");
  }
}
