import type { CurrentUser } from "@lushan/shared/schemas/user";
import * as platform from "@/platform";
import { ensurePrivacyConsent } from "@/stores/privacy";
import { api } from "./api";
import { call } from "./request";
import { currentSession, sessionFromTokens, sessionStore } from "./session";

/**
 * Signs a citizen in: wx.login → /auth/wechat on weapp, the browser's development identity →
 * /auth/dev on H5. Asks for the privacy agreement first (the openid is personal data).
 * @returns the signed-in user.
 */
export async function signInCitizen(): Promise<CurrentUser> {
  await ensurePrivacyConsent("登录");
  const grant = await platform.login();
  const pair =
    grant.kind === "wechat"
      ? await call(api.auth.wechat, { body: { code: grant.code }, auth: false })
      : await call(api.auth.dev, { body: { openid: grant.openid }, auth: false });
  sessionStore.set(sessionFromTokens(pair));
  return pair.user;
}

/**
 * Signs a staff member in with username and password.
 * @param username the login name.
 * @param password the password.
 * @returns the signed-in staff user.
 */
export async function signInStaff(username: string, password: string): Promise<CurrentUser> {
  const pair = await call(api.auth.staff, { body: { username, password }, auth: false });
  sessionStore.set(sessionFromTokens(pair));
  return pair.user;
}

/**
 * Signs out here and revokes the refresh token on the server. The local sign-out happens even
 * when the server cannot be reached: leaving someone signed in against their will is worse.
 */
export async function signOut(): Promise<void> {
  const session = currentSession();
  sessionStore.set(null);
  if (!session) return;
  try {
    await call(api.auth.logout, { body: { refreshToken: session.refreshToken }, auth: false });
  } catch {
    // The refresh token expires by itself; nothing else to do offline.
  }
}

/**
 * Reloads the signed-in user (role or department may have changed) and keeps it in the session.
 * @returns the user, or null when signed out.
 */
export async function refreshCurrentUser(): Promise<CurrentUser | null> {
  if (!currentSession()) return null;
  const user = await call(api.auth.me);
  sessionStore.set((s) => (s ? { ...s, user } : s));
  return user;
}

/**
 * Makes sure a citizen is signed in before an action that needs it, signing in silently when not.
 * @returns the current user.
 */
export async function ensureSignedIn(): Promise<CurrentUser> {
  const session = currentSession();
  if (session) return session.user;
  return signInCitizen();
}
