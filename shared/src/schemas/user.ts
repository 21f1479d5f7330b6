import { z } from "zod";
import { ALL_ROLES, type Role } from "../roles";
import { ObjectIdString, IsoDateTime } from "./common";

export const RoleSchema = z.enum(ALL_ROLES as [Role, ...Role[]]);

/** A department as shown to anyone. */
export const DepartmentSummary = z
  .object({
    id: ObjectIdString,
    code: z.string(),
    name: z.string(),
    shortName: z.string(),
  })
  .meta({ id: "DepartmentSummary" });
export type DepartmentSummary = z.infer<typeof DepartmentSummary>;

/** The signed-in user, as returned to that user. */
export const CurrentUser = z
  .object({
    id: ObjectIdString,
    role: RoleSchema,
    displayName: z.string(),
    /** Staff login name; absent for WeChat users. */
    username: z.string().optional(),
    department: DepartmentSummary.nullable(),
  })
  .meta({ id: "CurrentUser" });
export type CurrentUser = z.infer<typeof CurrentUser>;

/** A staff account as seen by administrators. */
export const StaffAccount = z
  .object({
    id: ObjectIdString,
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    department: DepartmentSummary.nullable(),
    disabled: z.boolean(),
    lockedUntil: IsoDateTime.nullable(),
    lastLoginAt: IsoDateTime.nullable(),
  })
  .meta({ id: "StaffAccount" });
export type StaffAccount = z.infer<typeof StaffAccount>;

/** Access and refresh tokens issued at login or refresh. */
export const TokenPair = z
  .object({
    accessToken: z.string(),
    /** Seconds until the access token expires. */
    expiresIn: z.number().int(),
    refreshToken: z.string(),
    refreshExpiresAt: IsoDateTime,
    user: CurrentUser,
  })
  .meta({ id: "TokenPair" });
export type TokenPair = z.infer<typeof TokenPair>;
