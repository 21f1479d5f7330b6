import { Roles } from "@lushan/shared";
import type { Config } from "../config";
import type { ModerationState } from "../models/complaint/complaint.schema";
import type { EvidenceState } from "../models/upload/upload.schema";
import { UserModel } from "../models/user/user.schema";
import type { Services } from "../services";
import type { Actor } from "../types";

export interface TextReview {
  state: ModerationState;
  /** Recorded on the timeline (internal): why the text was or was not checked. */
  note: string;
}

async function openidOf(actor: Actor): Promise<string | null> {
  const user = await UserModel.findById(actor.userId, { openid: 1 }).lean<{ openid?: string | null }>();
  return user?.openid ?? null;
}

/**
 * How a new text (complaint or supplement) is reviewed. 12345 operators' records are trusted.
 * Citizens' text goes to WeChat msgSecCheck when it is configured (held until the verdict); when it
 * is not (development, or a citizen without a WeChat identity), `CONTENT_CHECK_FALLBACK` decides:
 * dispatch it with the skipped check on record, or hold it for the coordinator.
 * @param actor who wrote it.
 * @param services content security.
 * @param config the fallback policy.
 * @returns the initial state and the reason.
 */
export async function initialTextReview(actor: Actor, services: Services, config: Config): Promise<TextReview> {
  if (actor.role !== Roles.citizen) return { state: "cleared", note: "12345 热线话务员登记，无需内容安全检测" };
  const reason = !services.contentSecurity.enabled ? "未配置微信内容安全接口" : (await openidOf(actor)) ? null : "投诉人没有微信身份（网页端登录）";
  if (!reason) return { state: "pending", note: "已提交微信内容安全检测（msgSecCheck）" };
  return config.complaints.contentCheckFallback === "hold"
    ? { state: "review", note: `${reason}，未经自动检测，待协调员人工审核` }
    : { state: "skipped", note: `${reason}，未经自动检测，已按配置直接分办` };
}

/**
 * How a new image is reviewed: staff uploads are trusted; citizens' images go to WeChat
 * mediaCheckAsync when WeChat can fetch them (configured, public address known, uploader has a
 * WeChat identity), and otherwise wait for a person. Either way departments see them only once
 * cleared.
 * @param actor the uploader.
 * @param services content security.
 * @param config the public base URL.
 * @returns the initial state and the reason.
 */
export async function initialImageReview(actor: Actor, services: Services, config: Config): Promise<{ state: EvidenceState; note: string | null }> {
  if (actor.role !== Roles.citizen) return { state: "cleared", note: "工作人员上传" };
  if (!services.contentSecurity.enabled) return { state: "review", note: "未配置微信内容安全接口，待人工审核" };
  if (!config.publicBaseUrl) return { state: "review", note: "未配置 PUBLIC_BASE_URL，微信无法读取图片，待人工审核" };
  if (!(await openidOf(actor))) return { state: "review", note: "上传人没有微信身份，待人工审核" };
  return { state: "pending", note: null };
}
