import type { SubscriptionTopicsInput } from "@lushan/shared/schemas/subscription";
import * as platform from "@/platform";
import { api } from "./api";
import { call } from "./request";

/** The user's topics and, per subscribe-message template, whether WeChat messages can be sent. */
export function getSubscriptions() {
  return call(api.subscriptions.get);
}

/**
 * Replaces the followed topics.
 * @param topics list changes, items, industries, policy categories.
 * @returns the saved subscription.
 */
export function saveSubscriptions(topics: SubscriptionTopicsInput) {
  return call(api.subscriptions.put, { body: topics });
}

/**
 * Asks WeChat for subscribe-message consent and records the answers. Must run from a tap.
 * In browsers nothing is asked: notices reach the message center only.
 * @param templateIds the templates to ask for (at most 3 per WeChat's dialog).
 * @returns `pushed: false` when this platform cannot receive WeChat messages; otherwise the
 *   templates with their updated state (null when WeChat returned no answers).
 */
export async function requestConsents(templateIds: string[]) {
  const outcome = await platform.requestSubscribeMessage(templateIds.slice(0, 3));
  if (!outcome.supported) return { pushed: false as const, templates: null };
  if (Object.keys(outcome.results).length === 0) return { pushed: true as const, templates: null };
  const res = await call(api.subscriptions.consents, {
    body: { results: outcome.results, errMsg: outcome.errMsg.slice(0, 200) },
  });
  return { pushed: true as const, templates: res.templates };
}

/**
 * Follows or unfollows one list item, keeping the other topics as they are.
 * @param code the item code.
 * @param follow true to follow.
 * @returns the saved subscription.
 */
export async function setItemFollowed(code: string, follow: boolean) {
  const current = await getSubscriptions();
  const codes = current.items.map((i) => i.code).filter((c) => c !== code);
  return saveSubscriptions({
    listAll: current.listAll,
    items: follow ? [...codes, code] : codes,
    industries: current.industries,
    categories: current.categories,
  });
}
