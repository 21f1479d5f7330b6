import type { CurrentUser, TokenPair } from "@lushan/shared/schemas/user";
import { createStore } from "@/stores/createStore";

/** The signed-in state kept on the device. */
export interface Session {
  accessToken: string;
  /** Epoch milliseconds after which the access token is refused. */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  user: CurrentUser;
}

/** The current session (null when signed out), persisted so a restart keeps the login. */
export const sessionStore = createStore<Session | null>(null, "ls.session");

/**
 * Builds a session from a login or refresh answer.
 * @param pair the token pair from the BFF.
 * @param now the current time (for tests).
 * @returns the session to store.
 */
export function sessionFromTokens(pair: TokenPair, now = Date.now()): Session {
  return {
    accessToken: pair.accessToken,
    accessExpiresAt: now + pair.expiresIn * 1000,
    refreshToken: pair.refreshToken,
    refreshExpiresAt: Date.parse(pair.refreshExpiresAt),
    user: pair.user,
  };
}

/**
 * The stored session unless its refresh token has run out too (then it is dropped).
 * @returns the usable session, or null.
 */
export function currentSession(): Session | null {
  const session = sessionStore.get();
  if (session && session.refreshExpiresAt <= Date.now()) {
    sessionStore.set(null);
    return null;
  }
  return session;
}
