import { HOTLINE_PLATFORM_STATUS_LABELS, STATUS_LABELS, type ComplaintStatus, type HotlinePlatformEvent } from "@lushan/shared";
import { complaintTransitioner, type TransitionInput } from "../commands/complaintTransitioner";
import type { Config } from "../config";
import { NotFoundError, ReplayedRequestError, ValidationError } from "../errors";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { workOrderRepository } from "../models/workOrder/workOrder.repository";
import type { Services } from "../services";
import { hotlineMetrics } from "./metrics";
import { platformActor } from "./platformActor";

export interface AppliedEvent {
  eventId: string;
  ticketNo: string;
  applied: boolean;
  outcome: string;
  complaintStatus: ComplaintStatus;
}

/** Statuses after which the platform has nothing more to say about an order. */
const FINAL = new Set(["closed", "returned"]);

/**
 * What a platform status means for our complaint, as an action of the 12345 platform's account
 * (relation `hotline`) through the complaint lifecycle command:
 * - 派单 (dispatched, with one of our department codes) of a complaint still waiting for a
 *   department → `assign` (the department sees it on its workbench and is notified);
 * - 办结 (closed) of a replied complaint → `close` with the platform's visit record;
 * - 受理 (accepted), 退回 (returned), and 派单/办结 that the state machine does not allow now
 *   (already assigned elsewhere, not replied yet) → an internal note for the coordinator, so
 *   nothing the platform says is lost and nothing bypasses the state machine.
 */
function plan(e: HotlinePlatformEvent, c: ComplaintRecord): { input: TransitionInput | null; applied: boolean; outcome: string } {
  const label = HOTLINE_PLATFORM_STATUS_LABELS[e.status];
  const extra = e.note ? `：${e.note}` : "";
  if (c.status === "merged") return { input: null, applied: false, outcome: `投诉已并入 ${c.mergedInto ?? "其他编号"}，仅记录平台状态` };
  const noted = (why: string) => ({ input: { action: "comment" as const, note: `${label}${extra}${why}` }, applied: false, outcome: "已记入办理过程（未改变投诉状态）" });
  switch (e.status) {
    case "dispatched":
      if (c.status === "submitted") {
        return {
          input: { action: "assign", department: e.departmentCode!, coDepartments: [], note: e.note ? `12345 平台派单：${e.note}` : "12345 平台派单" },
          applied: true,
          outcome: "已派单至承办部门",
        };
      }
      return noted(`，本系统当前为“${STATUS_LABELS[c.status]}”，请协调员核对`);
    case "closed":
      if (c.status === "replied") return { input: { action: "close", note: e.note ? `12345 回访办结：${e.note}` : "12345 回访办结" }, applied: true, outcome: "已办结" };
      return noted(`，本系统当前为“${STATUS_LABELS[c.status]}”，未办结，请协调员核对`);
    case "returned":
      return noted("，请协调员另行处理");
    case "accepted":
      return noted(e.orderId ? `（平台工单号 ${e.orderId}）` : "");
  }
}

/**
 * Applies one status update of the 12345 platform (from its callback or from the status pull),
 * at most once per event id: the id is recorded first (a replay is refused), the update goes
 * through the lifecycle command as the platform's account, and the work order remembers the
 * platform's status. When applying fails the id is forgotten again, so the platform may resend.
 * @param e the update (validated).
 * @param source callback or pull.
 * @param deps services and configuration.
 * @returns what happened.
 */
export async function applyPlatformEvent(e: HotlinePlatformEvent, source: "callback" | "pull", deps: { services: Services; config: Config }): Promise<AppliedEvent> {
  if (e.status === "dispatched" && !e.departmentCode) {
    throw ValidationError("派单状态须注明承办部门代码", [{ path: "body.departmentCode", message: "派单须注明承办部门" }]);
  }
  const wo = await workOrderRepository.findByTicketNo(e.ticketNo);
  if (!wo) throw NotFoundError("没有该受理编号的 12345 工单");
  if (!(await workOrderRepository.recordEvent({ eventId: e.eventId, ticketNo: e.ticketNo, status: e.status, source, occurredAt: new Date(e.occurredAt) }))) {
    hotlineMetrics.callbacks.inc({ source, outcome: "replayed" });
    throw ReplayedRequestError(`事件 ${e.eventId} 已处理过，不再重复处理`);
  }
  try {
    const c = await complaintRepository.findById(wo.complaintId);
    if (!c) throw NotFoundError("工单对应的投诉不存在");
    const step = plan(e, c);
    const after = step.input ? await complaintTransitioner(await platformActor(), c.ticketNo, step.input, deps) : c;
    await workOrderRepository.recordExternalStatus(e.ticketNo, e.status, e.orderId ?? null, FINAL.has(e.status));
    await workOrderRepository.settleEvent(e.eventId, step.applied, step.outcome);
    hotlineMetrics.callbacks.inc({ source, outcome: step.applied ? "applied" : "noted" });
    return { eventId: e.eventId, ticketNo: e.ticketNo, applied: step.applied, outcome: step.outcome, complaintStatus: after.status };
  } catch (err) {
    await workOrderRepository.forgetEvent(e.eventId);
    hotlineMetrics.callbacks.inc({ source, outcome: "refused" });
    throw err;
  }
}
