import { ARTICLE_SYNC_ID, articleSyncer } from "../../commands/articleSyncer";
import { ArticleSyncModel } from "../../models/articleSync/articleSync.schema";
import { defineCron } from "../scheduler";

/**
 * Syncs 庐山发布 articles every `ARTICLE_SYNC_INTERVAL_MINUTES` when the official account is
 * configured. The schedule row is the lock, so one instance syncs at a time.
 */
export const articleSyncCron = defineCron({
  name: "policies.article_sync",
  intervalMs: 60_000,
  timeoutMs: 10 * 60_000,
  async perform(ctx) {
    if (!ctx.config.officialAccount.configured) return;
    const state = await ArticleSyncModel.findById(ARTICLE_SYNC_ID, { lastRunAt: 1 }).lean();
    if (state?.lastRunAt && Date.now() - state.lastRunAt.getTime() < ctx.config.officialAccount.syncIntervalMs) return;
    await articleSyncer(ctx.services.freepublish, ctx.log);
    ctx.services.posts.invalidate();
    ctx.services.queue.nudge();
  },
});
