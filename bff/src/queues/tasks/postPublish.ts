import { withTransaction } from "../../db/transaction";
import { PostModel, type PostRecord } from "../../models/post/post.schema";
import { publishInTransaction } from "../../posts/publication";
import { defineTask, exponentialBackoff } from "../task";

/**
 * Publishes a scheduled post at its time. The job carries the time it was scheduled for: a post
 * unscheduled or rescheduled since is left alone (its new schedule has its own job).
 */
export const postPublishTask = defineTask<{ postId: string; publishAt: string }>({
  name: "policies.publish_scheduled",
  maxAttempts: 10,
  backoffMs: exponentialBackoff(5_000, 300_000),
  async perform({ postId, publishAt }, ctx) {
    const post = await PostModel.findOne({ _id: postId, status: "scheduled", publishAt: new Date(publishAt) }).lean<PostRecord>();
    if (!post) return;
    const published = await withTransaction((session) => publishInTransaction(post, session, null));
    if (published) {
      ctx.log.info({ postId, title: post.title }, "定时稿件已发布");
      ctx.services.posts.invalidate();
      ctx.services.queue.nudge();
    }
  },
});
