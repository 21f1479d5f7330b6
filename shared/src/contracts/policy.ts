import { z } from "zod";
import { defineRoute } from "../contract";
import { paged } from "../schemas/common";
import {
  PolicyFeedQuery,
  PolicyFeedResponse,
  PostCreateBody,
  PostDetail,
  PostIdParams,
  PostPublishBody,
  PostUnpublishBody,
  PostUpdateBody,
  PostVersionView,
  StaffPostListItem,
  StaffPostView,
  StaffPostsQuery,
} from "../schemas/policy";

const tags = ["政策动态"];
const WRITERS = ["dept_admin", "coordinator", "admin"] as const;
const PUBLISHERS = ["coordinator", "admin"] as const;
const STAFF = ["dept_staff", "dept_admin", "coordinator", "admin"] as const;

/** The public policy feed. */
export const policiesContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/policies",
    summary: "政策动态列表：按栏目、标签（行业或事项编码）筛选，支持中文、拼音检索",
    tags,
    auth: "public",
    query: PolicyFeedQuery,
    response: PolicyFeedResponse,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/policies/:id",
    summary: "政策动态详情（正文为经过白名单过滤的 HTML）",
    tags,
    auth: "public",
    params: PostIdParams,
    response: PostDetail,
  }),
} as const;

/** Writing, scheduling and publishing posts in the workbench. */
export const staffPoliciesContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/staff/policies",
    summary: "工作台：政策动态稿件（部门人员只看本部门）",
    tags,
    auth: STAFF,
    query: StaffPostsQuery,
    response: paged(StaffPostListItem),
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/staff/policies/:id",
    summary: "工作台：稿件详情与可执行操作",
    tags,
    auth: STAFF,
    params: PostIdParams,
    response: StaffPostView,
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/staff/policies",
    summary: "撰写稿件（部门管理员为本部门撰写政策解读、行业信息；协调员、管理员可撰写各栏目）",
    tags,
    auth: WRITERS,
    body: PostCreateBody,
    response: StaffPostView,
    status: 201,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/staff/policies/:id",
    summary: "修改稿件（每次保存留存版本；expectedVersion 不是最新时返回 409）",
    tags,
    auth: WRITERS,
    params: PostIdParams,
    body: PostUpdateBody,
    response: StaffPostView,
    errors: ["conflict"],
  }),
  publish: defineRoute({
    method: "POST",
    path: "/api/v1/staff/policies/:id/publish",
    summary: "发布或定时发布（协调员、管理员）；首次发布时通知订阅用户",
    tags,
    auth: PUBLISHERS,
    params: PostIdParams,
    body: PostPublishBody,
    response: StaffPostView,
    errors: ["invalid_transition"],
  }),
  unpublish: defineRoute({
    method: "POST",
    path: "/api/v1/staff/policies/:id/unpublish",
    summary: "撤下已发布或取消定时发布的稿件（协调员、管理员）",
    tags,
    auth: PUBLISHERS,
    params: PostIdParams,
    body: PostUnpublishBody,
    response: StaffPostView,
    errors: ["invalid_transition"],
  }),
  versions: defineRoute({
    method: "GET",
    path: "/api/v1/staff/policies/:id/versions",
    summary: "稿件的历史版本",
    tags,
    auth: STAFF,
    params: PostIdParams,
    response: z.object({ items: z.array(PostVersionView) }),
  }),
} as const;
