import { withTransaction } from "../db/transaction";
import { InvalidTransitionError, NotFoundError } from "../errors";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { PostModel, type PostRecord } from "../models/post/post.schema";
import { postRepository } from "../models/post/post.repository";
import { postPolicy } from "../policies/post";
import { publishInTransaction } from "../posts/publication";
import { postPublishTask } from "../queues/tasks/postPublish";
import type { Services } from "../services";
import type { Actor } from "../types";
import { facts } from "./postWriter";

/**
 * Publishes now, or schedules (定时发布) when `at` is in the future: a delayed job then publishes
 * it, unless the post was changed back in the meantime.
 * @param actor a coordinator or administrator.
 * @param id the post.
 * @param at when to publish.
 * @param services feed and queue.
 * @param requestId for the audit log.
 * @returns the post after the change.
 */
export async function postPublisher(actor: Actor, id: string, at: Date | undefined, services: Services, requestId?: string): Promise<PostRecord> {
  const post = await postRepository.findById(id);
  if (!post) throw NotFoundError("稿件不存在");
  postPolicy.authorize(actor, "read", facts(post), { hide: true });
  if (post.status === "published") throw InvalidTransitionError("稿件已发布");
  postPolicy.authorize(actor, "publish", facts(post));
  const scheduled = at && at.getTime() > Date.now() + 1_000;
  const result = await withTransaction(async (session) => {
    let after: PostRecord | null;
    if (scheduled) {
      after = await PostModel.findOneAndUpdate(
        { _id: post._id, status: post.status, version: post.version },
        { $set: { status: "scheduled", publishAt: at } },
        { returnDocument: "after", session },
      ).lean<PostRecord>();
      if (after) await postPublishTask.schedule({ postId: post._id.toHexString(), publishAt: at.toISOString() }, { session, runAt: at, dedupeKey: `post-publish:${post._id.toHexString()}:${at.getTime()}` });
    } else {
      after = await publishInTransaction(post, session, actor.userId.toHexString());
    }
    if (!after) throw InvalidTransitionError("稿件刚被他人修改，请刷新后重试");
    await auditLogRepository.record({ actor, action: scheduled ? "post.schedule" : "post.publish", resourceType: "post", resourceId: id, departmentId: after.departmentId ?? null, details: scheduled ? { at: at.toISOString() } : {}, requestId }, session);
    return after;
  });
  services.posts.invalidate();
  services.queue.nudge();
  return result;
}

/**
 * Takes a published post down (or cancels a scheduled publication), with a reason kept on the post.
 * @param actor a coordinator or administrator.
 * @param id the post.
 * @param reason why.
 * @param services feed.
 * @param requestId for the audit log.
 * @returns the post after the change.
 */
export async function postUnpublisher(actor: Actor, id: string, reason: string, services: Services, requestId?: string): Promise<PostRecord> {
  const post = await postRepository.findById(id);
  if (!post) throw NotFoundError("稿件不存在");
  postPolicy.authorize(actor, "read", facts(post), { hide: true });
  if (post.status !== "published" && post.status !== "scheduled") throw InvalidTransitionError("稿件未发布");
  postPolicy.authorize(actor, "unpublish", facts(post));
  const result = await withTransaction(async (session) => {
    const after = await PostModel.findOneAndUpdate(
      { _id: post._id, status: post.status },
      { $set: { status: post.status === "scheduled" ? "draft" : "unpublished", publishAt: null, ...(post.status === "published" ? { unpublishedAt: new Date(), unpublishReason: reason } : {}) } },
      { returnDocument: "after", session },
    ).lean<PostRecord>();
    if (!after) throw InvalidTransitionError("稿件刚被他人修改，请刷新后重试");
    if (post.status === "published") await postRepository.bumpFeed(session);
    await auditLogRepository.record({ actor, action: "post.unpublish", resourceType: "post", resourceId: id, departmentId: after.departmentId ?? null, details: { reason }, requestId }, session);
    return after;
  });
  services.posts.invalidate();
  return result;
}
