/** How a WeChat error code should be handled. */
export type WechatErrorClass = "token" | "busy" | "quota" | "refused" | "permanent";

const CODES: Record<number, { text: string; kind: WechatErrorClass }> = {
  [-1]: { text: "微信系统繁忙，稍后重试", kind: "busy" },
  40001: { text: "access_token 无效或不是最新", kind: "token" },
  42001: { text: "access_token 已过期", kind: "token" },
  40014: { text: "access_token 不合法", kind: "token" },
  40003: { text: "openid 无效（用户不属于本小程序）", kind: "permanent" },
  40013: { text: "AppID 无效，请检查配置", kind: "permanent" },
  40125: { text: "AppSecret 无效，请检查配置", kind: "permanent" },
  40164: { text: "调用方 IP 不在公众平台的 IP 白名单中", kind: "permanent" },
  40037: { text: "订阅消息模板 ID 无效，请检查 WECHAT_TEMPLATE_* 配置", kind: "permanent" },
  41030: { text: "订阅消息的跳转页面不存在或小程序未发布", kind: "permanent" },
  43101: { text: "用户拒绝接受消息或订阅次数已用完", kind: "refused" },
  45009: { text: "接口调用超过每日次数上限", kind: "quota" },
  45011: { text: "接口调用过于频繁", kind: "busy" },
  47003: { text: "模板参数不符合要求（字段超长或格式错误）", kind: "permanent" },
  48001: { text: "公众号没有该接口权限（需认证后开通发布能力）", kind: "permanent" },
  53600: { text: "文章 ID 无效", kind: "permanent" },
  89503: { text: "此次调用需要管理员确认，请在公众平台处理", kind: "permanent" },
};

/**
 * What a WeChat error code means and how to treat it: token errors are refreshed and retried
 * once, busy and quota errors are retried later with backoff, 43101 means the user refused, the
 * rest are configuration or data faults that a retry will not fix.
 * @param errcode the code WeChat answered with.
 * @returns a Chinese description for logs and its class.
 */
export function describeWechatError(errcode: number): { text: string; kind: WechatErrorClass } {
  return CODES[errcode] ?? { text: `微信接口返回错误码 ${errcode}`, kind: "permanent" };
}
