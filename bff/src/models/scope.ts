import type { Types } from "mongoose";

/**
 * The part of department-owned data a caller may touch. Every repository method over such data
 * takes a scope, so a query without one does not compile. Build it with `departmentScopeFor()`
 * in policies, never by hand in a route.
 */
export type DepartmentScope =
  | { kind: "department"; departmentId: Types.ObjectId }
  | { kind: "all" };

/**
 * Turns a scope into a filter on the given field.
 * @param scope the caller's scope.
 * @param field the document field holding the owning department.
 * @returns a filter fragment to merge into a query.
 */
export function scopeFilter(scope: DepartmentScope, field = "departmentId"): Record<string, unknown> {
  return scope.kind === "all" ? {} : { [field]: scope.departmentId };
}
