import { z } from "zod";
import { defineRoute } from "../contract";
import { ObjectIdString } from "../schemas/common";
import { BarrierTypeSchema } from "../schemas/complaint";
import {
  CalendarBody,
  CalendarYear,
  DeadlinePolicyBody,
  DeadlinePolicyView,
  RoutingPreview,
  RoutingPreviewBody,
  RoutingRuleBody,
  RoutingRuleHistoryEntry,
  RoutingRuleView,
} from "../schemas/routing";
import { COMPLAINT_STAFF_ROLES } from "./complaints";

const ruleTags = ["分办规则"];
const deadlineTags = ["办理时限"];
const RuleParams = z.strictObject({ id: ObjectIdString });
const YearParams = z.strictObject({ year: z.coerce.number().int().min(2020, "年份须在 2020–2100 之间").max(2100, "年份须在 2020–2100 之间") });

/**
 * Complaint handling as data: routing rules (with full history), the working-day calendar and the
 * handling time limits. Administrators edit; the 发改 coordinator reads and edits rules.
 */
export const complaintConfigContract = {
  rules: defineRoute({
    method: "GET",
    path: "/api/v1/admin/routing-rules",
    summary: "分办规则（启用的在前，按优先级；先命中者生效）",
    tags: ruleTags,
    auth: ["admin", "coordinator"],
    response: z.object({ items: z.array(RoutingRuleView) }),
  }),
  createRule: defineRoute({
    method: "POST",
    path: "/api/v1/admin/routing-rules",
    summary: "新增分办规则（须填写修改说明，记入历史）",
    tags: ruleTags,
    auth: ["admin", "coordinator"],
    body: RoutingRuleBody,
    response: RoutingRuleView,
    status: 201,
  }),
  updateRule: defineRoute({
    method: "PUT",
    path: "/api/v1/admin/routing-rules/:id",
    summary: "修改、停用分办规则（留存每一版：谁、何时、改了什么、为什么）；对之后提交的投诉生效",
    tags: ruleTags,
    auth: ["admin", "coordinator"],
    params: RuleParams,
    body: RoutingRuleBody,
    response: RoutingRuleView,
  }),
  ruleHistory: defineRoute({
    method: "GET",
    path: "/api/v1/admin/routing-rules/:id/history",
    summary: "分办规则修改历史（新在前）",
    tags: ruleTags,
    auth: ["admin", "coordinator"],
    params: RuleParams,
    response: z.object({ items: z.array(RoutingRuleHistoryEntry) }),
  }),
  previewRouting: defineRoute({
    method: "POST",
    path: "/api/v1/admin/routing-rules/preview",
    summary: "试算分办：按现行规则，这样一件投诉会派给谁、为什么（不保存）",
    tags: ruleTags,
    auth: ["admin", "coordinator"],
    body: RoutingPreviewBody,
    response: RoutingPreview,
  }),
  calendar: defineRoute({
    method: "GET",
    path: "/api/v1/admin/calendar/:year",
    summary: "工作日历：法定节假日与调休上班日",
    tags: deadlineTags,
    auth: COMPLAINT_STAFF_ROLES,
    params: YearParams,
    response: CalendarYear,
  }),
  putCalendar: defineRoute({
    method: "PUT",
    path: "/api/v1/admin/calendar/:year",
    summary: "录入或修改某年的节假日与调休上班日（对之后计算的时限生效）",
    tags: deadlineTags,
    auth: ["admin"],
    params: YearParams,
    body: CalendarBody,
    response: CalendarYear,
  }),
  deadlinePolicies: defineRoute({
    method: "GET",
    path: "/api/v1/admin/deadline-policies",
    summary: "办理时限（工作日），按问题类型；* 为默认",
    tags: deadlineTags,
    auth: COMPLAINT_STAFF_ROLES,
    response: z.object({ items: z.array(DeadlinePolicyView) }),
  }),
  putDeadlinePolicy: defineRoute({
    method: "PUT",
    path: "/api/v1/admin/deadline-policies/:barrierType",
    summary: "设置办理时限（* 为默认，B01–B15 为单独的问题类型）",
    tags: deadlineTags,
    auth: ["admin"],
    params: z.strictObject({ barrierType: z.union([z.literal("*"), BarrierTypeSchema]) }),
    body: DeadlinePolicyBody,
    response: DeadlinePolicyView,
  }),
} as const;
