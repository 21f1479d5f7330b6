import { definePolicy } from "./policy";

/**
 * Subscriptions, consents and the message center belong to one user: only that user reads or
 * changes them (staff included: their message center holds their department's notices).
 */
export const subscriptionPolicy = definePolicy<{ userId: { equals(id: unknown): boolean } }, "read" | "update">("subscription", {
  read: (actor, record) => record.userId.equals(actor.userId),
  update: (actor, record) => record.userId.equals(actor.userId),
});
