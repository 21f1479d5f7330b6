import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Paths that must never reach the logs: credentials, tokens and personal data
 * (phone numbers, ID and credit-code numbers, contact names).
 */
const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  "*.password",
  "*.passwordHash",
  "*.accessToken",
  "*.refreshToken",
  "*.token",
  "*.secret",
  "*.phone",
  "*.contactPhone",
  "*.idNumber",
  "*.creditCode",
  "*.contactName",
  "*.session_key",
];

/**
 * Creates the process logger.
 * @param level minimum level to write.
 * @returns a pino logger writing JSON lines to stdout.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "lushan-bff" },
    redact: { paths: REDACT, censor: "[已隐藏]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
