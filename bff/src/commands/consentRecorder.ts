import { TEMPLATE_KEYS, type ConsentResult, type TemplateKey } from "@lushan/shared";
import type { Config } from "../config";
import { ValidationError } from "../errors";
import { ConsentModel } from "../models/consent/consent.schema";
import type { Actor } from "../types";

/**
 * One-time credits a user can hold per template. WeChat adds one per acceptance; the cap only
 * bounds what a misbehaving client could claim (a send beyond WeChat's count answers 43101,
 * which clears the credits).
 */
export const MAX_CREDITS = 100;

/**
 * Records what wx.requestSubscribeMessage returned, per template: a one-time `accept` adds a
 * credit (one message), a long-term `accept` grants standing permission and `reject` withdraws it,
 * `ban` (the platform banned the template) clears everything, `filter` changes nothing.
 * @param actor the user who tapped.
 * @param results templateId → result.
 * @param config the configured templates.
 */
export async function consentRecorder(actor: Actor, results: Record<string, ConsentResult>, config: Config): Promise<void> {
  const byId = new Map<string, TemplateKey>();
  for (const key of TEMPLATE_KEYS) {
    const id = config.notifications.templates[key].id;
    if (id) byId.set(id, key);
  }
  const unknown = Object.keys(results).filter((id) => !byId.has(id));
  if (unknown.length) throw ValidationError(`不是本服务的订阅消息模板：${unknown.join("、")}`, [{ path: "body.results", message: "未知的订阅消息模板" }]);
  const now = new Date();
  for (const [templateId, result] of Object.entries(results)) {
    const key = byId.get(templateId)!;
    const kind = config.notifications.templates[key].kind;
    const base = { template: key, kind, lastResult: result, lastResultAt: now };
    let set: Record<string, unknown>;
    if (result === "accept") {
      set =
        kind === "one_time"
          ? { ...base, credits: { $min: [MAX_CREDITS, { $add: [{ $ifNull: ["$credits", 0] }, 1] }] }, standing: false }
          : { ...base, standing: true, credits: { $ifNull: ["$credits", 0] } };
    } else if (result === "reject") {
      set = { ...base, standing: false, credits: { $ifNull: ["$credits", 0] } };
    } else if (result === "ban") {
      set = { ...base, standing: false, credits: 0 };
    } else {
      set = { ...base, standing: { $ifNull: ["$standing", false] }, credits: { $ifNull: ["$credits", 0] } };
    }
    // An update pipeline: the credit increment and its cap happen in one atomic write.
    await ConsentModel.updateOne(
      { userId: actor.userId, templateId },
      [{ $set: { ...set, userId: actor.userId, templateId, createdAt: { $ifNull: ["$createdAt", now] }, updatedAt: now } }],
      { upsert: true, updatePipeline: true },
    );
  }
}
