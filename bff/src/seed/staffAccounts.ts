import { Roles, type Role } from "@lushan/shared";
import { hashPassword } from "../auth/password";
import { DepartmentModel } from "../models/department/department.schema";
import { UserModel } from "../models/user/user.schema";
import { SAMPLE_DEPARTMENTS } from "./departments";
import type { Seeder } from "./seeder";

interface SeedAccount {
  username: string;
  displayName: string;
  role: Role;
  department: string | null;
}

/** The demonstration staff accounts listed in the README, all with `DEV_STAFF_PASSWORD`. */
export function seedAccounts(): SeedAccount[] {
  const accounts: SeedAccount[] = [
    { username: "admin", displayName: "系统管理员", role: Roles.admin, department: null },
    { username: "fgw.coord", displayName: "市发改委协调员", role: Roles.coordinator, department: "fgw" },
    { username: "rx12345.op", displayName: "12345 话务员", role: Roles.hotlineOperator, department: "rx12345" },
  ];
  for (const d of SAMPLE_DEPARTMENTS) {
    accounts.push({ username: `${d.code}.staff`, displayName: `${d.shortName}工作人员`, role: Roles.deptStaff, department: d.code });
    accounts.push({ username: `${d.code}.admin`, displayName: `${d.shortName}管理员`, role: Roles.deptAdmin, department: d.code });
  }
  return accounts;
}

export const staffAccountsSeeder: Seeder = {
  name: "staffAccounts",
  async run({ config }) {
    const accounts = seedAccounts();
    const existing = new Set(
      (await UserModel.find({ username: { $in: accounts.map((a) => a.username) } }, { username: 1 }).lean()).map((u) => u.username),
    );
    const missing = accounts.filter((a) => !existing.has(a.username));
    if (missing.length === 0) return "0 个新账号";
    const departments = new Map((await DepartmentModel.find({}, { code: 1 }).lean()).map((d) => [d.code, d._id]));
    // The demo accounts share one password, so one hash (one salt) serves them all and keeps the
    // first start fast.
    const passwordHash = await hashPassword(config.devStaffPassword);
    await UserModel.insertMany(
      missing.map((a) => ({
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        departmentId: a.department ? (departments.get(a.department) ?? null) : null,
        passwordHash,
      })),
    );
    return `${missing.length} 个新账号`;
  },
};
