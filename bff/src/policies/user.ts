import { Roles, type Role } from "@lushan/shared";
import type { Types } from "mongoose";
import { definePolicy } from "./policy";
import { inDepartment, isAdmin } from "./predicates";

/** The facts about a staff account the rules look at. */
export interface StaffAccountFacts {
  id: Types.ObjectId;
  role: Role;
  departmentId: Types.ObjectId | null;
}

const DEPARTMENT_ROLES: readonly Role[] = [Roles.deptStaff, Roles.deptAdmin];

/**
 * Staff accounts: administrators manage all of them; a department administrator manages the
 * department roles of their own department. Nobody disables or demotes themselves.
 */
export const staffAccountPolicy = definePolicy<StaffAccountFacts, "read" | "update" | "create">("staffAccount", {
  read: (actor, account) =>
    isAdmin(actor) || (actor.role === Roles.deptAdmin && inDepartment(actor, account.departmentId)),
  create: (actor, account) =>
    isAdmin(actor) ||
    (actor.role === Roles.deptAdmin &&
      DEPARTMENT_ROLES.includes(account.role) &&
      inDepartment(actor, account.departmentId)),
  update: (actor, account) =>
    isAdmin(actor) ||
    (actor.role === Roles.deptAdmin &&
      DEPARTMENT_ROLES.includes(account.role) &&
      inDepartment(actor, account.departmentId)),
});

/**
 * Whether the actor may give an account this role and department (checked after an update is
 * applied, so a department admin cannot promote someone out of their reach).
 */
export const canAssign = (actor: Parameters<typeof staffAccountPolicy.can>[0], target: StaffAccountFacts): boolean =>
  staffAccountPolicy.can(actor, "create", target);
