import { FAKE_HOTLINE_KEY, FAKE_HOTLINE_SECRET } from "../../../support/fakeHotline";

/**
 * BFF settings for delivery tests against the fake 12345 platform: fast backoff, many attempts,
 * no daily complaint limit. `HOTLINE_API_URL` is added once the fake has started.
 * @param timeoutMs the client's request timeout.
 * @returns a mutable environment object (shared with the test server).
 */
export function hotlineDeliveryEnv(timeoutMs: number): Record<string, string> {
  return {
    COMPLAINT_DAILY_LIMIT: "0",
    HOTLINE_API_SECRET: FAKE_HOTLINE_SECRET,
    HOTLINE_API_KEY: FAKE_HOTLINE_KEY,
    HOTLINE_MAX_ATTEMPTS: "40",
    HOTLINE_BACKOFF_BASE_MS: "50",
    HOTLINE_BACKOFF_MAX_MS: "400",
    HOTLINE_TIMEOUT_MS: String(timeoutMs),
  };
}
