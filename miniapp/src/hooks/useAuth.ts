import type { CurrentUser } from "@lushan/shared/schemas/user";
import { isStaffRole } from "@lushan/shared/roles";
import { sessionStore } from "@/services/session";
import { useStore } from "./useStore";

export interface AuthState {
  user: CurrentUser | null;
  signedIn: boolean;
  /** Signed in with a staff role (department, 12345, coordinator, admin). */
  isStaff: boolean;
}

/**
 * The current user for pages; re-renders on sign-in, sign-out and token refresh.
 * Actions (sign in, sign out) live in services/auth.ts.
 * @returns the auth state.
 */
export function useAuth(): AuthState {
  const session = useStore(sessionStore);
  const user = session?.user ?? null;
  return { user, signedIn: user !== null, isStaff: user ? isStaffRole(user.role) : false };
}
