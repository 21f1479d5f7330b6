import { z } from "zod";
import { IsoDateTime } from "./common";
import { ItemCodeSchema } from "./list";
import { PolicyCategorySchema } from "./policy";

/** The subscribe-message templates the service sends, by purpose. */
export const TEMPLATE_KEYS = ["list_update", "policy_update", "complaint_progress"] as const;
export const TemplateKeySchema = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof TemplateKeySchema>;
export const TemplateTitles: Record<TemplateKey, string> = {
  list_update: "清单更新提醒",
  policy_update: "政策发布提醒",
  complaint_progress: "投诉办理进度通知",
};

/** One-time: each consent allows one message. Long-term: standing permission (public-service categories only). */
export const TemplateKindSchema = z.enum(["one_time", "long_term"]);
export type TemplateKind = z.infer<typeof TemplateKindSchema>;

/** What `wx.requestSubscribeMessage` answers per template. */
export const ConsentResultSchema = z.enum(["accept", "reject", "ban", "filter"]);
export type ConsentResult = z.infer<typeof ConsentResultSchema>;

export const SubscriptionValidation = { maxItems: 200, maxIndustries: 50 } as const;

/** The topics a user follows. Their own complaints are always followed. */
export const SubscriptionTopicsBody = z.strictObject({
  /** Every change of the list (new editions, 清单动态). */
  listAll: z.boolean(),
  items: z.array(ItemCodeSchema).max(SubscriptionValidation.maxItems, `最多关注 ${SubscriptionValidation.maxItems} 个事项`),
  industries: z
    .array(z.string().trim().min(1).max(40))
    .max(SubscriptionValidation.maxIndustries, `最多关注 ${SubscriptionValidation.maxIndustries} 个行业`),
  categories: z.array(PolicyCategorySchema).max(5),
});
export type SubscriptionTopicsInput = z.input<typeof SubscriptionTopicsBody>;

export const TemplateConsentView = z
  .object({
    key: TemplateKeySchema,
    title: z.string(),
    /** Pass to wx.requestSubscribeMessage (null when the template is not configured). */
    templateId: z.string().nullable(),
    kind: TemplateKindSchema,
    /** One-time messages still allowed. */
    credits: z.number().int(),
    /** A long-term consent is in force. */
    standing: z.boolean(),
    /** The last answer the user gave for this template. */
    lastResult: ConsentResultSchema.nullable(),
    /** Whether a WeChat message can be sent now (otherwise notices reach the message center only). */
    canPush: z.boolean(),
    /** Ask again (a one-time consent is used up, or none was given). */
    shouldAsk: z.boolean(),
  })
  .meta({ id: "TemplateConsent" });
export type TemplateConsentView = z.infer<typeof TemplateConsentView>;

export const SubscriptionView = z
  .object({
    listAll: z.boolean(),
    items: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
    industries: z.array(z.string()),
    categories: z.array(PolicyCategorySchema),
    /** Progress of one's own complaints is always notified. */
    complaints: z.literal(true),
    templates: z.array(TemplateConsentView),
    updatedAt: IsoDateTime.nullable(),
  })
  .meta({ id: "Subscription" });
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const ConsentBody = z.strictObject({
  /** templateId → result, as returned by wx.requestSubscribeMessage (its `errMsg` may be passed along). */
  results: z.record(z.string().trim().min(1).max(128), ConsentResultSchema).refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 5, "每次需提交 1 至 5 个模板的结果"),
  errMsg: z.string().max(200).optional(),
});

export const ConsentResponse = z.object({ templates: z.array(TemplateConsentView) });
