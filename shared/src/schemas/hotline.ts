import { z } from "zod";
import { IsoDateTime, PageQuery } from "./common";
import { BarrierTypeSchema, ChannelSchema, ComplaintStatusSchema, TicketNoSchema } from "./complaint";
import { DepartmentCodeSchema } from "./department";

/**
 * Delivery of a 12345 work order, kept apart from the complaint's status:
 * pending (waiting to be pushed), sending (claimed by a dispatcher), delivered (the platform
 * accepted it), failed (will be retried), dead (gave up after the configured attempts; raised
 * to administrators), local (no platform configured: served in the in-product operator queue).
 */
export const HOTLINE_DELIVERY_STATES = ["pending", "sending", "delivered", "failed", "dead", "local"] as const;
export type HotlineDeliveryState = (typeof HOTLINE_DELIVERY_STATES)[number];
export const HotlineDeliveryStateSchema = z.enum(HOTLINE_DELIVERY_STATES);
export const HOTLINE_DELIVERY_LABELS: Record<HotlineDeliveryState, string> = {
  pending: "待推送",
  sending: "推送中",
  delivered: "已推送12345",
  failed: "推送失败待重试",
  dead: "推送失败已停止",
  local: "本系统热线队列",
};

/** Where a local work order stands in the operator queue. */
export const HOTLINE_QUEUE_STAGES = ["unclaimed", "claimed", "acknowledged", "dispatched"] as const;
export type HotlineQueueStage = (typeof HOTLINE_QUEUE_STAGES)[number];
export const HOTLINE_QUEUE_STAGE_LABELS: Record<HotlineQueueStage, string> = {
  unclaimed: "待领取",
  claimed: "已领取",
  acknowledged: "已签收",
  dispatched: "已派单",
};

/** Queue views: open (not dispatched yet), mine (claimed by me, open), unclaimed, dispatched, all. */
export const HOTLINE_QUEUE_VIEWS = ["open", "mine", "unclaimed", "dispatched", "all"] as const;
export type HotlineQueueView = (typeof HOTLINE_QUEUE_VIEWS)[number];
export const HOTLINE_QUEUE_VIEW_LABELS: Record<HotlineQueueView, string> = {
  open: "待派单",
  mine: "我领取的",
  unclaimed: "待领取",
  dispatched: "已派单",
  all: "全部",
};

export const HotlineQueueQuery = PageQuery.extend({
  view: z.enum(HOTLINE_QUEUE_VIEWS, { error: "队列只能是 open、mine、unclaimed、dispatched 或 all" }).default("open"),
  /** The complaint's status. */
  status: ComplaintStatusSchema.optional(),
  channel: ChannelSchema.optional(),
  barrierType: BarrierTypeSchema.optional(),
  /** Ticket number, title or the office complained about. */
  q: z.string().trim().max(50, "搜索词不能超过 50 个字").optional(),
});
export type HotlineQueueQuery = z.infer<typeof HotlineQueueQuery>;

/** One work order as a 12345 operator sees it. */
export const HotlineWorkOrderView = z
  .object({
    ticketNo: z.string(),
    title: z.string(),
    content: z.string(),
    category: z.object({ code: z.string(), name: z.string() }),
    town: z.string(),
    accused: z.string(),
    channel: ChannelSchema,
    confidential: z.boolean(),
    /** Null when the complainant asked for confidentiality (and did not phone 12345 in person). */
    requester: z.object({ name: z.string(), phone: z.string() }).nullable(),
    /** The department handling it now (null while waiting for dispatch). */
    department: z.object({ code: z.string(), name: z.string() }).nullable(),
    complaintStatus: ComplaintStatusSchema,
    complaintStatusLabel: z.string(),
    deliveryState: HotlineDeliveryStateSchema,
    deliveryStateLabel: z.string(),
    stage: z.enum(HOTLINE_QUEUE_STAGES),
    stageLabel: z.string(),
    claimedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    claimedByMe: z.boolean(),
    claimedAt: IsoDateTime.nullable(),
    acknowledgedAt: IsoDateTime.nullable(),
    dispatchedAt: IsoDateTime.nullable(),
    /** The platform's order number and last status (when a platform is configured). */
    externalId: z.string().nullable(),
    externalStatus: z.string().nullable(),
    createdAt: IsoDateTime,
    /** What this operator may do now. */
    can: z.object({ claim: z.boolean(), acknowledge: z.boolean(), dispatch: z.boolean() }),
  })
  .meta({ id: "HotlineWorkOrderView" });
