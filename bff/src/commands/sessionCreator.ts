import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { TokenPair } from "@lushan/shared";
import type { Config } from "../config";
import { signAccessToken } from "../auth/accessToken";
import { RefreshTokenModel } from "../models/refreshToken/refreshToken.schema";
import { departmentRepository } from "../models/department/department.repository";
import type { UserRecord } from "../models/user/user.schema";
import { presentCurrentUser } from "../presenters/user";

/** SHA-256 of a refresh token; only the hash is stored. */
export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Issues an access token and a new refresh token for a user.
 * @param user the authenticated user.
 * @param config token lifetimes and secret.
 * @param familyId continue an existing refresh-token family (on rotation).
 * @returns the token pair with the user's profile.
 */
export async function sessionCreator(user: UserRecord, config: Config, familyId: string = randomUUID()): Promise<TokenPair> {
  const refreshToken = randomBytes(32).toString("base64url");
  const refreshExpiresAt = new Date(Date.now() + config.refreshTokenTtlDays * 86_400_000);
  await RefreshTokenModel.create({
    tokenHash: hashRefreshToken(refreshToken),
    userId: user._id,
    familyId,
    expiresAt: refreshExpiresAt,
  });
  const department = user.departmentId ? await departmentRepository.findById(user.departmentId) : null;
  const accessToken = signAccessToken(
    { userId: user._id, role: user.role, departmentId: user.departmentId ?? null },
    config.jwtSecret,
    config.accessTokenTtlSeconds,
  );
  return {
    accessToken,
    expiresIn: config.accessTokenTtlSeconds,
    refreshToken,
    refreshExpiresAt: refreshExpiresAt.toISOString(),
    user: presentCurrentUser(user, department),
  };
}
