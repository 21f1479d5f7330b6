import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { Roles, type Role } from "@lushan/shared";
import { signAccessToken } from "../../bff/src/auth/accessToken";
import { hashPassword } from "../../bff/src/auth/password";
import { DepartmentModel, type DepartmentRecord } from "../../bff/src/models/department/department.schema";
import { UserModel, type UserRecord } from "../../bff/src/models/user/user.schema";
import type { Actor } from "../../bff/src/types";
import type { TestServer } from "./server";

let counter = 0;
/** A short unique suffix for names that must not collide between tests. */
export function unique(prefix = "t"): string {
  counter += 1;
  return `${prefix}${counter}${randomBytes(3).toString("hex")}`;
}

export const TEST_PASSWORD = "Passw0rd-test";
let passwordHash: Promise<string> | null = null;
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

/** A department with a unique code. */
export async function buildDepartment(overrides: Partial<DepartmentRecord> = {}): Promise<DepartmentRecord> {
  const code = overrides.code ?? unique("d");
  const doc = await DepartmentModel.create({ code, name: `测试部门${code}`, shortName: `测试${code}`.slice(0, 12), ...overrides });
  return doc.toObject() as DepartmentRecord;
}

/** A WeChat citizen. */
export async function buildCitizen(overrides: Partial<UserRecord> = {}): Promise<UserRecord> {
  const doc = await UserModel.create({ role: Roles.citizen, displayName: "微信用户", openid: unique("o"), ...overrides });
  return doc.toObject() as UserRecord;
}

/**
 * A staff account with the test password. Department roles get a fresh department unless one is given.
 */
export async function buildStaff(
  role: Exclude<Role, "citizen">,
  overrides: Partial<UserRecord> & { department?: DepartmentRecord | null } = {},
): Promise<UserRecord> {
  const { department: givenDept, ...rest } = overrides;
  const needsDept = role === Roles.deptStaff || role === Roles.deptAdmin;
  const department = givenDept !== undefined ? givenDept : needsDept ? await buildDepartment() : null;
  const doc = await UserModel.create({
    role,
    username: unique(`${role.replace("_", "")}.`).toLowerCase(),
    displayName: `测试${role}`,
    passwordHash: await testPasswordHash(),
    departmentId: department?._id ?? null,
    ...rest,
  });
  return doc.toObject() as UserRecord;
}

/** The actor a user's token would carry. */
export function actorOf(user: UserRecord): Actor {
  return { userId: user._id, role: user.role, departmentId: user.departmentId ?? null };
}

/** A valid access token for the user on this server. */
export function tokenFor(server: TestServer, user: UserRecord, ttlSeconds?: number): string {
  return signAccessToken(actorOf(user), server.config.jwtSecret, ttlSeconds ?? server.config.accessTokenTtlSeconds);
}

/** An id that exists nowhere. */
export function missingId(): string {
  return new Types.ObjectId().toHexString();
}
