import type { Types } from "mongoose";
import type { Role } from "@lushan/shared";
import { hashPassword } from "../auth/password";
import { withTransaction } from "../db/transaction";
import { DuplicateError, NotFoundError, ValidationError } from "../errors";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { departmentRepository } from "../models/department/department.repository";
import { userRepository } from "../models/user/user.repository";
import type { UserRecord } from "../models/user/user.schema";
import { staffAccountPolicy } from "../policies/user";
import { DEPARTMENT_SCOPED_ROLES } from "@lushan/shared";
import type { Actor } from "../types";
import { userSessionsRevoker } from "./sessionRefresher";

/**
 * Resolves the department a staff role needs: department roles must name one; the 12345 operator
 * belongs to the hotline centre when given; other roles have none.
 */
async function resolveDepartment(role: Role, code: string | null | undefined): Promise<Types.ObjectId | null> {
  if (!code) {
    if (DEPARTMENT_SCOPED_ROLES.includes(role)) throw ValidationError("部门工作人员必须指定所属部门");
    return null;
  }
  const dept = await departmentRepository.findByCode(code);
  if (!dept) throw ValidationError(`部门代码 ${code} 不存在`);
  return dept._id;
}

/**
 * Creates a staff account after checking the actor may create that role in that department.
 * @returns the new account.
 */
export async function staffAccountCreator(
  actor: Actor,
  input: { username: string; displayName: string; role: Role; department?: string; password: string },
  requestId?: string,
): Promise<UserRecord> {
  const departmentId = await resolveDepartment(input.role, input.department);
  staffAccountPolicy.authorize(actor, "create", { id: actor.userId, role: input.role, departmentId });
  if (await userRepository.findByUsername(input.username)) throw DuplicateError(`用户名 ${input.username} 已被使用`);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(async (session) => {
    const user = await userRepository.createStaff(
      { username: input.username, displayName: input.displayName, role: input.role, departmentId, passwordHash },
      session,
    );
    await auditLogRepository.record(
      {
        actor,
        action: "user.create",
        resourceType: "user",
        resourceId: user._id.toHexString(),
        departmentId,
        details: { username: input.username, role: input.role },
        requestId,
      },
      session,
    );
    return user;
  });
}

export interface StaffAccountChanges {
  displayName?: string;
  role?: Role;
  department?: string | null;
  disabled?: boolean;
  password?: string;
  unlock?: true;
}

/**
 * Changes a staff account. Both the account as it is and as it will be must be within the actor's
 * reach, and nobody may disable or demote themselves.
 * @returns the updated account.
 */
export async function staffAccountUpdater(
  actor: Actor,
  id: Types.ObjectId,
  changes: StaffAccountChanges,
  requestId?: string,
): Promise<UserRecord> {
  const user = await userRepository.findById(id);
  if (!user || user.role === "citizen") throw NotFoundError("账号不存在");
  staffAccountPolicy.authorize(actor, "update", { id: user._id, role: user.role, departmentId: user.departmentId ?? null }, { hide: true });
  const role = changes.role ?? user.role;
  const departmentId =
    changes.department !== undefined || changes.role !== undefined
      ? await resolveDepartment(role, changes.department === undefined ? await codeOf(user.departmentId) : changes.department)
      : (user.departmentId ?? null);
  staffAccountPolicy.authorize(actor, "update", { id: user._id, role, departmentId });
  if (actor.userId.equals(user._id) && (changes.disabled === true || (changes.role && changes.role !== user.role))) {
    throw ValidationError("不能停用自己的账号或修改自己的角色");
  }
  const set: Parameters<typeof userRepository.update>[1] = {};
  if (changes.displayName !== undefined) set.displayName = changes.displayName;
  if (changes.role !== undefined || changes.department !== undefined) {
    set.role = role;
    set.departmentId = departmentId;
  }
  if (changes.disabled !== undefined) set.disabled = changes.disabled;
  if (changes.password !== undefined) set.passwordHash = await hashPassword(changes.password);
  if (changes.unlock) {
    set.lockedUntil = null;
    set.failedLoginCount = 0;
  }
  const updated = await withTransaction(async (session) => {
    const result = await userRepository.update(user._id, set, session);
    await auditLogRepository.record(
      {
        actor,
        action: "user.update",
        resourceType: "user",
        resourceId: user._id.toHexString(),
        departmentId,
        details: { fields: Object.keys(changes).filter((k) => k !== "password"), passwordReset: Boolean(changes.password) },
        requestId,
      },
      session,
    );
    return result;
  });
  if (!updated) throw NotFoundError("账号不存在");
  if (changes.password !== undefined || changes.disabled === true || changes.role !== undefined) {
    await userSessionsRevoker(user._id);
  }
  return updated;
}

async function codeOf(departmentId: Types.ObjectId | null | undefined): Promise<string | null> {
  if (!departmentId) return null;
  return (await departmentRepository.findById(departmentId))?.code ?? null;
}
