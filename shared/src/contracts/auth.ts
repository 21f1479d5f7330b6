import { z } from "zod";
import { defineRoute } from "../contract";
import { CurrentUser, TokenPair } from "../schemas/user";
import { OkResponse } from "../schemas/common";
import { UserValidation, WechatValidation } from "../validations";

const tags = ["认证"];

export const AuthWechatBody = z.strictObject({
  /** The code returned by wx.login. */
  code: z.string().trim().min(1, "缺少登录凭证").max(WechatValidation.maxCodeLength, "登录凭证格式不正确"),
});

export const AuthDevBody = z.strictObject({
  /** Reuse a previous development identity; a new one is created when absent. */
  openid: z
    .string()
    .regex(WechatValidation.openidPattern, "身份标识只能包含字母、数字、下划线和短横线，6–64 位")
    .optional(),
});

export const AuthStaffBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, "请输入用户名").max(40, "用户名过长"),
  password: z.string().min(1, "请输入密码").max(UserValidation.maxPasswordLength, "密码过长"),
});

export const AuthRefreshBody = z.strictObject({
  refreshToken: z.string().min(20, "登录凭证格式不正确").max(200, "登录凭证格式不正确"),
});

export const authContract = {
  wechat: defineRoute({
    method: "POST",
    path: "/api/v1/auth/wechat",
    summary: "微信登录：用 wx.login 的 code 换取令牌",
    tags,
    auth: "public",
    body: AuthWechatBody,
    response: TokenPair,
    errors: ["wechat_not_configured", "wechat_code_invalid", "wechat_user_blocked", "wechat_unavailable"],
  }),
  dev: defineRoute({
    method: "POST",
    path: "/api/v1/auth/dev",
    summary: "开发登录（仅在未配置微信且非生产环境时可用）",
    tags,
    auth: "public",
    body: AuthDevBody,
    response: TokenPair,
    errors: ["dev_login_disabled"],
  }),
  staff: defineRoute({
    method: "POST",
    path: "/api/v1/auth/staff",
    summary: "工作人员用户名密码登录",
    tags,
    auth: "public",
    body: AuthStaffBody,
    response: TokenPair,
    errors: ["invalid_credentials", "account_locked", "account_disabled"],
  }),
  refresh: defineRoute({
    method: "POST",
    path: "/api/v1/auth/refresh",
    summary: "用刷新令牌换取新令牌（刷新令牌随之轮换）",
    tags,
    auth: "public",
    body: AuthRefreshBody,
    response: TokenPair,
    errors: ["refresh_token_invalid"],
  }),
  logout: defineRoute({
    method: "POST",
    path: "/api/v1/auth/logout",
    summary: "退出登录，吊销刷新令牌",
    tags,
    auth: "public",
    body: AuthRefreshBody,
    response: OkResponse,
  }),
  me: defineRoute({
    method: "GET",
    path: "/api/v1/auth/me",
    summary: "当前登录用户",
    tags,
    auth: "user",
    response: CurrentUser,
  }),
} as const;
