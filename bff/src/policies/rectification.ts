import type { Types } from "mongoose";
import { canRectificationTransition, type RectificationAction, type RectificationRelation, type RectificationStatus } from "@lushan/shared";
import type { Actor } from "../types";
import { definePolicy } from "./policy";
import { inDepartment, isDepartmentRole, seesAllDepartments } from "./predicates";

/** The facts about a task the rules look at. */
export interface RectificationFacts {
  status: RectificationStatus;
  departmentId: Types.ObjectId;
}

/**
 * Who the actor is with respect to a task: staff of its owner department, the coordinator (and
 * administrators), or nobody.
 * @param actor the caller.
 * @param t the task.
 * @returns the relation.
 */
export function rectificationRelation(actor: Actor, t: RectificationFacts): RectificationRelation {
  if (seesAllDepartments(actor)) return "coordinator";
  if (isDepartmentRole(actor) && inDepartment(actor, t.departmentId)) return "owner_department";
  return "other";
}

const step = (action: RectificationAction) => (actor: Actor, t: RectificationFacts) => canRectificationTransition(action, t.status, rectificationRelation(actor, t));

/**
 * The rectification ledger: the owner department sees and works on its tasks, the coordinator
 * sees all, opens tasks, changes owners and deadlines, and signs off (销号). Steps follow the
 * state machine in `@lushan/shared`.
 */
export const rectificationPolicy = definePolicy<RectificationFacts, "read" | "edit" | RectificationAction>("rectification", {
  read: (actor, t) => rectificationRelation(actor, t) !== "other",
  edit: (actor, t) => seesAllDepartments(actor) && t.status !== "done",
  start: step("start"),
  progress: step("progress"),
  request_signoff: step("request_signoff"),
  confirm: step("confirm"),
  reject: step("reject"),
  comment: step("comment"),
});
