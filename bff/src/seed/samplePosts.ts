import { PostModel } from "../models/post/post.schema";
import { PostVersionModel } from "../models/postVersion/postVersion.schema";
import { postRepository } from "../models/post/post.repository";
import { htmlToText, sanitizePostHtml, summarize } from "../posts/sanitizeHtml";
import type { Seeder } from "./seeder";

/**
 * Two explanatory posts for the demo feed: what the negative list means for a business, and how
 * notices and subscriptions work in this service. They state the mechanism only (no news, no
 * invented facts) and are marked `sample`, so clients label them 示例.
 */
const POSTS = [
  {
    key: "sample:negative-list-basics",
    category: "政策解读" as const,
    title: "一图读懂：市场准入负面清单怎么用",
    tags: { industries: [], items: [] },
    body: `<h2>全国一张清单</h2><p>市场准入负面清单由国家统一制定发布，“一单尽列、单外无单”。清单分为禁止准入类和许可准入类两类事项。</p>
<h2>三种结论</h2><ul><li><strong>禁止准入类</strong>：经营主体不得进入，行政机关不予审批。</li><li><strong>许可准入类</strong>：取得清单列明的许可后方可进入，向对应的主管部门申请。</li><li><strong>清单之外</strong>：各类经营主体皆可依法平等进入，不得额外设置审批，也不得以备案等名义变相设置许可。</li></ul>
<h2>遇到隐性壁垒怎么办</h2><p>如果在办事中被要求清单之外的审批、额外证明或不合理条件，可以在本小程序中反映，按“谁审批、谁监管”转交责任部门办理，并可随时查看办理进度。</p>`,
  },
  {
    key: "sample:how-notices-work",
    category: "政策解读" as const,
    title: "如何接收清单更新和投诉进度提醒",
    tags: { industries: [], items: [] },
    body: `<p>在订阅设置中可以关注：清单的全部变化、具体的清单事项、所在行业以及政策动态的栏目。您本人反映的问题，办理进度会自动通知。</p>
<h2>消息中心</h2><p>所有通知都会进入消息中心，不会因为未授权微信提醒而遗漏。</p>
<h2>微信订阅消息</h2><p>开启微信提醒时，微信会询问是否允许发送。一次性订阅每同意一次，可以收到一条提醒；同意次数用完后，通知仍在消息中心，可以再次授权。拒绝或在微信设置中关闭后，我们不会再发送微信提醒。</p>`,
  },
];

export const samplePostsSeeder: Seeder = {
  name: "samplePosts",
  async run() {
    let created = 0;
    for (const p of POSTS) {
      if (await postRepository.findByOriginKey(p.key)) continue;
      const body = sanitizePostHtml(p.body);
      const text = htmlToText(body);
      const now = new Date();
      const doc = await PostModel.create({
        category: p.category,
        title: p.title,
        summary: summarize(text),
        body,
        bodyText: text,
        tags: p.tags,
        source: "system",
        status: "published",
        author: "庐山市市场准入服务",
        publishedAt: now,
        firstPublishedAt: now,
        sample: true,
        originKey: p.key,
        version: 1,
      });
      await PostVersionModel.create({ postId: doc._id, version: 1, category: p.category, title: p.title, summary: doc.summary, body, tags: p.tags, editedAt: now, note: "演示数据" });
      created++;
    }
    if (created) await postRepository.bumpFeed();
    return `说明性示例文章 ${created} 篇新增`;
  },
};
