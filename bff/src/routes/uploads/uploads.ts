import { createHash } from "node:crypto";
import { complaintsContract, ComplaintValidation } from "@lushan/shared";
import { initialImageReview } from "../../complaints/moderation";
import { withTransaction } from "../../db/transaction";
import { NotFoundError } from "../../errors";
import { multipartFile, type UploadedFile } from "../../middlewares/multipart";
import { rateLimiter } from "../../middlewares/rateLimiter";
import { uploadRepository } from "../../models/upload/upload.repository";
import { mediaCheckTask } from "../../queues/tasks/mediaCheck";
import type { Config } from "../../config";
import { RawBody, register, type ApiRouter } from "../register";

/**
 * Evidence uploads: type read from the bytes, re-encoded without metadata, stored under a random
 * id, checked (WeChat or a person) before departments see them; served only through signed links
 * that the complaint's presenters hand to those who may see it.
 */
export function uploadRoutes(router: ApiRouter, config: Config): void {
  register(
    router,
    complaintsContract.upload,
    async (ctx) => {
      const actor = ctx.state.actor!;
      const file = (ctx.state as { file?: UploadedFile }).file!;
      const image = await ctx.services.uploads.process(file.buffer, ComplaintValidation.maxUploadBytes);
      const review = await initialImageReview(actor, ctx.services, ctx.config);
      await ctx.services.uploads.save(image);
      await withTransaction(async (session) => {
        await uploadRepository.create(
          {
            _id: image.id,
            ownerId: actor.userId,
            mime: image.mime,
            size: image.size,
            width: image.width,
            height: image.height,
            sha256: createHash("sha256").update(image.buffer).digest("hex"),
            status: review.state,
            reviewNote: review.note,
          },
          session,
        );
        if (review.state === "pending") await mediaCheckTask.schedule({ uploadId: image.id }, { session });
      }).catch(async (err: unknown) => {
        // No record, no file: nothing half-written stays behind.
        await ctx.services.uploads.remove(image.id);
        throw err;
      });
      if (review.state === "pending") ctx.services.queue.nudge();
      return { id: image.id, mime: image.mime, size: image.size, width: image.width, height: image.height, status: review.state, url: ctx.services.uploads.signedPath(image.id) };
    },
    {
      // Decoding images costs CPU: a tighter limit than the API-wide one.
      before: [rateLimiter({ max: config.uploadRateLimitPerMinute, bucket: "upload" })],
      bodyParser: multipartFile({ field: "file", maxBytes: ComplaintValidation.maxUploadBytes }),
    },
  );

  register(router, complaintsContract.uploadContent, async (ctx) => {
    const { id } = ctx.input.params;
    const { exp, sig } = ctx.input.query;
    if (!ctx.services.uploads.verify(id, exp, sig)) throw NotFoundError("图片链接已失效，请刷新页面");
    const upload = await uploadRepository.findById(id);
    if (!upload) throw NotFoundError("图片不存在");
    const data = await ctx.services.uploads.read(id).catch(() => {
      throw NotFoundError("图片不存在");
    });
    return new RawBody(upload.mime, data, { "Cache-Control": "private, max-age=600", "Content-Disposition": "inline", "X-Content-Type-Options": "nosniff" });
  });
}
