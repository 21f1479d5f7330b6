import { editionPostWriter } from "../../commands/editionPostWriter";
import { postRepository } from "../../models/post/post.repository";
import { ensureNotification, fanOut } from "../../notifications/fanout";
import { complaintNotices, postNotice } from "../../notifications/notices";
import { defineProcessor } from "../processor";

/**
 * A new list edition becomes a 清单动态 post, published at once; its publication then notifies
 * the subscribers (one notice per user, whichever of their topics matched).
 */
export const editionPostProcessor = defineProcessor({
  name: "policies.edition_post",
  events: ["list.edition_activated"],
  async perform(event, ctx) {
    const post = await editionPostWriter(event.payload.editionId, event.payload.previousEditionId, event.actorId);
    if (post) {
      ctx.log.info({ postId: post._id.toHexString(), edition: event.payload.editionId }, "已生成清单动态");
      ctx.services.posts.invalidate();
      ctx.services.queue.nudge();
    }
  },
});

/** Notifies the subscribers of a post's topics when it is first published. */
export const postNotificationProcessor = defineProcessor({
  name: "notifications.post_published",
  events: ["policy.published"],
  async perform(event, ctx) {
    const post = await postRepository.findById(event.payload.postId);
    // Taken down before the notice went out: nobody should be sent to a missing page.
    if (!post || post.status !== "published") return;
    const notification = await ensureNotification(postNotice(post, event.id));
    await fanOut(notification, ctx);
    ctx.services.queue.nudge();
  },
});

/** Tells complainants and the handling department about a complaint's progress. */
export const complaintNotificationProcessor = defineProcessor({
  name: "notifications.complaint_status",
  events: ["complaint.status_changed"],
  async perform(event, ctx) {
    for (const spec of await complaintNotices(event.payload, event.id, event.actorId)) {
      await fanOut(await ensureNotification(spec), ctx);
    }
    ctx.services.queue.nudge();
  },
});
