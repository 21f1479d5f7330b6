import { withTransaction } from "../db/transaction";
import type { FreepublishClient, PublishedArticle } from "../integrations/wechat/freepublish";
import type { Logger } from "../logger";
import { ArticleSyncModel } from "../models/articleSync/articleSync.schema";
import { PostModel, type PostRecord } from "../models/post/post.schema";
import { postRepository } from "../models/post/post.repository";
import { emitEvents } from "../queues/events";

export const ARTICLE_SYNC_ID = "wechat.freepublish";
/** A full pass (which also finds deletions of older articles) at least this often. */
const FULL_PASS_MS = 24 * 3_600_000;
/** Incremental runs read back this far below the watermark, in case update times tie or arrive late. */
const OVERLAP_S = 3_600;
const PAGE = 20;
const MAX_PAGES = 500;

export interface SyncSummary {
  full: boolean;
  pages: number;
  seen: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

const originKey = (a: Pick<PublishedArticle, "articleId" | "index">) => `wechat:${a.articleId}:${a.index}`;

/** Cover images are shown in the mini-program, which loads https only (WeChat's CDN serves both). */
function httpsCover(url: string | null): string | null {
  if (!url) return null;
  return url.startsWith("http://") ? `https://${url.slice(7)}` : url.startsWith("https://") ? url : null;
}

/**
 * Pulls the 庐山发布 articles published through the official account (freepublish/batchget) and
 * stores them as 庐山发布 posts linking to the article. Incremental by update time (newest first,
 * stopping at a page older than the last run), deduplicated by article id and position, and
 * deletions honoured: an article WeChat marks `is_deleted` — or, on the daily full pass, one that is
 * no longer listed — is taken down. Running it again changes nothing. Articles that appear after
 * the first run notify subscribers of 庐山发布 once.
 * @param client the official account's batchget client.
 * @param log logger.
 * @param options force a full pass.
 * @returns what changed.
 */
export async function articleSyncer(client: FreepublishClient, log: Logger, options: { full?: boolean } = {}): Promise<SyncSummary> {
  const state = (await ArticleSyncModel.findOneAndUpdate({ _id: ARTICLE_SYNC_ID }, { $setOnInsert: { watermark: 0 } }, { upsert: true, returnDocument: "after" }).lean())!;
  const firstRun = !state.lastFullAt;
  const full = options.full || firstRun || Date.now() - state.lastFullAt!.getTime() > FULL_PASS_MS;
  const stopBelow = full ? 0 : Math.max(0, state.watermark - OVERLAP_S);
  const summary: SyncSummary = { full, pages: 0, seen: 0, created: 0, updated: 0, deleted: 0, unchanged: 0 };
  const listed = new Set<string>();
  let watermark = state.watermark;
  let offset = 0;
  let complete = false;
  try {
    while (summary.pages < MAX_PAGES) {
      const page = await client.batchget(offset, PAGE);
      summary.pages++;
      for (const article of page.articles) {
        summary.seen++;
        listed.add(originKey(article));
        watermark = Math.max(watermark, article.updateTime);
        // Subscribers hear about articles new since the previous run, not about the back catalogue.
        const outcome = await upsertArticle(article, !firstRun && article.updateTime >= state.watermark - OVERLAP_S);
        summary[outcome]++;
      }
      offset += page.publications;
      if (page.publications === 0 || offset >= page.totalCount) {
        complete = true;
        break;
      }
      // Newest first: once a page reaches below the watermark, everything after it is older still.
      if (!full && page.articles.some((a) => a.updateTime < stopBelow)) break;
    }
    if (full && complete) summary.deleted += await takeDownUnlisted(listed);
    await ArticleSyncModel.updateOne(
      { _id: ARTICLE_SYNC_ID },
      { $set: { watermark, lastRunAt: new Date(), lastError: null, ...(full && complete ? { lastFullAt: new Date() } : {}) }, $inc: { runs: 1 } },
    );
  } catch (err) {
    await ArticleSyncModel.updateOne({ _id: ARTICLE_SYNC_ID }, { $set: { lastRunAt: new Date(), lastError: (err as Error).message.slice(0, 500) }, $inc: { runs: 1 } });
    throw err;
  }
  log.info(summary, "庐山发布文章同步完成");
  return summary;
}

async function upsertArticle(a: PublishedArticle, notify: boolean): Promise<"created" | "updated" | "deleted" | "unchanged"> {
  const key = originKey(a);
  const existing = await postRepository.findByOriginKey(key);
  const updatedAt = new Date(a.updateTime * 1000);
  if (a.isDeleted) {
    if (!existing || existing.status !== "published") return "unchanged";
    await takeDown(existing, "公众号已删除该文章");
    return "deleted";
  }
  const fields = {
    title: (a.title || "（无标题）").slice(0, 64),
    summary: a.digest.slice(0, 200),
    cover: httpsCover(a.thumbUrl),
    author: a.author || "庐山发布",
    externalUrl: a.url,
    externalUpdatedAt: updatedAt,
  };
  if (existing) {
    const same = existing.title === fields.title && existing.summary === fields.summary && existing.externalUrl === fields.externalUrl && existing.cover === fields.cover && existing.author === fields.author;
    if (same) {
      // A sibling article of the same publication changed (update_time is per publication): nothing to show.
      if (existing.externalUpdatedAt?.getTime() !== updatedAt.getTime()) await PostModel.updateOne({ _id: existing._id }, { $set: { externalUpdatedAt: updatedAt } });
      return "unchanged";
    }
    await withTransaction(async (session) => {
      const after = await PostModel.findOneAndUpdate({ _id: existing._id }, { $set: { ...fields, bodyText: fields.summary }, $inc: { version: 1 } }, { returnDocument: "after", session }).lean<PostRecord>();
      await postRepository.recordVersion(after!, null, "庐山发布文章更新", session);
      if (after!.status === "published") await postRepository.bumpFeed(session);
    });
    return "updated";
  }
  try {
    await withTransaction(async (session) => {
      const [doc] = await PostModel.create(
        // Articles of one publication share its time; a millisecond apart keeps their order in the feed.
        [{ ...fields, category: "庐山发布", body: "", bodyText: fields.summary, source: "wechat", status: "published", publishedAt: new Date(updatedAt.getTime() - a.index), firstPublishedAt: new Date(), originKey: key, version: 1 }],
        { session },
      );
      const post = doc.toObject() as PostRecord;
      await postRepository.recordVersion(post, null, "从庐山发布同步", session);
      await postRepository.bumpFeed(session);
      if (notify) await emitEvents([{ name: "policy.published", payload: { postId: post._id.toHexString(), category: post.category, title: post.title } }], session);
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return "unchanged";
    throw err;
  }
  return "created";
}

async function takeDown(post: PostRecord, reason: string): Promise<void> {
  await withTransaction(async (session) => {
    const res = await PostModel.updateOne({ _id: post._id, status: "published" }, { $set: { status: "unpublished", unpublishedAt: new Date(), unpublishReason: reason } }, { session });
    if (res.modifiedCount) await postRepository.bumpFeed(session);
  });
}

/** After a complete pass: synced articles WeChat no longer lists were deleted at the source. */
async function takeDownUnlisted(listed: Set<string>): Promise<number> {
  const synced = await PostModel.find({ source: "wechat", status: "published" }, { originKey: 1, status: 1 }).lean<PostRecord[]>();
  let n = 0;
  for (const post of synced) {
    if (post.originKey && !listed.has(post.originKey)) {
      await takeDown(post, "公众号已不再提供该文章");
      n++;
    }
  }
  return n;
}
