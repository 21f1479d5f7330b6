import type { Middleware } from "koa";
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from "../errors";
import type { AppContextExtras, AppState } from "../types";

/** A file received in a multipart request (kept in memory: files here are small). */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

interface MulterLike {
  single(field: string): Middleware<AppState, AppContextExtras>;
}
interface MulterError extends Error {
  code?: string;
  field?: string;
}

// @koa/multer ships without types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const koaMulter = require("@koa/multer") as ((options: object) => MulterLike) & { memoryStorage(): object };

/**
 * Parses a multipart/form-data body with one file field: the file goes to `ctx.state.file`, the
 * other fields to `ctx.request.body` (as strings) for validation. Oversized files are 413, a
 * missing file or unexpected files 400, anything but multipart 415.
 * @param options the file field name and size limit.
 * @returns the middleware.
 */
export function multipartFile(options: { field: string; maxBytes: number; required?: boolean }): Middleware<AppState & { file?: UploadedFile }, AppContextExtras> {
  const parser = koaMulter({
    storage: koaMulter.memoryStorage(),
    limits: { fileSize: options.maxBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 30 },
  }).single(options.field);
  return async function multipartMiddleware(ctx, next) {
    if (!ctx.is("multipart/form-data")) throw UnsupportedMediaTypeError("请求内容类型须为 multipart/form-data");
    try {
      await parser(ctx, async () => undefined);
    } catch (raw) {
      const err = raw as MulterError;
      if (err.code === "LIMIT_FILE_SIZE") throw PayloadTooLargeError(`文件不能超过 ${Math.round(options.maxBytes / 1024 / 1024)} MB`);
      if (err.code === "LIMIT_UNEXPECTED_FILE" || err.code === "LIMIT_FILE_COUNT") throw ValidationError(`只能上传一个文件，字段名为 ${options.field}`);
      if (err.code?.startsWith("LIMIT_")) throw ValidationError("表单字段过多或过长");
      throw ValidationError("表单内容无法解析");
    }
    const file = (ctx.request as unknown as { file?: UploadedFile }).file;
    if (!file && options.required !== false) throw ValidationError(`请选择要上传的文件（字段名 ${options.field}）`, [{ path: `body.${options.field}`, message: "请选择文件" }]);
    ctx.state.file = file;
    ctx.request.body = { ...((ctx.request.body as Record<string, unknown>) ?? {}) };
    await next();
  };
}
