import { AccessTokenManager } from "../../../bff/src/integrations/wechat/accessToken";
import { WechatClient } from "../../../bff/src/integrations/wechat/client";
import { createLogger } from "../../../bff/src/logger";
import { WechatTokenModel } from "../../../bff/src/models/wechatToken/wechatToken.schema";
import { FAKE_MP_APPID, FAKE_MP_SECRET } from "../../support/fakeWechat";
import { getTestServer } from "../../support/server";

const log = createLogger("silent");

describe("WeChat access tokens shared by several instances", () => {
  const server = getTestServer({ wechat: true, env: { WECHAT_MP_APPID: FAKE_MP_APPID, WECHAT_MP_SECRET: FAKE_MP_SECRET } });

  /** A BFF instance's client for the official account (each has its own in-process cache and lease id). */
  const instance = () => new WechatClient({ appId: FAKE_MP_APPID, secret: FAKE_MP_SECRET, apiBase: server.wechat!.url, configured: true }, log);

  beforeEach(async () => {
    await WechatTokenModel.deleteMany({});
    server.wechat!.calls.length = 0;
  });

  it("fetches one token for two instances starting at the same time, and both use it", async () => {
    const [a, b] = [instance(), instance()];
    const tokens = await Promise.all([a.tokens!.get(), b.tokens!.get(), a.tokens!.get(), b.tokens!.get()]);
    expect(new Set(tokens).size).toBe(1);
    expect(server.wechat!.tokenFetches(FAKE_MP_APPID)).toBe(1);
    const row = await WechatTokenModel.findById(FAKE_MP_APPID).lean();
    expect(row).toMatchObject({ token: tokens[0], leaseOwner: null });
  });

  it("keeps the mini-program's and the official account's tokens apart", async () => {
    const mp = await instance().tokens!.get();
    const mini = await server.services.wechat.tokens!.get();
    expect(mp).not.toBe(mini);
    expect(await WechatTokenModel.countDocuments({})).toBe(2);
  });

  it("refreshes once when both instances see 40001 at the same time", async () => {
    const [a, b] = [instance(), instance()];
    const first = await a.tokens!.get();
    await b.tokens!.get();
    server.wechat!.expireToken(first);
    const [ra, rb] = await Promise.all([
      a.callWithToken<{ errcode?: number; total_count?: number }>("freepublish_batchget", "/cgi-bin/freepublish/batchget", { offset: 0, count: 20, no_content: 1 }),
      b.callWithToken<{ errcode?: number; total_count?: number }>("freepublish_batchget", "/cgi-bin/freepublish/batchget", { offset: 0, count: 20, no_content: 1 }),
    ]);
    expect(ra.errcode ?? 0).toBe(0);
    expect(rb.errcode ?? 0).toBe(0);
    expect(server.wechat!.tokenFetches(FAKE_MP_APPID)).toBe(2);
  });

  it("refreshes before expiry by one instance while the other keeps using the still-valid token", async () => {
    const [a, b] = [instance(), instance()];
    const old = await a.tokens!.get();
    // Four minutes left: inside the refresh margin, still valid.
    await WechatTokenModel.updateOne({ _id: FAKE_MP_APPID }, { $set: { expiresAt: new Date(Date.now() + 4 * 60_000) } });
    // Instance b holds the lease (it is refreshing right now).
    await WechatTokenModel.updateOne({ _id: FAKE_MP_APPID }, { $set: { leaseOwner: "instance-b", leaseUntil: new Date(Date.now() + 10_000) } });
    const fresh = new AccessTokenManager(FAKE_MP_APPID, async () => ({ token: "never", expiresIn: 7200 }), log);
    expect(await fresh.get()).toBe(old);
    // Once the lease is free, the next caller refreshes.
    await WechatTokenModel.updateOne({ _id: FAKE_MP_APPID }, { $set: { leaseOwner: null, leaseUntil: null } });
    const renewed = await b.tokens!.get();
    expect(renewed).not.toBe(old);
    expect(server.wechat!.tokenFetches(FAKE_MP_APPID)).toBe(2);
  });

  it("waits for the refreshing instance when no valid token exists", async () => {
    await WechatTokenModel.create({ _id: FAKE_MP_APPID, token: null, expiresAt: null, leaseOwner: "instance-b", leaseUntil: new Date(Date.now() + 10_000) });
    const waiting = new AccessTokenManager(FAKE_MP_APPID, async () => ({ token: "should-not-fetch", expiresIn: 7200 }), log).get();
    await new Promise((r) => setTimeout(r, 300));
    await WechatTokenModel.updateOne({ _id: FAKE_MP_APPID }, { $set: { token: "FROM_B", expiresAt: new Date(Date.now() + 7_200_000), leaseOwner: null, leaseUntil: null } });
    expect(await waiting).toBe("FROM_B");
  });

  it("lets another instance take over the lease of one that died while refreshing", async () => {
    await WechatTokenModel.create({ _id: FAKE_MP_APPID, token: null, expiresAt: null, leaseOwner: "dead-instance", leaseUntil: new Date(Date.now() - 1_000) });
    const token = await instance().tokens!.get();
    expect(token).toMatch(/^ACCESS_/);
    expect(server.wechat!.tokenFetches(FAKE_MP_APPID)).toBe(1);
  });
});
