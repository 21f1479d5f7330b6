import type { Types } from "mongoose";
import { Roles, type Relation } from "@lushan/shared";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import type { Actor } from "../types";
import { isDepartmentRole } from "./predicates";

type ComplaintFacts = Pick<ComplaintRecord, "ownerId" | "followerIds" | "departmentId" | "coDepartmentIds" | "channel" | "routing" | "accusedDepartmentId" | "confidential">;

/**
 * Who the actor is with respect to a complaint: its complainant (or a follower of a merged one),
 * staff of the handling or a co-handling department, the coordinator, 12345, an administrator,
 * or nobody in particular.
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
      return c.channel === "phone" || c.routing?.hotline ? "hotline" : "other";
  }
  if (isDepartmentRole(actor) && actor.departmentId) {
    if (c.departmentId?.equals(actor.departmentId)) return "handling_department";
    if (c.coDepartmentIds?.some((d) => d.equals(actor.departmentId!))) return "co_department";
  }
  return "other";
}

/** Whether the actor may see the complaint at all (others get 404, so ticket numbers cannot be probed). */
export function canView(relation: Relation): boolean {
  return relation !== "other";
}

/**
 * How much of the complainant's identity a viewer may see: all of it (coordination, 12345,
 * administrators and the complainant), masked (a department that is itself the one complained
 * about), or nothing (any department when the complainant asked for confidentiality).
 */
export function contactAccess(relation: Relation, c: ComplaintFacts, viewerDepartment: Types.ObjectId | null): "full" | "masked" | "withheld" {
  if (relation === "owner" || relation === "coordinator" || relation === "admin" || relation === "hotline") return "full";
  if (c.confidential) return "withheld";
  if (viewerDepartment && c.accusedDepartmentId?.equals(viewerDepartment)) return "masked";
  return relation === "handling_department" ? "full" : "masked";
}

/** The filter that limits a staff list to what the actor may see. */
export function staffListFilter(actor: Actor): Record<string, unknown> | null {
  switch (actor.role) {
    case Roles.coordinator:
    case Roles.admin:
      return {};
    case Roles.hotlineOperator:
      return { $or: [{ channel: "phone" }, { "routing.hotline": true }] };
  }
  if (isDepartmentRole(actor) && actor.departmentId) return { $or: [{ departmentId: actor.departmentId }, { coDepartmentIds: actor.departmentId }] };
  return null;
}
