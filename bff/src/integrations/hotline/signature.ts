import { createHmac, timingSafeEqual } from "node:crypto";

/** Request headers of the 12345 platform protocol (both directions). */
export const HotlineHeaders = {
  key: "X-Hotline-Key",
  timestamp: "X-Hotline-Timestamp",
  signature: "X-Hotline-Signature",
  idempotencyKey: "Idempotency-Key",
} as const;

/**
 * The signature of a request: hex HMAC-SHA256 with the shared secret over the timestamp (Unix
 * seconds), a newline and the exact body bytes (empty for GET).
 * @param secret the shared secret.
 * @param timestamp Unix seconds, as sent in X-Hotline-Timestamp.
 * @param body the raw body.
 * @returns 64 hex characters.
 */
export function signHotline(secret: string, timestamp: string, body: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}\n`).update(body).digest("hex");
}

export type VerifyResult = "ok" | "bad_signature" | "stale";

/**
 * Checks a signed request: the signature first (in constant time), then that the timestamp lies
 * within the window around now.
 * @param secret the shared secret.
 * @param timestamp the X-Hotline-Timestamp header.
 * @param signature the X-Hotline-Signature header.
 * @param body the raw body.
 * @param windowSeconds allowed clock difference.
 * @param nowMs the current time.
 * @returns ok, bad_signature or stale.
 */
export function verifyHotline(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string | Buffer,
  windowSeconds: number,
  nowMs = Date.now(),
): VerifyResult {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return "bad_signature";
  const expected = Buffer.from(signHotline(secret, timestamp, body), "hex");
  const given = Buffer.from(signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad_signature";
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > windowSeconds) return "stale";
  return "ok";
}

/**
 * Headers for a signed request.
 * @param secret the shared secret.
 * @param body the raw body ("" for GET).
 * @param key our client id, if any.
 * @param nowMs the current time.
 * @returns the headers.
 */
export function signedHeaders(secret: string, body: string, key: string | null, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    [HotlineHeaders.timestamp]: timestamp,
    [HotlineHeaders.signature]: signHotline(secret, timestamp, body),
    ...(key ? { [HotlineHeaders.key]: key } : {}),
  };
}
