/**
 * Fan-out benchmark: one `policy.published` event to N subscribers (100,000 by default) on the
 * embedded database, through the real processor (`notifications.post_published`): subscribers
 * found through the topics index with one cursor, message-center records, consent lookups,
 * delivery records and delivery jobs written in batches. The figure is the time until every
 * notice is enqueued (the WeChat sends themselves are rate-limited and not part of it).
 *
 *   npm run bench:fanout -- [--subscribers 100000] [--consent-share 1] [--json out.json]
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Types } from "mongoose";
import "../bff/src/models";
import { loadConfig } from "../bff/src/config";
import { connectDatabase } from "../bff/src/db/connect";
import { createLogger } from "../bff/src/logger";
import { ConsentModel } from "../bff/src/models/consent/consent.schema";
import { JobModel } from "../bff/src/models/job/job.schema";
import { MessageModel } from "../bff/src/models/message/message.schema";
import { DeliveryModel } from "../bff/src/models/notificationDelivery/notificationDelivery.schema";
import { PostModel } from "../bff/src/models/post/post.schema";
import { SubscriptionModel } from "../bff/src/models/subscription/subscription.schema";
import { UserModel } from "../bff/src/models/user/user.schema";
import { postNotificationProcessor } from "../bff/src/queues/processors/notifications";
import { createServices } from "../bff/src/services";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export interface FanoutBenchResult {
  subscribers: number;
  consentShare: number;
  seconds: number;
  messages: number;
  deliveries: number;
  deliveryJobs: number;
  perSecond: number;
  targetSeconds: number;
  pass: boolean;
}

/**
 * Runs the benchmark on a fresh embedded database in a temporary directory.
 * @param subscribers how many users follow the post's topic.
 * @param consentShare the share of them holding a one-time credit (so a delivery is queued).
 * @returns the measurement.
 */
export async function runFanoutBench(subscribers = 100_000, consentShare = 1): Promise<FanoutBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lushan-fanout-"));
  const config = loadConfig({
    NODE_ENV: "development",
    LOG_LEVEL: "warn",
    EMBEDDED_MONGO_DBPATH: path.join(dir, "db"),
    JWT_SECRET: "bench-secret-bench-secret-bench-secret-01",
    WECHAT_APPID: "wx_bench",
    WECHAT_SECRET: "bench_secret",
    WECHAT_TEMPLATE_POLICY_UPDATE: "TPL_POLICY_BENCH",
    SEED: "false",
  });
  const log = createLogger(config.logLevel);
  const db = await connectDatabase(config, log);
  try {
    const services = createServices(config, log);
    // Setup (not timed): users, their subscriptions (mixed topics, all matching one) and consents.
    const chunk = 10_000;
    for (let start = 0; start < subscribers; start += chunk) {
      const n = Math.min(chunk, subscribers - start);
      const users = Array.from({ length: n }, (_, i) => ({ _id: new Types.ObjectId(), role: "citizen", displayName: "微信用户", openid: `obench${start + i}`, disabled: false }));
      await UserModel.collection.insertMany(users, { ordered: false });
      await SubscriptionModel.collection.insertMany(
        users.map((u, i) => {
          const topics = ["category:政策解读", ...(i % 3 === 0 ? ["list:any"] : []), ...(i % 5 === 0 ? [`item:S${1000 + (i % 90)}`] : [])];
          return { _id: new Types.ObjectId(), userId: u._id, listAll: i % 3 === 0, items: [], industries: [], categories: ["政策解读"], topics, createdAt: new Date(), updatedAt: new Date() };
        }),
        { ordered: false },
      );
      const consenting = users.filter((_, i) => (start + i) % 1000 < consentShare * 1000);
      if (consenting.length) {
        await ConsentModel.collection.insertMany(
          consenting.map((u) => ({ userId: u._id, templateId: "TPL_POLICY_BENCH", template: "policy_update", kind: "one_time", credits: 1, standing: false, lastResult: "accept" })),
          { ordered: false },
        );
      }
    }
    // Unrelated subscribers the index must skip.
    await SubscriptionModel.collection.insertMany(
      Array.from({ length: 20_000 }, () => ({ userId: new Types.ObjectId(), topics: ["category:行业信息"], categories: ["行业信息"] })),
    );
    const [post] = await PostModel.create([{ category: "政策解读", title: "市场准入负面清单（2025年版）政策解读", summary: "基准测试", body: "<p>基准测试</p>", source: "staff", status: "published", publishedAt: new Date(), firstPublishedAt: new Date() }]);
    const event = { id: new Types.ObjectId().toHexString(), name: "policy.published" as const, payload: { postId: post._id.toHexString(), category: "政策解读", title: post.title }, actorId: null, at: new Date().toISOString() };

    const started = process.hrtime.bigint();
    await postNotificationProcessor.perform(event, { config, log, services, attempt: 1 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const messages = await MessageModel.countDocuments({});
    const deliveries = await DeliveryModel.countDocuments({});
    const deliveryJobs = await JobModel.countDocuments({ type: "notifications.deliver" });
    return {
      subscribers,
      consentShare,
      seconds: Math.round(seconds * 100) / 100,
      messages,
      deliveries,
      deliveryJobs,
      perSecond: Math.round(subscribers / seconds),
      targetSeconds: 20,
      pass: seconds < 20 && messages === subscribers,
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const subscribers = Number(arg("subscribers", "100000"));
  const share = Number(arg("consent-share", "1"));
  runFanoutBench(subscribers, share)
    .then((r) => {
      console.log(`\n通知分发基准（内嵌数据库，真实处理器）`);
      console.log(`  订阅用户        ${r.subscribers.toLocaleString()}（其中 ${Math.round(r.consentShare * 100)}% 有一次性订阅额度）`);
      console.log(`  入队耗时        ${r.seconds} s（目标 < ${r.targetSeconds} s）${r.pass ? " ✓" : " ✗"}`);
      console.log(`  速度            ${r.perSecond.toLocaleString()} 用户/秒`);
      console.log(`  消息中心记录    ${r.messages.toLocaleString()}`);
      console.log(`  订阅消息待发送  ${r.deliveries.toLocaleString()}（${r.deliveryJobs} 个发送任务）`);
      const json = arg("json", "");
      if (json) writeFileSync(json, JSON.stringify(r, null, 2));
      process.exit(r.pass ? 0 : 1);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
