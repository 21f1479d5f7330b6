import type { Types } from "mongoose";
import { canCaseTransition, type CaseStatus } from "@lushan/shared";
import { definePolicy } from "./policy";
import { inDepartment, seesAllDepartments } from "./predicates";

/** The facts about a case the rules look at. */
export interface CaseFacts {
  status: CaseStatus;
  departmentId: Types.ObjectId | null;
}

/**
 * Typical cases in the workbench. Reading: the coordinator and administrators everything,
 * department staff the cases proposed from their department's complaints. Editing the public
 * text, publishing, unpublishing and rejecting: the coordinator and administrators, in the
 * statuses the case lifecycle allows. (Proposing is decided on the complaint: its handling
 * department or the coordinator.)
 */
export const casePolicy = definePolicy<CaseFacts, "read" | "edit" | "publish" | "unpublish" | "reject">("typicalCase", {
  read: (actor, c) => seesAllDepartments(actor) || inDepartment(actor, c.departmentId),
  edit: (actor, c) => seesAllDepartments(actor) && canCaseTransition("edit", c.status),
  publish: (actor, c) => seesAllDepartments(actor) && canCaseTransition("publish", c.status),
  unpublish: (actor, c) => seesAllDepartments(actor) && canCaseTransition("unpublish", c.status),
  reject: (actor, c) => seesAllDepartments(actor) && canCaseTransition("reject", c.status),
});
