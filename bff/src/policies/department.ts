import { definePolicy } from "./policy";
import { isAdmin, seesAllDepartments } from "./predicates";

/** Department configuration: read by administrators and coordinators, changed by administrators. */
export const departmentPolicy = definePolicy<null, "read" | "manage">("department", {
  read: (actor) => seesAllDepartments(actor),
  manage: (actor) => isAdmin(actor),
});
