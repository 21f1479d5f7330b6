import { HOTLINE_DELIVERY_LABELS, hotlineContract, type HotlineDeliveryState } from "@lushan/shared";
import { InvalidTransitionError } from "../../errors";
import { hotlineMetrics } from "../../hotline/metrics";
import { acknowledgeWorkOrder, claimWorkOrder, dispatchWorkOrder, loadWorkOrder, presentWorkOrders, queuePage } from "../../hotline/queue";
import { auditLogRepository } from "../../models/auditLog/auditLog.repository";
import { workOrderRepository } from "../../models/workOrder/workOrder.repository";
import type { WorkOrderRecord } from "../../models/workOrder/workOrder.schema";
import type { Actor, AppContext } from "../../types";
import { register, type ApiRouter } from "../register";

/** One work order in full; showing the complainant's identity is audit-logged. */
async function presentOne(ctx: AppContext, actor: Actor, wo: WorkOrderRecord) {
  const [view] = await presentWorkOrders(actor, [wo], { services: ctx.services, config: ctx.config }, true);
  if (view.requester) {
    await auditLogRepository.record({
      actor,
      action: "complaint.disclose_contact",
      resourceType: "complaint",
      resourceId: wo.ticketNo,
      departmentId: actor.departmentId,
      details: { confidential: view.confidential, relation: "hotline", via: "hotline_queue" },
      requestId: ctx.state.requestId,
    });
  }
  return view;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The 12345 operator queue (in-product, without a platform) and the administrators' delivery view. */
export function hotlineRoutes(router: ApiRouter): void {
  register(router, hotlineContract.queue, async (ctx) => queuePage(ctx.state.actor!, ctx.input.query, { services: ctx.services, config: ctx.config }));

  register(router, hotlineContract.summary, async (ctx) => ({ ...(await workOrderRepository.queueCounts(ctx.state.actor!.userId)), local: !ctx.config.hotline.url }));

  register(router, hotlineContract.get, async (ctx) => {
    const actor = ctx.state.actor!;
    const { wo } = await loadWorkOrder(actor, ctx.input.params.ticketNo);
    return presentOne(ctx, actor, wo);
  });

  register(router, hotlineContract.claim, async (ctx) => {
    const actor = ctx.state.actor!;
    return presentOne(ctx, actor, await claimWorkOrder(actor, ctx.input.params.ticketNo, { services: ctx.services, config: ctx.config }));
  });

  register(router, hotlineContract.acknowledge, async (ctx) => {
    const actor = ctx.state.actor!;
    return presentOne(ctx, actor, await acknowledgeWorkOrder(actor, ctx.input.params.ticketNo, { services: ctx.services, config: ctx.config }));
  });

  register(router, hotlineContract.dispatch, async (ctx) => {
    const actor = ctx.state.actor!;
    return presentOne(ctx, actor, await dispatchWorkOrder(actor, ctx.input.params.ticketNo, ctx.input.body, { services: ctx.services, config: ctx.config }));
  });

  register(router, hotlineContract.deliveries, async (ctx) => {
    const { state, page, pageSize } = ctx.input.query;
    const [{ rows, total }, byState] = await Promise.all([workOrderRepository.listByState(state, page, pageSize), workOrderRepository.countByState()]);
    hotlineMetrics.deadNow.set(byState.dead);
    return {
      items: rows.map((wo) => ({
        ticketNo: wo.ticketNo,
        title: String((wo.payload as { title?: string }).title ?? ""),
        deliveryState: wo.deliveryState as HotlineDeliveryState,
        deliveryStateLabel: HOTLINE_DELIVERY_LABELS[wo.deliveryState as HotlineDeliveryState],
        attempts: wo.attempts,
        lastError: wo.lastError ?? null,
        nextAttemptAt: wo.deliveryState === "pending" || wo.deliveryState === "failed" ? iso(wo.nextAttemptAt) : null,
        deliveredAt: iso(wo.deliveredAt),
        externalId: wo.externalId ?? null,
        externalStatus: wo.externalStatus ?? null,
        updatedAt: (wo as unknown as { updatedAt: Date }).updatedAt.toISOString(),
      })),
      total,
      page,
      pageSize,
      summary: { byState },
    };
  });

  register(router, hotlineContract.retryDelivery, async (ctx) => {
    const actor = ctx.state.actor!;
    const { ticketNo } = ctx.input.params;
    if (!(await workOrderRepository.revive(ticketNo))) throw InvalidTransitionError("只有推送失败已停止的工单可以重新推送");
    await auditLogRepository.record({ actor, action: "hotline.retry_delivery", resourceType: "workOrder", resourceId: ticketNo, departmentId: null, details: {}, requestId: ctx.state.requestId });
    return { ok: true as const };
  });
}
