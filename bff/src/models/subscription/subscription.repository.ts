import type { Types } from "mongoose";
import { ConsentModel, type ConsentRecord } from "../consent/consent.schema";
import { SubscriptionModel, type SubscriptionRecord } from "./subscription.schema";

/** A user's subscription and consents; every query is by the owner's id. */
export const subscriptionRepository = {
  async findForUser(userId: Types.ObjectId): Promise<SubscriptionRecord | null> {
    return SubscriptionModel.findOne({ userId }).lean<SubscriptionRecord>();
  },

  async consentsOf(userId: Types.ObjectId): Promise<ConsentRecord[]> {
    return ConsentModel.find({ userId }).lean<ConsentRecord[]>();
  },
};
