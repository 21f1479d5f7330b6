import { TEMPLATE_KEYS, TemplateTitles, type ConsentResult, type PolicyCategory, type SubscriptionView, type TemplateConsentView } from "@lushan/shared";
import type { Config } from "../config";
import type { ConsentRecord } from "../models/consent/consent.schema";
import type { SubscriptionRecord } from "../models/subscription/subscription.schema";

/**
 * The consent state of every template for one user: the mini-program asks again when
 * `shouldAsk` (no long-term consent and no one-time credit left) and shows whether WeChat
 * messages can be sent at all.
 * @param config template ids and kinds.
 * @param consents the user's consents.
 * @param pushAvailable whether WeChat sending is configured.
 * @returns one entry per template.
 */
export function presentTemplates(config: Config, consents: ConsentRecord[], pushAvailable: boolean): TemplateConsentView[] {
  return TEMPLATE_KEYS.map((key) => {
    const t = config.notifications.templates[key];
    const c = t.id ? consents.find((x) => x.templateId === t.id) : undefined;
    const credits = c?.credits ?? 0;
    const standing = t.kind === "long_term" && Boolean(c?.standing);
    const usable = Boolean(t.id) && pushAvailable;
    return {
      key,
      title: TemplateTitles[key],
      templateId: t.id,
      kind: t.kind,
      credits,
      standing,
      lastResult: (c?.lastResult as ConsentResult | null | undefined) ?? null,
      canPush: usable && (standing || credits > 0),
      shouldAsk: usable && !standing && credits === 0 && c?.lastResult !== "ban",
    };
  });
}

/** A user's subscription with item names and consents. */
export function presentSubscription(
  sub: SubscriptionRecord | null,
  itemNames: Map<string, string>,
  templates: TemplateConsentView[],
): SubscriptionView {
  return {
    listAll: sub?.listAll ?? false,
    items: (sub?.items ?? []).map((code) => ({ code, name: itemNames.get(code) ?? null })),
    industries: sub?.industries ?? [],
    categories: (sub?.categories ?? []) as PolicyCategory[],
    complaints: true,
    templates,
    updatedAt: sub?.updatedAt ? sub.updatedAt.toISOString() : null,
  };
}
