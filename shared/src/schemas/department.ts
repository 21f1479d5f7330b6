import { z } from "zod";
import { IsoDateTime, ObjectIdString, text } from "./common";

export const DepartmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9]{1,19}$/, "部门代码须为小写字母开头的 2–20 位字母或数字");

/** A department with its configuration, as seen by administrators and coordinators. */
export const DepartmentDetail = z
  .object({
    id: ObjectIdString,
    code: z.string(),
    name: z.string(),
    shortName: z.string(),
    /** Public contact phone of the department's office. */
    phone: z.string().nullable(),
    active: z.boolean(),
    /** Seeded sample configuration that must be checked on deployment. */
    sample: z.boolean(),
    order: z.number().int(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: "DepartmentDetail" });
export type DepartmentDetail = z.infer<typeof DepartmentDetail>;

export const DepartmentCreateBody = z.strictObject({
  code: DepartmentCodeSchema,
  name: text(40, "部门名称"),
  shortName: text(12, "部门简称"),
  phone: z.string().trim().regex(/^[0-9-]{5,20}$/, "电话格式不正确").nullable().optional(),
  order: z.number().int().min(0).max(9999).optional(),
});

export const DepartmentUpdateBody = z
  .strictObject({
    name: text(40, "部门名称"),
    shortName: text(12, "部门简称"),
    phone: z.string().trim().regex(/^[0-9-]{5,20}$/, "电话格式不正确").nullable(),
    active: z.boolean(),
    order: z.number().int().min(0).max(9999),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "至少修改一项");
