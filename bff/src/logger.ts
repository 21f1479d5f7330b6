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
 * Errors are logged by type, message, code and the top of the stack only: driver errors carry
 * whole write results (thousands of ids) that would flood the log.
 */
function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: unknown; codeName?: unknown };
  return {
    type: e.name,
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.codeName !== undefined ? { codeName: e.codeName } : {}),
    stack: e.stack?.split("\n").slice(0, 8).join("\n"),
  };
}

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
    serializers: { err: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
