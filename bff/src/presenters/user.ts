import type { CurrentUser, StaffAccount } from "@lushan/shared";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { UserRecord } from "../models/user/user.schema";
import { presentDepartmentSummary } from "./department";

/** The signed-in user as returned to themselves: no openid, no password data. */
export function presentCurrentUser(user: UserRecord, department: DepartmentRecord | null): CurrentUser {
  return {
    id: user._id.toHexString(),
    role: user.role,
    displayName: user.displayName,
    ...(user.username ? { username: user.username } : {}),
    department: department ? presentDepartmentSummary(department) : null,
  };
}

/** A staff account for administrators. */
export function presentStaffAccount(user: UserRecord, department: DepartmentRecord | null): StaffAccount {
  return {
    id: user._id.toHexString(),
    username: user.username ?? "",
    displayName: user.displayName,
    role: user.role,
    department: department ? presentDepartmentSummary(department) : null,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
  };
}
