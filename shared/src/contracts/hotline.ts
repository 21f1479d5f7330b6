import { defineRoute } from "../contract";
import { OkResponse, paged } from "../schemas/common";
import {
  HotlineCallbackHeaders,
  HotlineCallbackResult,
  HotlineDeliveriesQuery,
  HotlineDeliveriesSummary,
  HotlineDeliveryView,
  HotlineDispatchBody,
  HotlinePlatformEvent,
  HotlineQueueQuery,
  HotlineQueueSummary,
  HotlineTicketParams,
  HotlineWorkOrderView,
} from "../schemas/hotline";

const tags = ["12345热线"];

/** Roles that work the in-product 12345 queue. */
export const HOTLINE_QUEUE_ROLES = ["hotline_operator"] as const;

/**
 * The 12345 hotline: the in-product operator queue (used when no 12345 platform is configured),
 * the administrators' view of deliveries to the platform, and the platform's signed status
 * callback.
 */
export const hotlineContract = {
  queue: defineRoute({
    method: "GET",
    path: "/api/v1/staff/hotline/queue",
    summary: "12345 工单队列（电话登记及分办到 12345 的投诉），可按待领取、我的、已派单等筛选",
    tags,
    auth: [...HOTLINE_QUEUE_ROLES, "admin"],
    query: HotlineQueueQuery,
    response: paged(HotlineWorkOrderView),
  }),
  summary: defineRoute({
    method: "GET",
    path: "/api/v1/staff/hotline/summary",
    summary: "12345 工单队列计数（待派单、待领取、我领取的），以及本系统是否承担队列办理",
    tags,
    auth: [...HOTLINE_QUEUE_ROLES, "admin"],
    response: HotlineQueueSummary,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/staff/hotline/queue/:ticketNo",
    summary: "12345 工单详情",
    tags,
    auth: [...HOTLINE_QUEUE_ROLES, "admin"],
    params: HotlineTicketParams,
    response: HotlineWorkOrderView,
  }),
  claim: defineRoute({
    method: "POST",
    path: "/api/v1/staff/hotline/queue/:ticketNo/claim",
    summary: "领取工单（已被他人领取的返回 409；本人重复领取无副作用）",
    tags,
    auth: HOTLINE_QUEUE_ROLES,
    params: HotlineTicketParams,
    response: HotlineWorkOrderView,
    errors: ["conflict", "invalid_transition"],
  }),
  acknowledge: defineRoute({
    method: "POST",
    path: "/api/v1/staff/hotline/queue/:ticketNo/acknowledge",
    summary: "签收工单（须先领取），办理记录中注明 12345 已签收",
    tags,
    auth: HOTLINE_QUEUE_ROLES,
    params: HotlineTicketParams,
    response: HotlineWorkOrderView,
    errors: ["conflict", "invalid_transition"],
  }),
  dispatch: defineRoute({
    method: "POST",
    path: "/api/v1/staff/hotline/queue/:ticketNo/dispatch",
    summary: "派单到承办部门（须先领取；使用投诉的派单操作，部门随即在工作台看到）",
    tags,
    auth: HOTLINE_QUEUE_ROLES,
    params: HotlineTicketParams,
    body: HotlineDispatchBody,
    response: HotlineWorkOrderView,
    errors: ["conflict", "invalid_transition"],
  }),
  deliveries: defineRoute({
    method: "GET",
    path: "/api/v1/admin/hotline/deliveries",
    summary: "12345 工单推送情况（默认列出推送失败已停止的工单）",
    tags,
    auth: ["admin"],
    query: HotlineDeliveriesQuery,
    response: paged(HotlineDeliveryView).extend({ summary: HotlineDeliveriesSummary }),
  }),
  retryDelivery: defineRoute({
    method: "POST",
    path: "/api/v1/admin/hotline/deliveries/:ticketNo/retry",
    summary: "重新推送已停止的工单（重新计算重试次数）",
    tags,
    auth: ["admin"],
    params: HotlineTicketParams,
    response: OkResponse,
    errors: ["invalid_transition"],
  }),
  callback: defineRoute({
    method: "POST",
    path: "/api/v1/integrations/hotline/callback",
    summary:
      "12345 平台状态回调。签名：X-Hotline-Signature = hex(HMAC-SHA256(HOTLINE_API_SECRET, X-Hotline-Timestamp + \"\\n\" + 原始请求体))；时间戳须在允许窗口内；同一 eventId 只处理一次（重放返回 409）",
    tags: ["集成"],
    auth: "public",
    headers: HotlineCallbackHeaders,
    body: HotlinePlatformEvent,
    response: HotlineCallbackResult,
    errors: ["signature_invalid", "timestamp_out_of_window", "replayed_request", "integration_not_configured"],
  }),
} as const;
