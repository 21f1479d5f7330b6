import type { ComplaintCreated } from "@lushan/shared/schemas/complaint";
import { isApiError } from "@/services/apiError";
import { createComplaint } from "@/services/complaints";
import {
  discardDraft,
  draftStore,
  draftToBody,
  newIdempotencyKey,
  updateDraft,
  type ComplaintDraft,
} from "./draft";

/**
 * Whether a failed submission may have reached the server, so only the same key may repeat it.
 * No answer (network, timeout) and gateway or server errors qualify; a refusal (4xx) does not.
 * @param error what the call threw.
 * @returns true when the same request should simply be sent again.
 */
export function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.status === 0 || error.status >= 500;
}

export interface SubmitOptions {
  /** Tries in all before giving up (default 3). */
  attempts?: number;
  /** Waits between tries (tests pass a no-op). */
  wait?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends the draft. Every try, and every later tap on 重新提交, carries the draft's one
 * idempotency key: however many requests arrive, the BFF files one complaint and answers each
 * with the same ticket. The draft is dropped only once a ticket number has come back.
 * @param draft a complete draft.
 * @param options tries and waiting.
 * @returns the filed complaint.
 */
export async function submitDraft(
  draft: ComplaintDraft,
  options: SubmitOptions = {},
): Promise<ComplaintCreated> {
  const attempts = options.attempts ?? 3;
  const wait = options.wait ?? pause;
  const body = draftToBody(draft);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const created = await createComplaint(body, draft.idempotencyKey);
      // Only the draft that was sent: a newer one started meanwhile stays.
      if (draftStore.get()?.idempotencyKey === draft.idempotencyKey) discardDraft();
      return created;
    } catch (error) {
      lastError = error;
      if (!isRetryable(error) || attempt === attempts) break;
      await wait(800 * attempt);
    }
  }
  throw lastError;
}

/**
 * After `idempotency_key_reused` (an earlier try of this draft was filed, then the content
 * changed), sends the changed content as a new complaint: a fresh key for the same draft.
 * @returns the draft with its new key.
 */
export function renewDraftKey(): ComplaintDraft {
  return updateDraft({ idempotencyKey: newIdempotencyKey() });
}
