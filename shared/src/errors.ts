/**
 * Stable error codes shared by the BFF and the mini-program, with the default Chinese message
 * shown to users. Codes never change once published; messages may be reworded.
 */
export const ErrorMessages = {
  validation_failed: "请求参数不正确",
  malformed_json: "请求内容不是有效的 JSON",
  unsupported_media_type: "不支持的请求内容类型",
  payload_too_large: "请求内容过大",
  authentication_required: "请先登录",
  token_expired: "登录已过期，请重新登录",
  token_invalid: "登录凭证无效，请重新登录",
  refresh_token_invalid: "登录状态已失效，请重新登录",
  forbidden: "没有权限执行此操作",
  not_found: "请求的内容不存在",
  route_not_found: "接口不存在",
  method_not_allowed: "接口不支持该请求方法",
  conflict: "数据已被修改，请刷新后重试",
  duplicate: "记录已存在",
  invalid_transition: "当前状态下不能执行该操作",
  idempotency_key_reused: "同一请求标识已用于不同的内容",
  rate_limited: "请求过于频繁，请稍后再试",
  invalid_credentials: "用户名或密码错误",
  account_locked: "登录失败次数过多，账号已临时锁定，请稍后再试",
  account_disabled: "账号已停用，请联系管理员",
  wechat_not_configured: "未配置微信小程序参数，无法使用微信登录",
  wechat_code_invalid: "微信登录凭证无效或已过期，请重新进入小程序",
  wechat_user_blocked: "该微信账号存在安全风险，暂时无法登录",
  wechat_unavailable: "微信服务暂时不可用，请稍后重试",
  dev_login_disabled: "当前环境不提供开发登录，请使用微信登录",
  import_invalid: "导入文件有错误，请按提示修改后重新导入",
  upload_not_usable: "附件不存在、不属于您或已被使用",
  edition_active: "该版本正在使用中，不能覆盖",
  personal_data_found: "公开文本中仍有个人信息，请脱敏后再发布",
  service_unavailable: "服务暂时不可用，请稍后重试",
  signature_invalid: "签名校验失败",
  timestamp_out_of_window: "请求时间戳超出允许范围，请校准时间后重试",
  replayed_request: "该请求已处理过，不再重复处理",
  integration_not_configured: "未配置该外部系统对接参数",
  internal_error: "服务器开小差了，请稍后重试",
} as const;

export type ErrorCode = keyof typeof ErrorMessages;

/** The body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Field-level problems, keyed by a dotted path (e.g. `body.title`). */
    details?: { path: string; message: string }[];
    requestId?: string;
  };
}
