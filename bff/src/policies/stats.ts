import type { Types } from "mongoose";
import { definePolicy } from "./policy";
import { inDepartment, seesAllDepartments } from "./predicates";

/**
 * Efficiency statistics: the coordinator and administrators read every department's figures,
 * department staff their own department's only.
 */
export const statsPolicy = definePolicy<{ departmentId: Types.ObjectId | null }, "read">("stats", {
  read: (actor, target) => seesAllDepartments(actor) || (target.departmentId !== null && inDepartment(actor, target.departmentId)),
});