export type HotlineWorkOrderView = z.infer<typeof HotlineWorkOrderView>;

/** Counts for the queue's tabs (badges). */
export const HotlineQueueSummary = z
  .object({
    /** Waiting for dispatch (claimed or not). */
    open: z.number().int(),
    unclaimed: z.number().int(),
    /** Claimed by the caller, not dispatched yet. */
    mine: z.number().int(),
    /** Whether the queue is worked here (no 12345 platform configured). */
    local: z.boolean(),
  })
  .meta({ id: "HotlineQueueSummary" });

export const HotlineTicketParams = z.strictObject({ ticketNo: TicketNoSchema });

export const HotlineDispatchBody = z.strictObject({
  departmentCode: DepartmentCodeSchema,
  coDepartments: z.array(DepartmentCodeSchema).max(5, "协办部门最多 5 个").default([]),
  note: z.string().trim().min(1, "说明不能为空").max(500, "说明不能超过 500 个字").optional(),
});
export type HotlineDispatchInput = z.input<typeof HotlineDispatchBody>;

/** Administrators: work orders the dispatcher gave up on (and other delivery problems). */
export const HotlineDeliveriesQuery = PageQuery.extend({
  state: HotlineDeliveryStateSchema.default("dead"),
});

export const HotlineDeliveryView = z
  .object({
    ticketNo: z.string(),
    title: z.string(),
    deliveryState: HotlineDeliveryStateSchema,
    deliveryStateLabel: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: IsoDateTime.nullable(),
    deliveredAt: IsoDateTime.nullable(),
    externalId: z.string().nullable(),
    externalStatus: z.string().nullable(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: "HotlineDeliveryView" });

export const HotlineDeliveriesSummary = z.object({ byState: z.record(z.string(), z.number().int()) });

/**
 * Status updates the 12345 platform sends (or that the pull job reads):
 * accepted 受理, dispatched 派单 (to one of our departments, by code), returned 退回 (the
 * platform will not take it), closed 办结 (回访办结 after our department replied).
 */
export const HOTLINE_PLATFORM_STATUSES = ["accepted", "dispatched", "returned", "closed"] as const;
export type HotlinePlatformStatus = (typeof HOTLINE_PLATFORM_STATUSES)[number];
export const HOTLINE_PLATFORM_STATUS_LABELS: Record<HotlinePlatformStatus, string> = {
  accepted: "12345 已受理",
  dispatched: "12345 已派单",
  returned: "12345 已退回",
  closed: "12345 已办结",
};

export const HotlinePlatformEvent = z.strictObject({
  /** Unique per event; a second delivery of the same event is refused as a replay. */
  eventId: z.string().trim().min(8, "事件编号至少 8 位").max(64, "事件编号不能超过 64 位").regex(/^[A-Za-z0-9_.:-]+$/, "事件编号格式不正确"),
  ticketNo: TicketNoSchema,
  status: z.enum(HOTLINE_PLATFORM_STATUSES, { error: "状态只能是 accepted、dispatched、returned 或 closed" }),
  /** The platform's own order number. */
  orderId: z.string().trim().min(1).max(64).optional(),
  /** For `dispatched`: our department code. */
  departmentCode: DepartmentCodeSchema.optional(),
  /** Reason or visit record (退回原因、回访记录). */
  note: z.string().trim().max(500, "说明不能超过 500 个字").optional(),
  occurredAt: IsoDateTime,
});
export type HotlinePlatformEvent = z.infer<typeof HotlinePlatformEvent>;

export const HotlineCallbackHeaders = z.looseObject({
  "x-hotline-timestamp": z.string({ error: "缺少 X-Hotline-Timestamp" }).regex(/^\d{1,12}$/, "X-Hotline-Timestamp 应为秒级 Unix 时间戳"),
  "x-hotline-signature": z.string({ error: "缺少 X-Hotline-Signature" }).regex(/^[0-9a-f]{64}$/, "X-Hotline-Signature 应为 64 位十六进制 HMAC-SHA256"),
});

export const HotlineCallbackResult = z.object({
  eventId: z.string(),
  ticketNo: z.string(),
  /** Whether the update changed the complaint's status (otherwise it was recorded as a note). */
  applied: z.boolean(),
  /** What happened, in Chinese. */
  outcome: z.string(),
  complaintStatus: ComplaintStatusSchema,
});
