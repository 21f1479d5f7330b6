import { authContract } from "@lushan/shared";
import { rateLimiter } from "../../middlewares/rateLimiter";
import { devCitizenAuthenticator, wechatCitizenAuthenticator } from "../../commands/citizenAuthenticator";
import { sessionCreator } from "../../commands/sessionCreator";
import { sessionRefresher, sessionRevoker } from "../../commands/sessionRefresher";
import { staffAuthenticator } from "../../commands/staffAuthenticator";
import { NotFoundError } from "../../errors";
import { departmentRepository } from "../../models/department/department.repository";
import { userRepository } from "../../models/user/user.repository";
import { presentCurrentUser } from "../../presenters/user";
import type { Config } from "../../config";
import { register, type ApiRouter } from "../register";

/** Login, token refresh, logout and the current user. */
export function authRoutes(router: ApiRouter, config: Config): void {
  const loginLimit = rateLimiter({ max: config.loginRateLimitPerMinute, bucket: "login" });

  register(
    router,
    authContract.wechat,
    async (ctx) => {
      const user = await wechatCitizenAuthenticator(ctx.input.body.code, ctx.services);
      return sessionCreator(user, ctx.config);
    },
    { before: [loginLimit] },
  );

  register(
    router,
    authContract.dev,
    async (ctx) => {
      const user = await devCitizenAuthenticator(ctx.input.body.openid, ctx.config);
      return sessionCreator(user, ctx.config);
    },
    { before: [loginLimit] },
  );

  register(
    router,
    authContract.staff,
    async (ctx) => {
      const user = await staffAuthenticator(ctx.input.body.username, ctx.input.body.password);
      return sessionCreator(user, ctx.config);
    },
    { before: [loginLimit] },
  );

  register(router, authContract.refresh, async (ctx) => sessionRefresher(ctx.input.body.refreshToken, ctx.config, ctx.log), {
    before: [loginLimit],
  });

  register(router, authContract.logout, async (ctx) => {
    await sessionRevoker(ctx.input.body.refreshToken);
    return { ok: true as const };
  });

  register(router, authContract.me, async (ctx) => {
    const actor = ctx.state.actor!;
    const user = await userRepository.findById(actor.userId);
    if (!user || user.disabled) throw NotFoundError("账号不存在或已停用");
    const department = user.departmentId ? await departmentRepository.findById(user.departmentId) : null;
    return presentCurrentUser(user, department);
  });
}
