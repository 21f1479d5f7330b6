import type { Types } from "mongoose";
import { Roles } from "@lushan/shared";
import { AuthorizationError } from "../errors";
import type { DepartmentScope } from "../models/scope";
import type { Actor } from "../types";

export const isAdmin = (actor: Actor): boolean => actor.role === Roles.admin;
export const isCoordinator = (actor: Actor): boolean => actor.role === Roles.coordinator;
export const isHotlineOperator = (actor: Actor): boolean => actor.role === Roles.hotlineOperator;
export const isCitizen = (actor: Actor): boolean => actor.role === Roles.citizen;
export const isDepartmentRole = (actor: Actor): boolean =>
  actor.role === Roles.deptStaff || actor.role === Roles.deptAdmin;
/** Sees every department's data: administrators and the 发改 coordinator. */
export const seesAllDepartments = (actor: Actor): boolean => isAdmin(actor) || isCoordinator(actor);

/**
 * Whether the actor belongs to the given department.
 * @param actor the caller.
 * @param departmentId the department that owns the data.
 * @returns true when they match.
 */
export function inDepartment(actor: Actor, departmentId: Types.ObjectId | null | undefined): boolean {
  return Boolean(actor.departmentId && departmentId && actor.departmentId.equals(departmentId));
}

/**
 * The department data an actor may read: everything for administrators and coordinators, their
 * own department for department roles. Anyone else gets 403.
 * @param actor the caller.
 * @returns the scope to pass to repositories.
 */
export function departmentScopeFor(actor: Actor): DepartmentScope {
  if (seesAllDepartments(actor)) return { kind: "all" };
  if (isDepartmentRole(actor) && actor.departmentId) {
    return { kind: "department", departmentId: actor.departmentId };
  }
  throw AuthorizationError();
}
