import { UploadModel } from "../../models/upload/upload.schema";
import { UserModel } from "../../models/user/user.schema";
import { defineTask, exponentialBackoff } from "../task";

/**
 * Asks WeChat to check an uploaded image (mediaCheckAsync v2). The verdict arrives later at
 * `/api/v1/integrations/wechat/events` and is matched by trace id; until then the image stays
 * pending and departments do not see it.
 */
export const mediaCheckTask = defineTask<{ uploadId: string }>({
  name: "upload.check_media",
  maxAttempts: 6,
  backoffMs: exponentialBackoff(5_000, 300_000),
  async perform({ uploadId }, ctx) {
    const upload = await UploadModel.findById(uploadId).lean();
    if (!upload || upload.status !== "pending" || upload.traceId) return;
    const owner = await UserModel.findById(upload.ownerId, { openid: 1 }).lean();
    const base = ctx.config.publicBaseUrl;
    if (!owner?.openid || !base) {
      // WeChat cannot reach the image or the uploader: leave it to a person.
      await UploadModel.updateOne({ _id: uploadId }, { $set: { status: "unchecked" } });
      return;
    }
    const traceId = await ctx.services.contentSecurity.checkImage(`${base}${ctx.services.uploads.signedPath(uploadId, 3 * 3600)}`, owner.openid);
    await UploadModel.updateOne({ _id: uploadId }, { $set: { traceId } });
  },
});
