import { uploadRepository } from "../../models/upload/upload.repository";
import { UserModel } from "../../models/user/user.schema";
import { defineTask, exponentialBackoff } from "../task";

/**
 * Asks WeChat to check an uploaded image (mediaCheckAsync v2). The verdict arrives later at
 * `/api/v1/integrations/wechat/events` and is matched by trace id; until then the image stays
 * pending and departments do not see it. When WeChat cannot check it, it waits for a person.
 */
export const mediaCheckTask = defineTask<{ uploadId: string }>({
  name: "upload.check_media",
  maxAttempts: 6,
  backoffMs: exponentialBackoff(5_000, 300_000),
  async perform({ uploadId }, ctx) {
    const upload = await uploadRepository.findById(uploadId);
    if (!upload || upload.status !== "pending" || upload.traceId) return;
    const owner = await UserModel.findById(upload.ownerId, { openid: 1 }).lean<{ openid?: string | null }>();
    const base = ctx.config.publicBaseUrl;
    if (!owner?.openid || !base) {
      await uploadRepository.setStatus(uploadId, "review", "微信无法读取图片或上传人身份，待人工审核", undefined, ["pending"]);
      return;
    }
    // WeChat fetches the image within about half an hour; the link outlives that comfortably.
    const result = await ctx.services.contentSecurity.checkImage(`${base}${ctx.services.uploads.signedPath(uploadId, 3 * 3600)}`, owner.openid);
    if ("unavailable" in result) await uploadRepository.setStatus(uploadId, "review", `${result.unavailable}，待人工审核`, undefined, ["pending"]);
    else await uploadRepository.setTrace(uploadId, result.traceId);
  },
  async onDead({ uploadId }) {
    await uploadRepository.setStatus(uploadId, "review", "图片安全检测多次失败，待人工审核", undefined, ["pending"]);
  },
});
