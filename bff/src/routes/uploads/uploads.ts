import { complaintsContract, ComplaintValidation } from "@lushan/shared";
import { createHash } from "node:crypto";
import { withTransaction } from "../../db/transaction";
import { NotFoundError } from "../../errors";
import { multipartFile, type UploadedFile } from "../../middlewares/multipart";
import { UploadModel } from "../../models/upload/upload.schema";
import { UserModel } from "../../models/user/user.schema";
import { mediaCheckTask } from "../../queues/tasks/mediaCheck";
import { RawBody, register, type ApiRouter } from "../register";

/** Evidence uploads: checked, cleaned, stored; served only through signed links. */
export function uploadRoutes(router: ApiRouter): void {
  register(
    router,
    complaintsContract.upload,
    async (ctx) => {
      const actor = ctx.state.actor!;
      const file = (ctx.state as { file?: UploadedFile }).file!;
      const image = await ctx.services.uploads.process(file.buffer, ComplaintValidation.maxUploadBytes);
      await ctx.services.uploads.save(image);
      const owner = actor.role === "citizen" ? await UserModel.findById(actor.userId, { openid: 1 }).lean() : null;
      // Citizens' images are checked by WeChat when it is configured; staff uploads are trusted.
      const check = ctx.services.contentSecurity.enabled && Boolean(owner?.openid);
      await withTransaction(async (session) => {
        await UploadModel.create(
          [
            {
              _id: image.id,
              ownerId: actor.userId,
              mime: image.mime,
              size: image.size,
              width: image.width,
              height: image.height,
              sha256: createHash("sha256").update(image.buffer).digest("hex"),
              status: check ? "pending" : "unchecked",
            },
          ],
          { session },
        );
        if (check) await mediaCheckTask.schedule({ uploadId: image.id }, { session });
      });
      if (check) ctx.services.queue.nudge();
      return {
        id: image.id,
        mime: image.mime,
        size: image.size,
        width: image.width,
        height: image.height,
        status: check ? "pending" : "unchecked",
        url: ctx.services.uploads.signedPath(image.id),
      };
    },
    { bodyParser: multipartFile({ field: "file", maxBytes: ComplaintValidation.maxUploadBytes }) },
  );

  register(router, complaintsContract.uploadContent, async (ctx) => {
    const { id } = ctx.input.params;
    const { exp, sig } = ctx.input.query;
    if (!ctx.services.uploads.verify(id, exp, sig)) throw NotFoundError("链接已失效，请刷新页面");
    const upload = await UploadModel.findById(id).lean();
    if (!upload) throw NotFoundError("图片不存在");
    const data = await ctx.services.uploads.read(id).catch(() => {
      throw NotFoundError("图片不存在");
    });
    return new RawBody(upload.mime, data, { "Cache-Control": "private, max-age=600", "X-Content-Type-Options": "nosniff" });
  });
}
