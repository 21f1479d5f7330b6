import { z } from "zod";
import { defineRoute } from "../contract";
import { ObjectIdString, PageQuery, paged, text } from "../schemas/common";
import { DepartmentCodeSchema } from "../schemas/department";
import { RoleSchema, StaffAccount } from "../schemas/user";
import { UserValidation } from "../validations";

const tags = ["账号管理"];

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(UserValidation.usernamePattern, "用户名须为 3–40 位小写字母、数字或 . _ -，以字母或数字开头");

const Password = z
  .string()
  .min(UserValidation.minPasswordLength, `密码至少 ${UserValidation.minPasswordLength} 位`)
  .max(UserValidation.maxPasswordLength, "密码过长")
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), "密码须同时包含字母和数字");

const StaffRole = RoleSchema.exclude(["citizen"]);

export const UsersListQuery = PageQuery.extend({
  department: DepartmentCodeSchema.optional(),
  role: StaffRole.optional(),
  q: z.string().trim().max(40).optional(),
});

export const UserCreateBody = z.strictObject({
  username: Username,
  displayName: text(UserValidation.maxDisplayNameLength, "姓名"),
  role: StaffRole,
  /** Required for department roles; ignored for others. */
  department: DepartmentCodeSchema.optional(),
  password: Password,
});

export const UserUpdateBody = z
  .strictObject({
    displayName: text(UserValidation.maxDisplayNameLength, "姓名"),
    role: StaffRole,
    department: DepartmentCodeSchema.nullable(),
    disabled: z.boolean(),
    /** Sets a new password and signs the account out everywhere. */
    password: Password,
    /** Clears a lockout after failed logins. */
    unlock: z.literal(true),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "至少修改一项");

export const usersContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/admin/users",
    summary: "工作人员账号列表（部门管理员只看本部门）",
    tags,
    auth: ["admin", "dept_admin"],
    query: UsersListQuery,
    response: paged(StaffAccount),
  }),
  create: defineRoute({
    method: "POST",
    path: "/api/v1/admin/users",
    summary: "新建工作人员账号",
    tags,
    auth: ["admin", "dept_admin"],
    body: UserCreateBody,
    response: StaffAccount,
    status: 201,
    errors: ["duplicate"],
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/admin/users/:id",
    summary: "修改工作人员账号（停用、重置密码、解锁等）",
    tags,
    auth: ["admin", "dept_admin"],
    params: z.strictObject({ id: ObjectIdString }),
    body: UserUpdateBody,
    response: StaffAccount,
  }),
} as const;
