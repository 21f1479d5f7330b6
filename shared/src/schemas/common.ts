import { z } from "zod";

/** A MongoDB ObjectId as a 24-character hex string. */
export const ObjectIdString = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, "编号格式不正确")
  .meta({ description: "24 位十六进制编号" });

/** An instant as an ISO 8601 string with time zone. */
export const IsoDateTime = z.iso.datetime({ offset: true }).meta({ description: "ISO 8601 时间" });

/** A calendar date `YYYY-MM-DD`. */
export const IsoDate = z.iso.date().meta({ description: "日期 YYYY-MM-DD" });

/** Page number and size for list endpoints (query string). */
export const PageQuery = z.strictObject({
  /** 1-based page number. */
  page: z.coerce.number().int().min(1, "页码从 1 开始").max(10_000).default(1),
  /** Items per page. */
  pageSize: z.coerce.number().int().min(1).max(100, "每页最多 100 条").default(20),
});

/**
 * Builds the schema of a paginated list response.
 * @param item the schema of one item.
 * @returns `{ items, total, page, pageSize }`.
 */
export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}

/** Response of operations that have nothing else to say. */
export const OkResponse = z.object({ ok: z.literal(true) });

/** Trimmed, non-empty single-line text with a maximum length. */
export function text(max: number, label: string) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`);
}

/** The standard error response body. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "ErrorResponse" });
