import { ErrorMessages, type ErrorCode } from "@lushan/shared";

export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * An error meant for the client: a stable code, an HTTP status and a Chinese message.
 * `expose` follows the http-errors convention Koa understands.
 */
export class AppError extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string = ErrorMessages[code],
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

const factory =
  (status: number, code: ErrorCode) =>
  (message?: string, details?: ErrorDetail[]): AppError =>
    new AppError(status, code, message ?? ErrorMessages[code], details);

export const ValidationError = factory(400, "validation_failed");
export const MalformedJsonError = factory(400, "malformed_json");
export const AuthenticationError = factory(401, "authentication_required");
export const TokenExpiredError = factory(401, "token_expired");
export const TokenInvalidError = factory(401, "token_invalid");
export const RefreshTokenInvalidError = factory(401, "refresh_token_invalid");
export const InvalidCredentialsError = factory(401, "invalid_credentials");
export const AuthorizationError = factory(403, "forbidden");
export const AccountDisabledError = factory(403, "account_disabled");
export const DevLoginDisabledError = factory(403, "dev_login_disabled");
export const WechatUserBlockedError = factory(403, "wechat_user_blocked");
export const NotFoundError = factory(404, "not_found");
export const RouteNotFoundError = factory(404, "route_not_found");
export const MethodNotAllowedError = factory(405, "method_not_allowed");
export const ConflictError = factory(409, "conflict");
export const DuplicateError = factory(409, "duplicate");
export const InvalidTransitionError = factory(409, "invalid_transition");
export const IdempotencyKeyReusedError = factory(422, "idempotency_key_reused");
export const PayloadTooLargeError = factory(413, "payload_too_large");
export const UnsupportedMediaTypeError = factory(415, "unsupported_media_type");
export const WechatCodeInvalidError = factory(400, "wechat_code_invalid");
export const WechatNotConfiguredError = factory(503, "wechat_not_configured");
export const WechatUnavailableError = factory(503, "wechat_unavailable");
export const ServiceUnavailableError = factory(503, "service_unavailable");
/** The public text of a case or rectification still holds personal data (details list each finding). */
export const PersonalDataFoundError = factory(422, "personal_data_found");
export const SignatureInvalidError = factory(401, "signature_invalid");
export const TimestampOutOfWindowError = factory(401, "timestamp_out_of_window");
export const ReplayedRequestError = factory(409, "replayed_request");
export const IntegrationNotConfiguredError = factory(503, "integration_not_configured");

/**
 * Too many requests; tells the client when to retry.
 * @param retryAfterSeconds seconds until the limit resets.
 * @returns the error.
 */
export function RateLimitedError(retryAfterSeconds: number): AppError {
  return new AppError(429, "rate_limited", ErrorMessages.rate_limited, undefined, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
}

/**
 * A locked staff account; the message says until when.
 * @param until the end of the lock.
 * @returns the error.
 */
export function AccountLockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(423, "account_locked", `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`);
}
