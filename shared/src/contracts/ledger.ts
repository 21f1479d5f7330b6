import { defineRoute } from "../contract";
import { paged } from "../schemas/common";
import {
  PublicRectification,
  PublicRectificationQuery,
  RectificationActionBody,
  RectificationCreateBody,
  RectificationIdParams,
  RectificationListQuery,
  RectificationListResponse,
  RectificationUpdateBody,
  RectificationView,
} from "../schemas/ledger";

const tags = ["整改台账"];
const STAFF = ["dept_staff", "dept_admin", "coordinator", "admin"] as const;
const COORDINATION = ["coordinator", "admin"] as const;

/** The public board of signed-off items (整改销号公示). */
export const rectificationsContract = {
  board: defineRoute({
    method: "GET",
    path: "/api/v1/rectifications",
    summary: "整改销号公示：已销号事项（脱敏说明、责任部门、期限与销号日期）",
    tags,
    auth: "public",
    query: PublicRectificationQuery,
    response: paged(PublicRectification),
  }),
} as const;

/** The ledger in the workbench. */
export const staffRectificationsContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/staff/rectifications",
    summary: "整改台账（部门人员只看本部门事项；overdue=true 只看逾期未销号）",
    tags,
    auth: STAFF,
    query: RectificationListQuery,
    response: RectificationListResponse,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/staff/rectifications/:id",
    summary: "整改事项详情：责任部门、责任人、期限、措施、佐证、流转记录与可执行操作",
    tags,
    auth: STAFF,
    params: RectificationIdParams,
    response: RectificationView,
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/staff/rectifications",
    summary: "新建整改事项（协调员）：来源为投诉、典型案例或效能评估发现",
    tags,
    auth: COORDINATION,
    body: RectificationCreateBody,
    response: RectificationView,
    status: 201,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/staff/rectifications/:id",
    summary: "调整责任部门、责任人、期限或问题描述（协调员；已销号事项不能改）",
    tags,
    auth: COORDINATION,
    params: RectificationIdParams,
    body: RectificationUpdateBody,
    response: RectificationView,
    errors: ["conflict", "invalid_transition"],
  }),
  act: defineRoute({
    method: "POST",
    path: "/api/v1/staff/rectifications/:id/actions",
    summary: "整改流转：开始整改、更新措施与佐证、申请销号（责任部门）；确认销号、退回（协调员）；备注",
    tags,
    auth: STAFF,
    params: RectificationIdParams,
    body: RectificationActionBody,
    response: RectificationView,
    errors: ["invalid_transition", "conflict", "personal_data_found"],
  }),
} as const;
