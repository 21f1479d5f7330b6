import type { ClientSession } from "mongoose";
import { PostModel, type PostRecord } from "../models/post/post.schema";
import { postRepository } from "../models/post/post.repository";
import { emitEvents } from "../queues/events";

/**
 * Makes a post public in the caller's transaction. The first publication records
 * `policy.published` (subscribers are notified once); a re-publication after unpublishing does not.
 * @param post the post as loaded.
 * @param session the transaction.
 * @param actorId who published (null for the scheduler and the system).
 * @returns the published post, or null when it changed meanwhile.
 */
export async function publishInTransaction(post: PostRecord, session: ClientSession, actorId: string | null): Promise<PostRecord | null> {
  const now = new Date();
  const first = !post.firstPublishedAt;
  const after = await PostModel.findOneAndUpdate(
    { _id: post._id, status: post.status, version: post.version },
    {
      $set: {
        status: "published",
        publishedAt: post.publishedAt && !first ? post.publishedAt : (post.publishedAt ?? now),
        publishAt: null,
        unpublishedAt: null,
        unpublishReason: null,
        ...(first ? { firstPublishedAt: now } : {}),
      },
    },
    { returnDocument: "after", session },
  ).lean<PostRecord>();
  if (!after) return null;
  await postRepository.bumpFeed(session);
  if (first) {
    await emitEvents([{ name: "policy.published", payload: { postId: after._id.toHexString(), category: after.category, title: after.title }, actorId }], session);
  }
  return after;
}

