import type { Types } from "mongoose";
import { definePolicy } from "./policy";
import { inDepartment, isAdmin } from "./predicates";
import { Roles } from "@lushan/shared";

/** The facts a guide decision needs. */
export interface GuideFacts {
  departmentId: Types.ObjectId;
  /** The department handles the item (by the mapping, or an administrator assigned it a guide). */
  handles: boolean;
}

/**
 * 办事指南 belong to the department that handles the item: its administrators edit them; system
 * administrators may edit or assign any.
 */
export const guidePolicy = definePolicy<GuideFacts, "update">("guide", {
  update: (actor, guide) => isAdmin(actor) || (actor.role === Roles.deptAdmin && inDepartment(actor, guide.departmentId) && guide.handles),
});
