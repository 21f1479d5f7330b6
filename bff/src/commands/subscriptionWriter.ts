import type { PolicyCategory, SubscriptionTopicsBody } from "@lushan/shared";
import type { z } from "zod";
import { ValidationError } from "../errors";
import { ListItemModel } from "../models/listItem/listItem.schema";
import { SubscriptionModel, type SubscriptionRecord } from "../models/subscription/subscription.schema";
import { subscriptionTopics } from "../notifications/topics";
import type { Actor } from "../types";

/**
 * Replaces what the user follows (topics are derived and indexed for fan-out). Unknown list item
 * codes are refused, so a typo does not silently follow nothing.
 * @param actor the user.
 * @param input the choices.
 * @returns the stored subscription.
 */
export async function subscriptionWriter(actor: Actor, input: z.output<typeof SubscriptionTopicsBody>): Promise<SubscriptionRecord> {
  const items = [...new Set(input.items)];
  if (items.length) {
    const known = new Set((await ListItemModel.find({ code: { $in: items } }, { code: 1 }).lean()).map((r) => r.code));
    const missing = items.filter((c) => !known.has(c));
    if (missing.length) throw ValidationError(`事项编码不存在：${missing.join("、")}`, [{ path: "body.items", message: `事项编码不存在：${missing.join("、")}` }]);
  }
  const choice = {
    listAll: input.listAll,
    items,
    industries: [...new Set(input.industries)],
    categories: [...new Set(input.categories)] as PolicyCategory[],
  };
  return (await SubscriptionModel.findOneAndUpdate(
    { userId: actor.userId },
    { $set: { ...choice, topics: subscriptionTopics(choice) }, $setOnInsert: { userId: actor.userId } },
    { upsert: true, returnDocument: "after" },
  ).lean<SubscriptionRecord>())!;
}
