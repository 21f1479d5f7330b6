import { z } from "zod";
import { defineRoute } from "../contract";
import { DepartmentSummary } from "../schemas/user";
import {
  DepartmentCodeSchema,
  DepartmentCreateBody,
  DepartmentDetail,
  DepartmentUpdateBody,
} from "../schemas/department";

const tags = ["部门"];

export const departmentsContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/departments",
    summary: "部门列表（公开）",
    tags,
    auth: "public",
    response: z.object({ items: z.array(DepartmentSummary) }),
  }),
  adminList: defineRoute({
    method: "GET",
    path: "/api/v1/admin/departments",
    summary: "部门配置列表",
    tags,
    auth: ["admin", "coordinator"],
    response: z.object({ items: z.array(DepartmentDetail) }),
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/admin/departments",
    summary: "新增部门",
    tags,
    auth: ["admin"],
    body: DepartmentCreateBody,
    response: DepartmentDetail,
    status: 201,
    errors: ["duplicate"],
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/admin/departments/:code",
    summary: "修改部门",
    tags,
    auth: ["admin"],
    params: z.strictObject({ code: DepartmentCodeSchema }),
    body: DepartmentUpdateBody,
    response: DepartmentDetail,
  }),
} as const;
