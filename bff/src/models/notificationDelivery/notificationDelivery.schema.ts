import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { TEMPLATE_KEYS } from "@lushan/shared";

export const DELIVERY_STATES = ["queued", "sending", "sent", "skipped", "failed", "unknown"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * The WeChat subscribe message of one notice to one user (only users whose consent allowed it at
 * fan-out time). Unique per (notice, user), claimed `queued → sending` atomically before the call,
 * so no worker crash or replay sends it twice: a row found in `sending` after a crash becomes
 * `unknown` and is never resent (the message center already has the notice).
 */
const deliverySchema = new Schema(
  {
    notificationId: { type: Schema.Types.ObjectId, ref: "Notification", required: true },
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    template: { type: String, enum: TEMPLATE_KEYS, required: true },
    templateId: { type: String, required: true },
    state: { type: String, enum: DELIVERY_STATES, default: "queued" },
    /** A one-time credit was taken for this message (refunded if WeChat refused to deliver for a fault of ours). */
    creditTaken: { type: Boolean, default: false },
    attempts: { type: Number, default: 0 },
    claimedAt: { type: Date, default: null },
    errcode: { type: Number, default: null },
    reason: { type: String, default: null },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true },
);

deliverySchema.index({ notificationId: 1, userId: 1 }, { unique: true });

export type DeliveryRecord = InferSchemaType<typeof deliverySchema> & { _id: Types.ObjectId };
export const DeliveryModel = model("NotificationDelivery", deliverySchema);
