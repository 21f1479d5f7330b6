import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { POLICY_CATEGORIES } from "@lushan/shared";

/**
 * What a user follows. `topics` is derived from the other fields (`list:any`, `item:<code>`,
 * `industry:<name>`, `category:<name>`) and indexed, so finding the subscribers of an event is
 * one `$in` lookup, and a user matching several topics is found once.
 */
const subscriptionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    listAll: { type: Boolean, default: false },
    items: { type: [String], default: [] },
    industries: { type: [String], default: [] },
    categories: { type: [{ type: String, enum: POLICY_CATEGORIES }], default: [] },
    topics: { type: [String], default: [] },
  },
  { timestamps: true },
);

subscriptionSchema.index({ userId: 1 }, { unique: true });
subscriptionSchema.index({ topics: 1 });

export type SubscriptionRecord = InferSchemaType<typeof subscriptionSchema> & { _id: Types.ObjectId; updatedAt: Date };
export const SubscriptionModel = model("Subscription", subscriptionSchema);
