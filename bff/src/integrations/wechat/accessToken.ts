import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Logger } from "../../logger";
import { WechatUnavailableError } from "../../errors";
import { WechatTokenModel } from "../../models/wechatToken/wechatToken.schema";

export interface TokenFetcher {
  (): Promise<{ token: string; expiresIn: number }>;
}

/** Refresh this long before WeChat's expiry, so no request carries an expiring token. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const LEASE_MS = 15_000;
/** A token closer than this to its expiry is not handed out at all. */
const MIN_VALIDITY_MS = 30_000;

/**
 * Keeps one WeChat access token per app id in the database: fetched once, reused by every
 * instance, refreshed before expiry under a lease by a single instance at a time.
 */
export class AccessTokenManager {
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private local: { token: string; expiresAt: number } | null = null;

  constructor(
    private readonly appId: string,
    private readonly fetchToken: TokenFetcher,
    private readonly log: Logger,
  ) {}

  /**
   * A valid access token.
   * @param forceRefresh after WeChat answered 40001/42001 for `staleToken`.
   * @param staleToken the token WeChat refused (so a newer one fetched meanwhile is reused).
   * @returns the token.
   */
  async get(forceRefresh = false, staleToken?: string): Promise<string> {
    const now = Date.now();
    if (!forceRefresh && this.local && this.local.expiresAt - REFRESH_MARGIN_MS > now) return this.local.token;
    for (let attempt = 0; attempt < 40; attempt++) {
      const row = await WechatTokenModel.findById(this.appId).lean();
      const usable = Boolean(row?.token && row.expiresAt && row.expiresAt.getTime() - MIN_VALIDITY_MS > Date.now() && row.token !== staleToken);
      const fresh = usable && row!.expiresAt!.getTime() - REFRESH_MARGIN_MS > Date.now();
      if (fresh && !(forceRefresh && !staleToken)) {
        this.local = { token: row!.token!, expiresAt: row!.expiresAt!.getTime() };
        return row!.token!;
      }
      const leased = await this.takeLease();
      if (leased) {
        try {
          const { token, expiresIn } = await this.fetchToken();
          const expiresAt = new Date(Date.now() + expiresIn * 1000);
          await WechatTokenModel.updateOne({ _id: this.appId }, { $set: { token, expiresAt, leaseOwner: null, leaseUntil: null } });
          this.local = { token, expiresAt: expiresAt.getTime() };
          this.log.info({ appId: this.appId, expiresIn }, "已刷新微信 access_token");
          return token;
        } catch (err) {
          await WechatTokenModel.updateOne({ _id: this.appId, leaseOwner: this.owner }, { $set: { leaseOwner: null, leaseUntil: null } });
          throw err;
        }
      }
      // Another instance is refreshing. Within the refresh margin the current token is still
      // valid, so keep using it instead of waiting; otherwise wait for the new one.
      if (usable && !forceRefresh) return row!.token!;
      await new Promise((r) => setTimeout(r, 250));
      forceRefresh = false;
    }
    throw WechatUnavailableError("获取微信接口凭证超时");
  }

  private async takeLease(): Promise<boolean> {
    const now = new Date();
    try {
      const row = await WechatTokenModel.findOneAndUpdate(
        { _id: this.appId, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
        { $set: { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + LEASE_MS) } },
        { upsert: true, returnDocument: "after" },
      ).lean();
      return row?.leaseOwner === this.owner;
    } catch (err) {
      // Two instances upserting the first row at once: the loser sees a duplicate key.
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /** Forgets the cached token (WeChat said it is invalid). */
  invalidateLocal(): void {
    this.local = null;
  }
}
