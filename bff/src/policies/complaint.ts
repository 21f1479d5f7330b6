import { availableActions, COMPLAINANT_ACTIONS, Roles, type ComplaintAction, type Relation } from "@lushan/shared";
import { AuthorizationError } from "../errors";
import type { ComplaintScope } from "../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import type { Actor } from "../types";
import { definePolicy } from "./policy";
import { inDepartment, isDepartmentRole, seesAllDepartments } from "./predicates";

/** The facts about a complaint that decisions depend on. */
export type ComplaintFacts = Pick<
  ComplaintRecord,
  "ownerId" | "followerIds" | "departmentId" | "coDepartmentIds" | "channel" | "routing" | "accusedDepartmentId" | "confidential" | "moderation" | "status"
>;

/** Text still under content review (or refused) is shown to the complainant and the reviewers only. */
const HELD = new Set(["pending", "review", "rejected"]);

/**
 * Who the actor is with respect to a complaint: its complainant (or the complainant of a merged
 * duplicate), staff of the handling or a co-handling department, the coordinator, 12345 (phone
 * complaints and those routed to 12345, once their content is cleared), an administrator, or
 * nobody in particular.
 * @param actor the caller.
 * @param c the complaint.
 * @returns the relation.
 */
export function relationOf(actor: Actor, c: ComplaintFacts): Relation {
  switch (actor.role) {
    case Roles.citizen:
      return c.ownerId?.equals(actor.userId) || c.followerIds?.some((f) => f.equals(actor.userId)) ? "owner" : "other";
    case Roles.coordinator:
      return "coordinator";
    case Roles.admin:
      return "admin";
    case Roles.hotlineOperator:
      if (c.channel === "phone") return "hotline";
      return c.routing?.hotline && !HELD.has(c.moderation) ? "hotline" : "other";
  }
  if (isDepartmentRole(actor)) {
    if (inDepartment(actor, c.departmentId)) return "handling_department";
    if (actor.departmentId && c.coDepartmentIds?.some((d) => d.equals(actor.departmentId!))) return "co_department";
  }
  return "other";
}

export type IdentityAccess = "full" | "masked" | "withheld";

/**
 * How much of the complainant's identity (name, phone, business) a viewer may see. The
 * complainant, the coordinator and administrators see it all. With confidentiality asked for,
 * departments see nothing and 12345 only what it took down on the phone itself. Otherwise the
 * handling department sees it (it calls back) unless it is the department complained about, and
 * co-handling departments see it masked.
 * @param actor the viewer.
 * @param c the complaint.
 * @returns full, masked or withheld.
 */
export function identityAccess(actor: Actor, c: ComplaintFacts): IdentityAccess {
  const relation = relationOf(actor, c);
  if (relation === "owner" || relation === "coordinator" || relation === "admin") return "full";
  if (relation === "hotline") return c.confidential && c.channel !== "phone" ? "withheld" : "full";
  if (c.confidential) return "withheld";
  if (actor.departmentId && c.accusedDepartmentId?.equals(actor.departmentId)) return "masked";
  return relation === "handling_department" ? "full" : "masked";
}

/**
 * Complaints: who may see one, see the complainant in full, see content still under review, and
 * act as the complainant. Lifecycle actions follow the state machine in `@lushan/shared`.
 */
export const complaintPolicy = definePolicy<ComplaintFacts, "read" | "readIdentity" | "readHeldContent" | "actAsComplainant">("complaint", {
  read: (actor, c) => relationOf(actor, c) !== "other",
  readIdentity: (actor, c) => identityAccess(actor, c) === "full",
  readHeldContent: (actor, c) => ["owner", "coordinator", "admin"].includes(relationOf(actor, c)),
  actAsComplainant: (actor, c) => relationOf(actor, c) === "owner",
});

/**
 * The lifecycle actions the actor may take now on the workbench (the complainant's own actions
 * have their own endpoints). Content decisions only while content waits for review.
 * @param actor the caller.
 * @param c the complaint.
 * @returns the allowed actions.
 */
export function workbenchActions(actor: Actor, c: ComplaintFacts): ComplaintAction[] {
  return availableActions(c.status, relationOf(actor, c)).filter((a) => {
    if (COMPLAINANT_ACTIONS.includes(a)) return false;
    const held = c.moderation === "pending" || c.moderation === "review";
    if (a === "approve_content" || a === "reject_content") return held;
    // Held text is decided first; dispatching comes with the approval.
    if (a === "assign") return !held;
    return true;
  });
}

/**
 * The complaints a staff member may list: all for administrators and the coordinator, their own
 * department's (as handler or co-handler) for department roles, 12345's share for operators.
 * @param actor the caller.
 * @returns the scope to pass to the complaint repository.
 */
export function complaintScopeFor(actor: Actor): ComplaintScope {
  if (seesAllDepartments(actor)) return { kind: "all" };
  if (actor.role === Roles.hotlineOperator) return { kind: "hotline" };
  if (isDepartmentRole(actor) && actor.departmentId) return { kind: "department", departmentId: actor.departmentId };
  throw AuthorizationError();
}
