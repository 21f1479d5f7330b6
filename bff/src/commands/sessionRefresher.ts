import type { TokenPair } from "@lushan/shared";
import type { Config } from "../config";
import { RefreshTokenInvalidError } from "../errors";
import type { Logger } from "../logger";
import { RefreshTokenModel } from "../models/refreshToken/refreshToken.schema";
import { userRepository } from "../models/user/user.repository";
import { hashRefreshToken, sessionCreator } from "./sessionCreator";

/**
 * Exchanges a refresh token for a new pair, rotating it. Presenting an already rotated token
 * means it leaked (or a client raced itself): the whole family is revoked and the user must
 * sign in again.
 * @param token the refresh token.
 * @param config configuration.
 * @param log logger for reuse warnings.
 * @returns the new token pair.
 */
export async function sessionRefresher(token: string, config: Config, log: Logger): Promise<TokenPair> {
  const now = new Date();
  const tokenHash = hashRefreshToken(token);
  // Atomic claim: of two concurrent refreshes with one token, only one wins.
  const claimed = await RefreshTokenModel.findOneAndUpdate(
    { tokenHash, revokedAt: null, rotatedAt: null, expiresAt: { $gt: now } },
    { $set: { rotatedAt: now } },
    { returnDocument: "after" },
  ).lean();
  if (!claimed) {
    const known = await RefreshTokenModel.findOne({ tokenHash }).lean();
    if (known && known.rotatedAt && !known.revokedAt) {
      log.warn({ userId: String(known.userId) }, "刷新令牌被重复使用，已吊销该登录会话");
      await RefreshTokenModel.updateMany({ familyId: known.familyId, revokedAt: null }, { $set: { revokedAt: now } });
    }
    throw RefreshTokenInvalidError();
  }
  const user = await userRepository.findById(claimed.userId);
  if (!user || user.disabled) {
    await RefreshTokenModel.updateMany({ familyId: claimed.familyId }, { $set: { revokedAt: now } });
    throw RefreshTokenInvalidError();
  }
  return sessionCreator(user, config, claimed.familyId);
}

/**
 * Revokes the refresh-token family of a token (logout). Unknown tokens are ignored.
 * @param token the refresh token.
 */
export async function sessionRevoker(token: string): Promise<void> {
  const known = await RefreshTokenModel.findOne({ tokenHash: hashRefreshToken(token) }).lean();
  if (!known) return;
  await RefreshTokenModel.updateMany({ familyId: known.familyId, revokedAt: null }, { $set: { revokedAt: new Date() } });
}

/**
 * Revokes every refresh token of a user (password reset, account disabled).
 * @param userId the user.
 */
export async function userSessionsRevoker(userId: import("mongoose").Types.ObjectId): Promise<void> {
  await RefreshTokenModel.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
}
