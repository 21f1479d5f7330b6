import { ErrorMessages, type ErrorCode } from "@lushan/shared/errors";

/** Failures that happen before a server answer exists. */
export type ClientErrorCode = "network_error" | "timeout" | "bad_response";

/** Field-level problem reported by the server, keyed by a dotted path such as `body.title`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

const CLIENT_MESSAGES: Record<ClientErrorCode, string> = {
  network_error: "网络连接失败，请检查网络后重试",
  timeout: "网络较慢，请求超时，请稍后重试",
  bad_response: "服务返回的内容无法识别，请稍后重试",
};

/** Every failed API call, normalised: a stable code, a Chinese message for people, the HTTP status. */
export class ApiError extends Error {
  readonly isApiError = true;
  constructor(
    /** Server error code (`ErrorCode`), a client-side code, or an unknown server code passed through. */
    readonly code: ErrorCode | ClientErrorCode | (string & {}),
    message: string,
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
    // Transpiled classes lose the prototype chain when extending Error.
    Object.setPrototypeOf(this, ApiError.prototype);
  }

  /** Whether signing in (again) would help. */
  get needsLogin(): boolean {
    return this.status === 401;
  }

  /**
   * The server's message for one form field.
   * @param field the body field, e.g. `title` (matched against `body.title`).
   * @returns the message, or undefined.
   */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.path === field || d.path === `body.${field}`)?.message;
  }
}

/**
 * Whether a value is an ApiError (also across bundles, where instanceof can fail).
 * @param value anything caught.
 * @returns true for ApiError instances.
 */
export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { isApiError?: unknown }).isApiError === true
  );
}

/**
 * An error for a failure without a server answer.
 * @param code network_error, timeout or bad_response.
 * @returns the error with its Chinese message.
 */
export function clientError(code: ClientErrorCode): ApiError {
  return new ApiError(code, CLIENT_MESSAGES[code], 0);
}

function statusMessage(status: number): string {
  if (status === 401) return ErrorMessages.authentication_required;
  if (status === 403) return ErrorMessages.forbidden;
  if (status === 404) return ErrorMessages.not_found;
  if (status === 413) return ErrorMessages.payload_too_large;
  if (status === 429) return ErrorMessages.rate_limited;
  if (status >= 500) return ErrorMessages.service_unavailable;
  return ErrorMessages.validation_failed;
}

interface ErrorPayload {
  error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
}

/**
 * Turns a non-2xx answer into an ApiError. The body is `{"error":{"code","message","details?"}}`
 * from the BFF; anything else (a proxy's HTML page, an empty body) gets a message from the status.
 * @param status the HTTP status.
 * @param data the parsed (or raw text) body.
 * @returns the error.
 */
export function errorFromResponse(status: number, data: unknown): ApiError {
  let payload = data;
  if (typeof payload === "string") {
    try {
      payload = JSON.parse(payload);
    } catch {
      payload = undefined;
    }
  }
  const error = (payload as ErrorPayload | undefined)?.error;
  const code = typeof error?.code === "string" ? error.code : `http_${status}`;
  const known = (ErrorMessages as Record<string, string>)[code];
  const message =
    typeof error?.message === "string" && error.message
      ? error.message
      : (known ?? statusMessage(status));
  const details = Array.isArray(error?.details)
    ? (error.details as unknown[]).filter(
        (d): d is ErrorDetail =>
          typeof (d as ErrorDetail)?.path === "string" &&
          typeof (d as ErrorDetail)?.message === "string",
      )
    : [];
  const requestId = typeof error?.requestId === "string" ? error.requestId : undefined;
  return new ApiError(code, message, status, details, requestId);
}
