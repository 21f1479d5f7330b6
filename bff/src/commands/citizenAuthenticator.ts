import { randomBytes } from "node:crypto";
import type { Config } from "../config";
import { AccountDisabledError, DevLoginDisabledError } from "../errors";
import { userRepository } from "../models/user/user.repository";
import type { UserRecord } from "../models/user/user.schema";
import type { Services } from "../services";

/**
 * Signs a citizen in with a `wx.login` code. The openid comes from WeChat's server, never from
 * the client.
 * @param code the wx.login code.
 * @param services the WeChat client.
 * @returns the citizen, created on first login.
 */
export async function wechatCitizenAuthenticator(code: string, services: Services): Promise<UserRecord> {
  const { openid, unionid } = await services.wechat.code2Session(code);
  return signIn(openid, unionid);
}

/**
 * Development sign-in for H5 and local runs: only when WeChat is not configured and not in
 * production. Identities are prefixed so they can never collide with real openids.
 * @param openid a previous development identity, or none for a new one.
 * @param config configuration.
 * @returns the citizen.
 */
export async function devCitizenAuthenticator(openid: string | undefined, config: Config): Promise<UserRecord> {
  if (config.isProduction || config.wechat.configured) throw DevLoginDisabledError();
  const id = openid?.startsWith("dev_") ? openid : `dev_${openid ?? randomBytes(12).toString("base64url")}`;
  return signIn(id.slice(0, 64));
}

async function signIn(openid: string, unionid?: string): Promise<UserRecord> {
  const user = await userRepository.upsertCitizen(openid, unionid);
  if (user.disabled) throw AccountDisabledError();
  return user;
}
