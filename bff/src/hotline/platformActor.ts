import { Roles } from "@lushan/shared";
import { UserModel } from "../models/user/user.schema";
import type { Actor } from "../types";

/** The account the 12345 platform acts as (timeline entries show 12345热线); it cannot log in. */
export const PLATFORM_USERNAME = "system.hotline12345";

let cached: { connectionKey: string; actor: Actor } | null = null;

/**
 * The 12345 platform as an actor of complaint transitions: a disabled hotline-operator account
 * without a password, created on first use. Its status updates go through the same lifecycle
 * command (and the same state machine) as an operator's actions.
 * @returns the actor.
 */
export async function platformActor(): Promise<Actor> {
  const connectionKey = `${UserModel.db.host}:${UserModel.db.port}/${UserModel.db.name}`;
  if (cached?.connectionKey === connectionKey) return cached.actor;
  const user = await UserModel.findOneAndUpdate(
    { username: PLATFORM_USERNAME },
    { $setOnInsert: { username: PLATFORM_USERNAME, role: Roles.hotlineOperator, displayName: "12345政务服务便民热线平台", disabled: true, departmentId: null } },
    { upsert: true, returnDocument: "after" },
  ).lean<{ _id: import("mongoose").Types.ObjectId }>();
  const actor: Actor = { userId: user!._id, role: Roles.hotlineOperator, departmentId: null };
  cached = { connectionKey, actor };
  return actor;
}
