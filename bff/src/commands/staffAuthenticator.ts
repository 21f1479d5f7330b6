import { UserValidation } from "@lushan/shared";
import { verifyAgainstDummy, verifyPassword } from "../auth/password";
import { AccountDisabledError, AccountLockedError, InvalidCredentialsError } from "../errors";
import { userRepository } from "../models/user/user.repository";
import type { UserRecord } from "../models/user/user.schema";

const LOCK_POLICY = {
  max: UserValidation.maxFailedLogins,
  windowMs: UserValidation.failedLoginWindowMinutes * 60_000,
  lockMs: UserValidation.lockMinutes * 60_000,
};

/**
 * Checks a staff username and password. Repeated failures lock the account for a while; the
 * answer for an unknown username takes as long and reads the same as a wrong password.
 * @param username the login name.
 * @param password the password.
 * @returns the staff user.
 */
export async function staffAuthenticator(username: string, password: string): Promise<UserRecord> {
  const user = await userRepository.findByUsername(username);
  if (!user || !user.passwordHash || user.role === "citizen") {
    await verifyAgainstDummy(password);
    throw InvalidCredentialsError();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw AccountLockedError(user.lockedUntil);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    const updated = await userRepository.recordFailedLogin(user._id, LOCK_POLICY);
    if (updated?.lockedUntil && updated.lockedUntil > new Date()) throw AccountLockedError(updated.lockedUntil);
    throw InvalidCredentialsError();
  }
  if (user.disabled) throw AccountDisabledError();
  await userRepository.recordSuccessfulLogin(user._id);
  return user;
}
