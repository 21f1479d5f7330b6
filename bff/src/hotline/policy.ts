import { Roles } from "@lushan/shared";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { definePolicy } from "../policies/policy";
import { relationOf } from "../policies/complaint";

/**
 * 12345 work orders (judged on their complaint): 12345 operators and administrators read them
 * (the complaint policy's `hotline` relation: phone complaints and those routed to 12345);
 * only operators work the in-product queue.
 */
export const workOrderPolicy = definePolicy<ComplaintRecord, "read" | "work">("workOrder", {
  read: (actor, c) => ["hotline", "admin"].includes(relationOf(actor, c)),
  work: (actor, c) => actor.role === Roles.hotlineOperator && relationOf(actor, c) === "hotline",
});
