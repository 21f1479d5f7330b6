import type { MessageView, PolicyFeedResponse, PostDetail } from "@lushan/shared";
import { articleSyncer } from "../../../bff/src/commands/articleSyncer";
import { FreepublishClient, FreepublishError } from "../../../bff/src/integrations/wechat/freepublish";
import { WechatClient } from "../../../bff/src/integrations/wechat/client";
import { createLogger } from "../../../bff/src/logger";
import { ArticleSyncModel } from "../../../bff/src/models/articleSync/articleSync.schema";
import { PostModel } from "../../../bff/src/models/post/post.schema";
import { ScheduleModel } from "../../../bff/src/models/schedule/schedule.schema";
import { FAKE_MP_APPID, FAKE_MP_SECRET } from "../../support/fakeWechat";
import { getTestServer } from "../../support/server";
import { citizen, drainAll, follow } from "../notifications/support";

const log = createLogger("silent");
const now = () => Math.floor(Date.now() / 1000);

describe("庐山发布 sync (freepublish/batchget)", () => {
  const server = getTestServer({ wechat: true, env: { WECHAT_MP_APPID: FAKE_MP_APPID, WECHAT_MP_SECRET: FAKE_MP_SECRET } });
  const client = () => new FreepublishClient(new WechatClient({ appId: FAKE_MP_APPID, secret: FAKE_MP_SECRET, apiBase: server.wechat!.url, configured: true }, log), log, 5);
  const synced = () => PostModel.find({ source: "wechat" }).lean();
  // The scheduled task refreshes this instance's feed after a sync; called directly, the test does.
  afterEach(() => server.services.posts.invalidate());

  it("stores every article (several per publication), across pages, as 庐山发布 posts linking out", async () => {
    const fake = server.wechat!;
    for (let i = 0; i < 23; i++) fake.publish([{ title: `庐山市优化营商环境新闻${i}`, digest: `摘要${i}`, author: "庐山发布" }], now() - 86_400 * (30 - i));
    fake.publish([{ title: "多图文第一篇", digest: "一" }, { title: "多图文第二篇", digest: "二" }], now() - 3_600);
    const summary = await articleSyncer(client(), log);
    expect(summary).toMatchObject({ full: true, created: 25, pages: 2 });
    const posts = await synced();
    expect(posts).toHaveLength(25);
    const two = posts.find((p) => p.title === "多图文第二篇")!;
    expect(two).toMatchObject({ category: "庐山发布", status: "published", source: "wechat", summary: "二", author: "庐山发布" });
    expect(two.externalUrl).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\//);
    expect(two.cover).toMatch(/^https:\/\/mmbiz\.qpic\.cn\//);
    const feed = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { category: "庐山发布", pageSize: 5 } });
    expect(feed.body.total).toBe(25);
    expect(feed.body.items[0]).toMatchObject({ title: "多图文第一篇", externalUrl: expect.stringMatching(/^https:/) });
    const page = await server.get<PostDetail>(`/api/v1/policies/${two._id.toHexString()}`);
    expect(page.body).toMatchObject({ category: "庐山发布", externalUrl: two.externalUrl });
  });

  it("is idempotent: running again changes nothing", async () => {
    const before = await synced();
    const again = await articleSyncer(client(), log, { full: true });
    expect(again).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 25 });
    const after = await synced();
    expect(after.map((p) => [p._id.toHexString(), p.version, p.updatedAt.getTime()])).toEqual(before.map((p) => [p._id.toHexString(), p.version, p.updatedAt.getTime()]));
  });

  it("reads only the newest pages incrementally and picks up edits", async () => {
    const fake = server.wechat!;
    fake.publish([{ title: "新发布：市场准入负面清单解读" }]);
    const edited = fake.publications.find((p) => p.news_item[0].title === "多图文第一篇")!;
    edited.news_item[0].title = "多图文第一篇（更正）";
    edited.update_time = now();
    fake.calls.length = 0;
    const summary = await articleSyncer(client(), log);
    expect(summary).toMatchObject({ full: false, created: 1, updated: 1, pages: 1 });
    expect(fake.calls.filter((c) => c.path === "/cgi-bin/freepublish/batchget")).toHaveLength(1);
    const post = await PostModel.findOne({ title: "多图文第一篇（更正）" }).lean();
    expect(post).toMatchObject({ version: 2 });
  });

  it("honours deletions: is_deleted items are taken down, and so are articles no longer listed on a full pass", async () => {
    const fake = server.wechat!;
    const deleted = fake.publications.find((p) => p.news_item[0].title === "庐山市优化营商环境新闻0")!;
    fake.deletePublication(deleted.article_id);
    const gone = fake.publications.findIndex((p) => p.news_item[0].title === "庐山市优化营商环境新闻1");
    fake.publications.splice(gone, 1);
    const summary = await articleSyncer(client(), log, { full: true });
    expect(summary.deleted).toBe(2);
    server.services.posts.invalidate();
    const posts = await synced();
    expect(posts.find((p) => p.title === "庐山市优化营商环境新闻0")).toMatchObject({ status: "unpublished", unpublishReason: "公众号已删除该文章" });
    expect(posts.find((p) => p.title === "庐山市优化营商环境新闻1")).toMatchObject({ status: "unpublished" });
    const feed = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { category: "庐山发布", pageSize: 100 } });
    expect(feed.body.items.map((p) => p.title)).not.toContain("庐山市优化营商环境新闻0");
    // And running again keeps them down without touching anything.
    expect(await articleSyncer(client(), log, { full: true })).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it("notifies 庐山发布 subscribers of new articles only (not the back catalogue)", async () => {
    await drainAll(server);
    const s = await citizen(server);
    await follow(server, s, { categories: ["庐山发布"] });
    server.wechat!.publish([{ title: "庐山发布：政务服务中心延时服务" }]);
    await articleSyncer(client(), log);
    await drainAll(server);
    const inbox = await server.get<{ items: MessageView[] }>("/api/v1/messages", { token: s.token });
    expect(inbox.body.items.map((m) => m.title)).toEqual(["【庐山发布】庐山发布：政务服务中心延时服务"]);
  });

  it("retries 'system busy' with backoff and reports quota errors clearly", async () => {
    const fake = server.wechat!;
    fake.batchgetErrors.push(-1, -1);
    await expect(articleSyncer(client(), log)).resolves.toMatchObject({ full: false });
    fake.batchgetErrors.push(45009);
    await expect(articleSyncer(client(), log)).rejects.toBeInstanceOf(FreepublishError);
    const state = await ArticleSyncModel.findById("wechat.freepublish").lean();
    expect(state!.lastError).toBe("接口调用超过每日次数上限");
  });

  it("runs as a scheduled task only when the official account is configured, once per interval", async () => {
    server.wechat!.publish([{ title: "定时同步的文章" }]);
    await ArticleSyncModel.updateOne({ _id: "wechat.freepublish" }, { $set: { lastRunAt: new Date(0) } });
    await server.scheduler.start();
    await ScheduleModel.updateOne({ _id: "policies.article_sync" }, { $set: { nextRunAt: new Date(0), leaseUntil: null } });
    await server.scheduler.tick(["policies.article_sync"]);
    expect(await PostModel.countDocuments({ title: "定时同步的文章" })).toBe(1);
    const calls = server.wechat!.calls.length;
    await ScheduleModel.updateOne({ _id: "policies.article_sync" }, { $set: { nextRunAt: new Date(0), leaseUntil: null } });
    await server.scheduler.tick(["policies.article_sync"]);
    expect(server.wechat!.calls.length).toBe(calls);
    await server.scheduler.stop();
  });
});
