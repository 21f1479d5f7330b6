import { complaintsContract, ComplaintValidation } from "@lushan/shared";
import { uploadCreator } from "../../commands/uploadCreator";
import { NotFoundError } from "../../errors";
import { multipartFile, type UploadedFile } from "../../middlewares/multipart";
import { rateLimiter } from "../../middlewares/rateLimiter";
import { uploadRepository } from "../../models/upload/upload.repository";
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
      const file = (ctx.state as { file?: UploadedFile }).file!;
      const upload = await uploadCreator(ctx.state.actor!, file.buffer, ctx);
      return { ...upload, url: ctx.services.uploads.signedPath(upload.id) };
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
