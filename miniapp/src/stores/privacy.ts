import * as platform from "@/platform";
import type { PlatformPrivacyRequest } from "@/platform";
import { createStore } from "./createStore";

/** Bump when the privacy policy changes in substance: everyone is asked again. */
export const PRIVACY_POLICY_VERSION = "2026-11-24";

/** The id of the agree button; WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = "ls-privacy-agree";

interface Agreement {
  version: string;
  agreedAt: string;
}

/** What the agreement panel needs to show and to answer. */
export interface PrivacyPrompt {
  /** Why it is asked now, in plain words (e.g. 登录需要). */
  reason: string;
  platformRequest: PlatformPrivacyRequest | null;
  settle: ((agreed: boolean) => void) | null;
}

export const privacyAgreementStore = createStore<Agreement | null>(null, "ls.privacy");
export const privacyPromptStore = createStore<PrivacyPrompt | null>(null);

/** Whether the user agreed to the current version of the privacy policy. */
export function hasAgreedPrivacy(): boolean {
  return privacyAgreementStore.get()?.version === PRIVACY_POLICY_VERSION;
}

/** Raised when the user declines the agreement; callers stop what they were doing and say why. */
export class PrivacyDeclinedError extends Error {
  constructor() {
    super("需要同意隐私政策后才能使用该功能");
    Object.setPrototypeOf(this, PrivacyDeclinedError.prototype);
  }
}

/**
 * Makes sure the user agreed to the privacy policy before personal data is collected (login,
 * photos, contact details). Shows the agreement panel when needed and waits for the answer.
 * @param reason why it is needed now, shown in the panel.
 * @returns when agreed; rejects with PrivacyDeclinedError otherwise.
 */
export async function ensurePrivacyConsent(reason: string): Promise<void> {
  if (!hasAgreedPrivacy()) {
    const agreed = await new Promise<boolean>((settle) => {
      privacyPromptStore.get()?.settle?.(false);
      privacyPromptStore.set({ reason, platformRequest: null, settle });
    });
    if (!agreed) throw new PrivacyDeclinedError();
  }
  await platform.requirePrivacyAuthorize();
}

/**
 * Records the user's agreement (from the panel's agree button) and releases whatever waited for it.
 */
export function agreePrivacy(): void {
  const prompt = privacyPromptStore.get();
  privacyAgreementStore.set({
    version: PRIVACY_POLICY_VERSION,
    agreedAt: new Date().toISOString(),
  });
  privacyPromptStore.set(null);
  prompt?.platformRequest?.resolve("agree", PRIVACY_AGREE_BUTTON_ID);
  prompt?.settle?.(true);
}

/** The user declined: the pending action fails and the panel closes. */
export function declinePrivacy(): void {
  const prompt = privacyPromptStore.get();
  privacyPromptStore.set(null);
  prompt?.platformRequest?.resolve("disagree");
  prompt?.settle?.(false);
}

/** Withdraws consent (from 我的 → 隐私政策); the next action that needs it asks again. */
export function withdrawPrivacy(): void {
  privacyAgreementStore.set(null);
}

/**
 * Connects the platform's own privacy requests (weapp's onNeedPrivacyAuthorization) to the same panel.
 * Called once at app start.
 */
export function listenForPlatformPrivacyRequests(): void {
  platform.onNeedPrivacyAuthorization((platformRequest) => {
    privacyPromptStore.get()?.settle?.(false);
    privacyPromptStore.set({ reason: "继续使用该功能", platformRequest, settle: null });
  });
}
