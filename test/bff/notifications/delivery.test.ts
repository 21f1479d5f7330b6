import type { MessageView, StaffPostView, SubscriptionView } from "@lushan/shared";
import { ConsentModel } from "../../../bff/src/models/consent/consent.schema";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { MessageModel } from "../../../bff/src/models/message/message.schema";
import { DeliveryModel } from "../../../bff/src/models/notificationDelivery/notificationDelivery.schema";
import { NotificationModel } from "../../../bff/src/models/notification/notification.schema";
import { editionDraftWriter } from "../../../bff/src/commands/editionDraftWriter";
import { editionItems } from "../../../bff/src/commands/editionActivator";
import { buildStaff, tokenFor } from "../../support/factories";
import { createLogger } from "../../../bff/src/logger";
import { getTestServer } from "../../support/server";
import { citizen, consent, drainAll, follow, TEMPLATES, type Subscriber } from "./support";

const POLICY_TPL = TEMPLATES.WECHAT_TEMPLATE_POLICY_UPDATE;
const LIST_TPL = TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE;

jest.setTimeout(60_000);

describe("notification delivery", () => {
  const server = getTestServer({ seed: true, wechat: true, env: { ...TEMPLATES, SUBSCRIBE_SEND_PER_SECOND: "1000", NOTIFY_BATCH_SIZE: "100" } });
  let coordinator: string;
  let admin: string;

  beforeAll(async () => {
    coordinator = tokenFor(server, await buildStaff("coordinator"));
    admin = tokenFor(server, await buildStaff("admin"));
    await drainAll(server);
  });

  async function publish(body: Record<string, unknown>): Promise<string> {
    const created = await server.post<StaffPostView>("/api/v1/staff/policies", {
      token: coordinator,
      body: { category: "政策解读", title: "政策解读", body: "<p>正文</p>", ...body },
    });
    if (created.status !== 201) throw new Error(created.text);
    await server.post(`/api/v1/staff/policies/${created.body.id}/publish`, { token: coordinator, body: {} });
    await drainAll(server);
    return created.body.id;
  }

  const messagesOf = async (s: Subscriber) => (await server.get<{ items: MessageView[]; unreadCount: number }>("/api/v1/messages", { token: s.token })).body;
  const pushesTo = (s: Subscriber) => server.wechat!.sentMessages.filter((m) => m.touser === s.openid);
  const credits = async (s: Subscriber, templateId: string) => (await ConsentModel.findOne({ userId: s.user._id, templateId }).lean())?.credits ?? 0;

  it("notifies exactly the subscribers whose topics match, once each, and pushes where a consent exists", async () => {
    const listAll = await citizen(server);
    const byItem = await citizen(server);
    const byIndustry = await citizen(server);
    const byCategory = await citizen(server);
    const byEverything = await citizen(server);
    const uninterested = await citizen(server);
    const nobody = await citizen(server);
    await follow(server, listAll, { listAll: true });
    await follow(server, byItem, { items: ["S2048"] });
    await follow(server, byIndustry, { industries: ["住宿和餐饮业"] });
    await follow(server, byCategory, { categories: ["政策解读"] });
    await follow(server, byEverything, { listAll: true, items: ["S2048"], industries: ["住宿和餐饮业"], categories: ["政策解读", "行业信息"] });
    await follow(server, uninterested, { items: ["S1001"], categories: ["典型案例通报"] });
    await consent(server, byItem, POLICY_TPL, 1);
    await consent(server, byIndustry, POLICY_TPL, 2);
    await consent(server, byEverything, LIST_TPL, 3); // a consent for another template does not count

    const postId = await publish({ title: "餐饮店开办许可政策解读", tags: { industries: ["住宿和餐饮业"], items: ["S2048"] } });

    for (const s of [byItem, byIndustry, byCategory, byEverything]) {
      const inbox = await messagesOf(s);
      expect(inbox.items.filter((m) => m.target.id === postId)).toHaveLength(1);
      expect(inbox.items[0]).toMatchObject({ kind: "policy", title: "【政策解读】餐饮店开办许可政策解读", page: `packages/policy/detail/index?id=${postId}`, readAt: null });
    }
    for (const s of [listAll, uninterested, nobody]) expect((await messagesOf(s)).items.filter((m) => m.target.id === postId)).toHaveLength(0);
    expect(pushesTo(byItem)).toHaveLength(1);
    expect(pushesTo(byIndustry)).toHaveLength(1);
    expect(pushesTo(byCategory)).toHaveLength(0);
    expect(pushesTo(byEverything)).toHaveLength(0);
    expect(pushesTo(byItem)[0]).toMatchObject({ template_id: POLICY_TPL, page: `packages/policy/detail/index?id=${postId}`, miniprogram_state: "formal" });
    expect(pushesTo(byItem)[0].data.thing1.value).toBe("餐饮店开办许可政策解读");
    expect(await credits(byItem, POLICY_TPL)).toBe(0);
    expect(await credits(byIndustry, POLICY_TPL)).toBe(1);
    expect(await credits(byEverything, LIST_TPL)).toBe(3);

    // A second post: the credit that is left is used, nobody without one is pushed to.
    const second = await publish({ title: "住宿业消防安全指引解读", tags: { industries: ["住宿和餐饮业"], items: [] } });
    expect(pushesTo(byIndustry)).toHaveLength(2);
    expect(pushesTo(byItem)).toHaveLength(1);
    expect(await credits(byIndustry, POLICY_TPL)).toBe(0);
    expect((await messagesOf(byItem)).items.some((m) => m.target.id === second)).toBe(false);
    expect((await messagesOf(byIndustry)).items.filter((m) => m.target.id === second)).toHaveLength(1);
    const sub = await server.get<SubscriptionView>("/api/v1/subscriptions", { token: byIndustry.token });
    expect(sub.body.templates.find((t) => t.key === "policy_update")).toMatchObject({ credits: 0, canPush: false, shouldAsk: true });
  });

  it("notifies nobody again when a post is unpublished and published again", async () => {
    const s = await citizen(server);
    await follow(server, s, { categories: ["行业信息"] });
    await consent(server, s, POLICY_TPL, 5);
    const id = await publish({ category: "行业信息", title: "行业信息一则" });
    await server.post(`/api/v1/staff/policies/${id}/unpublish`, { token: coordinator, body: { reason: "更正" } });
    await server.post(`/api/v1/staff/policies/${id}/publish`, { token: coordinator, body: {} });
    await drainAll(server);
    expect((await messagesOf(s)).items.filter((m) => m.target.id === id)).toHaveLength(1);
    expect(pushesTo(s)).toHaveLength(1);
    expect(await credits(s, POLICY_TPL)).toBe(4);
  });

  it("uses a long-term consent without consuming anything", async () => {
    // Long-term templates are configured per deployment; here the list template is one.
    const s = await citizen(server);
    await follow(server, s, { categories: ["典型案例通报"] });
    await consent(server, s, POLICY_TPL, 1);
    await ConsentModel.updateOne({ userId: s.user._id, templateId: POLICY_TPL }, { $set: { kind: "long_term", standing: true, credits: 0 } });
    await publish({ category: "典型案例通报", title: "违规设置准入门槛典型案例通报" });
    await publish({ category: "典型案例通报", title: "第二批典型案例通报" });
    expect(pushesTo(s)).toHaveLength(2);
  });

  it("falls back silently on 43101 and clears the consent; refunds the credit on errors of ours", async () => {
    const refusing = await citizen(server);
    const badData = await citizen(server);
    await follow(server, refusing, { categories: ["行业信息"] });
    await follow(server, badData, { categories: ["行业信息"] });
    await consent(server, refusing, POLICY_TPL, 3);
    await consent(server, badData, POLICY_TPL, 1);
    server.wechat!.refusingUsers.add(refusing.openid);
    server.wechat!.subscribeErrors.set(badData.openid, [47003]);
    const id = await publish({ category: "行业信息", title: "行业信息二则" });
    expect((await messagesOf(refusing)).items.filter((m) => m.target.id === id)).toHaveLength(1);
    expect(pushesTo(refusing)).toHaveLength(0);
    expect(await credits(refusing, POLICY_TPL)).toBe(0);
    const refusedRow = await DeliveryModel.findOne({ userId: refusing.user._id }).lean();
    expect(refusedRow).toMatchObject({ state: "skipped", errcode: 43101 });
    expect(await credits(badData, POLICY_TPL)).toBe(1);
    expect(await DeliveryModel.findOne({ userId: badData.user._id }).lean()).toMatchObject({ state: "failed", errcode: 47003, creditTaken: false });
    // Later sends to the refusing user are not attempted at all.
    await publish({ category: "行业信息", title: "行业信息三则" });
    expect(server.wechat!.calls.filter((c) => c.path === "/cgi-bin/message/subscribe/send" && (c.body as { touser: string }).touser === refusing.openid)).toHaveLength(1);
  });

  it("retries transient errors (45009, -1) later, consuming one credit in total", async () => {
    const s = await citizen(server);
    await follow(server, s, { categories: ["行业信息"] });
    await consent(server, s, POLICY_TPL, 2);
    server.wechat!.subscribeErrors.set(s.openid, [45009, -1]);
    const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: { category: "行业信息", title: "限流重试", body: "<p>正文</p>" } });
    await server.post(`/api/v1/staff/policies/${created.body.id}/publish`, { token: coordinator, body: {} });
    await server.drainJobs();
    expect(pushesTo(s)).toHaveLength(0);
    expect(await credits(s, POLICY_TPL)).toBe(1);
    expect(await DeliveryModel.findOne({ userId: s.user._id }).lean()).toMatchObject({ state: "queued", creditTaken: true, errcode: 45009 });
    await drainAll(server);
    expect(pushesTo(s)).toHaveLength(1);
    expect(await credits(s, POLICY_TPL)).toBe(1);
    expect(await DeliveryModel.findOne({ userId: s.user._id }).lean()).toMatchObject({ state: "sent", attempts: 3 });
  });

  it("refreshes an expired access token (40001) and sends once", async () => {
    const s = await citizen(server);
    await follow(server, s, { categories: ["行业信息"] });
    await consent(server, s, POLICY_TPL, 1);
    for (const token of [...server.wechat!.validTokens]) server.wechat!.expireToken(token);
    await publish({ category: "行业信息", title: "令牌过期后发送" });
    expect(pushesTo(s)).toHaveLength(1);
  });

  it("sends a 清单动态 notice to list, item and industry followers when an edition is activated", async () => {
    const listAll = await citizen(server);
    const byItem = await citizen(server);
    const byOtherItem = await citizen(server);
    await follow(server, listAll, { listAll: true });
    await follow(server, byItem, { items: ["S2048"] });
    await follow(server, byOtherItem, { items: ["S1001"] });
    await consent(server, byItem, LIST_TPL, 1);
    const items = await editionItems("sample");
    const changed = items.map(({ editionCode: _e, sample: _s, ...i }) => (i.code === "S2048" ? { ...i, measures: [...i.measures, { text: "新增：网络餐饮服务第三方平台备案", local: false }] } : i));
    await editionDraftWriter({ code: "sample-v2", title: "示例清单（第二版）", items: changed, sample: true });
    const res = await server.post(`/api/v1/admin/list/editions/sample-v2/activate`, { token: admin });
    expect(res.status).toBe(200);
    await drainAll(server);
    const inbox = (await messagesOf(byItem)).items.filter((m) => m.kind === "list");
    expect(inbox).toHaveLength(1);
    expect(inbox[0].title).toContain("调整 1 项");
    expect((await messagesOf(listAll)).items.filter((m) => m.kind === "list")).toHaveLength(1);
    expect((await messagesOf(byOtherItem)).items.filter((m) => m.kind === "list")).toHaveLength(0);
    expect(pushesTo(byItem)).toHaveLength(1);
    expect(pushesTo(byItem)[0].template_id).toBe(LIST_TPL);
    // Replaying the activation event changes nothing.
    const activation = await JobModel.findOne({ type: "processor.run", "payload.processor": "policies.edition_post" }).sort({ _id: -1 }).lean();
    await JobModel.updateOne({ _id: activation!._id }, { $set: { state: "pending", runAt: new Date(0) } });
    await drainAll(server);
    expect((await messagesOf(byItem)).items.filter((m) => m.kind === "list")).toHaveLength(1);
  });

  it("hands what a delivery job could not send within its time budget to a follow-up job", async () => {
    const users = [await citizen(server), await citizen(server), await citizen(server)];
    for (const s of users) {
      await follow(server, s, { categories: ["清单动态"] });
      await consent(server, s, LIST_TPL, 1);
    }
    const draft = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: { category: "清单动态", title: "预算用尽测试", body: "<p>正文</p>" } });
    await server.post(`/api/v1/staff/policies/${draft.body.id}/publish`, { token: coordinator, body: {} });
    // Run the fan-out only (the delivery job it writes is held back), then run that job with no time left.
    const { deliverBatch } = await import("../../../bff/src/notifications/deliver");
    const { notificationDeliverTask } = await import("../../../bff/src/queues/tasks/notificationDeliver");
    const hold = jest.spyOn(notificationDeliverTask, "perform").mockRejectedValueOnce(new Error("暂不发送"));
    await server.drainJobs();
    hold.mockRestore();
    const job = await JobModel.findOne({ type: "notifications.deliver", state: "pending", lastError: "暂不发送" }).lean();
    const payload = job!.payload as { notificationId: string; userIds: string[] };
    await JobModel.deleteOne({ _id: job!._id });
    const result = await deliverBatch(payload, { config: server.config, log: createLogger("silent"), services: server.services }, -1);
    expect(result).toMatchObject({ deferred: payload.userIds.length, sent: 0 });
    expect(await DeliveryModel.countDocuments({ notificationId: payload.notificationId, state: "queued" })).toBe(payload.userIds.length);
    await drainAll(server);
    for (const s of users) expect(pushesTo(s)).toHaveLength(1);
  });

  describe("after a crash", () => {
    it("resumes a fan-out that died mid-way without notifying anyone twice", async () => {
      const users: Subscriber[] = [];
      for (let i = 0; i < 230; i++) users.push({ user: { _id: undefined } as never, token: "", openid: "" });
      // Bulk-create subscribers directly: 2,300 users means three batches of 100.
      const { UserModel } = await import("../../../bff/src/models/user/user.schema");
      const { SubscriptionModel } = await import("../../../bff/src/models/subscription/subscription.schema");
      const created = await UserModel.insertMany(users.map((_, i) => ({ role: "citizen", displayName: "微信用户", openid: `ocrash${i}x${Date.now()}` })));
      await SubscriptionModel.insertMany(created.map((u) => ({ userId: u._id, categories: ["政策解读"], topics: ["category:政策解读"] })));
      await ConsentModel.insertMany(created.slice(0, 150).map((u) => ({ userId: u._id, templateId: POLICY_TPL, template: "policy_update", kind: "one_time", credits: 1 })));
      // The worker dies after its first batch: from the second batch's first write on, nothing
      // reaches the database (every retry while it is "down" fails at the same point).
      const collection = MessageModel.collection;
      const realInsert = collection.insertMany.bind(collection);
      let inserts = 0;
      const spy = jest.spyOn(collection, "insertMany").mockImplementation(((...args: Parameters<typeof collection.insertMany>) => {
        inserts++;
        if (inserts >= 2) return Promise.reject(new Error("进程被终止（模拟）"));
        return realInsert(...args);
      }) as typeof collection.insertMany);
      const before = server.wechat!.sentMessages.length;
      const draft = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: { category: "政策解读", title: "大批量分发", body: "<p>正文</p>" } });
      await server.post(`/api/v1/staff/policies/${draft.body.id}/publish`, { token: coordinator, body: {} });
      await server.drainJobs();
      const notification = await NotificationModel.findOne({ key: `post:${draft.body.id}` }).lean();
      expect(notification).toMatchObject({ state: "fanning_out", progress: { batches: 1, recipients: 100 } });
      const fanoutJob = await JobModel.findOne({ type: "processor.run", "payload.processor": "notifications.post_published", "payload.event.payload.postId": draft.body.id }).lean();
      expect(fanoutJob).toMatchObject({ state: "pending" });
      spy.mockRestore();
      await drainAll(server);
      const ids = created.map((u) => u._id);
      expect(await MessageModel.countDocuments({ notificationId: notification!._id, userId: { $in: ids } })).toBe(230);
      const perUser = await MessageModel.aggregate([{ $match: { notificationId: notification!._id } }, { $group: { _id: "$userId", n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }]);
      expect(perUser).toHaveLength(0);
      const sent = server.wechat!.sentMessages.slice(before).filter((m) => m.touser.startsWith("ocrash"));
      expect(sent).toHaveLength(150);
      expect(new Set(sent.map((m) => m.touser)).size).toBe(150);
      // Subscribers of 政策解读 from earlier tests are among the recipients too.
      const others = await SubscriptionModel.countDocuments({ topics: "category:政策解读", userId: { $nin: ids } });
      const total = await MessageModel.countDocuments({ notificationId: notification!._id });
      expect(total).toBe(230 + others);
      expect(await NotificationModel.findById(notification!._id).lean()).toMatchObject({ state: "done", progress: { recipients: total, messages: total, deliveries: 150 } });
    });

    it("never resends a message whose worker died during the WeChat call", async () => {
      const a = await citizen(server);
      const b = await citizen(server);
      for (const s of [a, b]) {
        await follow(server, s, { categories: ["庐山发布"] });
        await consent(server, s, POLICY_TPL, 1);
      }
      // A post in a category only these two follow; the fan-out runs, the delivery job is then
      // left as a dead worker leaves it: claimed, one message mid-send, lease expired.
      const draft = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: { category: "行业信息", title: "中断测试", body: "<p>正文</p>" } });
      await follow(server, a, { categories: ["庐山发布", "行业信息"] });
      await follow(server, b, { categories: ["庐山发布", "行业信息"] });
      await server.post(`/api/v1/staff/policies/${draft.body.id}/publish`, { token: coordinator, body: {} });
      // Run only the fan-out: claim the processor jobs, not the deliveries.
      await server.drainJobs();
      const notification = await NotificationModel.findOne({ key: `post:${draft.body.id}` }).lean();
      const delivered = server.wechat!.sentMessages.filter((m) => m.touser === a.openid || m.touser === b.openid);
      // The first drain already delivered; rewind one delivery to "a worker died while sending it".
      expect(delivered).toHaveLength(2);
      await DeliveryModel.updateOne({ notificationId: notification!._id, userId: a.user._id }, { $set: { state: "sending", claimedAt: new Date(Date.now() - 10 * 60_000) } });
      const job = await JobModel.findOne({ type: "notifications.deliver", "payload.notificationId": notification!._id.toHexString() }).lean();
      await JobModel.updateOne({ _id: job!._id }, { $set: { state: "processing", leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() - 1_000), attempts: 1 } });
      // A new worker takes over the expired lease.
      (server.worker as unknown as { lastSweep: number }).lastSweep = 0;
      await drainAll(server);
      expect(server.wechat!.sentMessages.filter((m) => m.touser === a.openid || m.touser === b.openid)).toHaveLength(2);
      expect(await DeliveryModel.findOne({ notificationId: notification!._id, userId: a.user._id }).lean()).toMatchObject({ state: "unknown" });
    });
  });
});
