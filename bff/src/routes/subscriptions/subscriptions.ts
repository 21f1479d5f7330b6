import { subscriptionsContract } from "@lushan/shared";
import { consentRecorder } from "../../commands/consentRecorder";
import { subscriptionWriter } from "../../commands/subscriptionWriter";
import type { SubscriptionRecord } from "../../models/subscription/subscription.schema";
import { subscriptionRepository } from "../../models/subscription/subscription.repository";
import { presentSubscription, presentTemplates } from "../../presenters/subscription";
import type { AppContext } from "../../types";
import { itemNamesOf } from "../policies/policies";
import { register, type ApiRouter } from "../register";

async function templatesOf(ctx: AppContext) {
  const consents = await subscriptionRepository.consentsOf(ctx.state.actor!.userId);
  return presentTemplates(ctx.config, consents, ctx.config.wechat.configured);
}

async function view(ctx: AppContext, sub: SubscriptionRecord | null) {
  return presentSubscription(sub, await itemNamesOf(ctx.services, sub?.items ?? []), await templatesOf(ctx));
}

/**
 * The signed-in user's subscriptions and subscribe-message consents. Every query is by the
 * caller's own user id, so nobody can read or change another user's.
 */
export function subscriptionRoutes(router: ApiRouter): void {
  register(router, subscriptionsContract.get, async (ctx) => {
    return view(ctx, await subscriptionRepository.findForUser(ctx.state.actor!.userId));
  });

  register(router, subscriptionsContract.put, async (ctx) => view(ctx, await subscriptionWriter(ctx.state.actor!, ctx.input.body)));

  register(router, subscriptionsContract.consents, async (ctx) => {
    await consentRecorder(ctx.state.actor!, ctx.input.body.results, ctx.config);
    return { templates: await templatesOf(ctx) };
  });
}
