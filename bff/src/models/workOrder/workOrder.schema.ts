import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import "./hotlineEvent.schema";

export const DELIVERY_STATES = ["pending", "sending", "delivered", "failed", "dead", "local"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * A 12345 hotline work order: the outbox record of a complaint's dispatch to the hotline platform.
 * Written in the same transaction as the complaint's state change; its delivery state is separate
 * from the complaint's status.
 */
const workOrderSchema = new Schema(
  {
    /** Our ticket number: the idempotency key towards the platform. */
    ticketNo: { type: String, required: true },
    complaintId: { type: Schema.Types.ObjectId, ref: "Complaint", required: true },
    /** What the platform receives (no identity when the complainant asked for confidentiality). */
    payload: { type: Schema.Types.Mixed, required: true },
    deliveryState: { type: String, enum: DELIVERY_STATES, default: "pending" },
    /** Push attempts so far (counted when a dispatcher claims the record). */
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: () => new Date() },
    /** The dispatcher instance holding the record while it sends, and until when. */
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    /** The platform's order number and its last reported status. */
    externalId: { type: String, default: null },
    externalStatus: { type: String, default: null },
    lastError: { type: String, default: null },
    deliveredAt: { type: Date, default: null },
    /** When the dispatcher gave up (dead letter). */
    deadAt: { type: Date, default: null },
    /** Last status pull from the platform (backstop for lost callbacks). */
    lastPulledAt: { type: Date, default: null },
    /** The platform reported a final status (办结 or 退回): nothing more to pull. */
    settledAt: { type: Date, default: null },
    /** In-product queue (no platform configured): the operator who claimed it. */
    claimedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    claimedAt: { type: Date, default: null },
    acknowledgedAt: { type: Date, default: null },
    dispatchedAt: { type: Date, default: null },
    dispatchedDepartmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
  },
  { timestamps: true, versionKey: false },
);

workOrderSchema.index({ ticketNo: 1 }, { unique: true });
// The dispatcher claims due records: state + next attempt, then lease expiry.
workOrderSchema.index({ deliveryState: 1, nextAttemptAt: 1 });
workOrderSchema.index({ deliveryState: 1, leaseUntil: 1 });
// The status pull walks delivered, unsettled orders, least recently pulled first.
workOrderSchema.index({ deliveryState: 1, settledAt: 1, lastPulledAt: 1 });
// The operator queue: newest first.
workOrderSchema.index({ createdAt: -1, _id: -1 });
workOrderSchema.index({ complaintId: 1 });

export type WorkOrderRecord = InferSchemaType<typeof workOrderSchema> & { _id: Types.ObjectId };

export const WorkOrderModel = model("WorkOrder", workOrderSchema);
