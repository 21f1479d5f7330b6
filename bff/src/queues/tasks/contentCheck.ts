import { Types } from "mongoose";
import { withTransaction } from "../../db/transaction";
import { dispatchComplaint, timelineEntry } from "../../complaints/dispatcher";
import { ComplaintModel, type ComplaintRecord } from "../../models/complaint/complaint.schema";
import { UserModel } from "../../models/user/user.schema";
import { defineTask, exponentialBackoff } from "../task";

/**
 * Checks a citizen's complaint text with WeChat (msgSecCheck v2). `pass` dispatches it; `review`
 * or `risky` leaves it held for the coordinator's manual review (never dropped). WeChat outages are
 * retried with backoff; after the last attempt the complaint is held for manual review too.
 */
export const contentCheckTask = defineTask<{ complaintId: string }>({
  name: "complaint.check_content",
  maxAttempts: 6,
  backoffMs: exponentialBackoff(5_000, 300_000),
  async perform({ complaintId }, ctx) {
    const c = await ComplaintModel.findById(complaintId).lean<ComplaintRecord>();
    if (!c || c.moderation !== "pending" || c.status !== "submitted") return;
    const owner = c.ownerId ? await UserModel.findById(c.ownerId, { openid: 1 }).lean() : null;
    if (!owner?.openid) return hold(c, "无法确定投诉人的微信身份，需人工审核");
    const verdict = await ctx.services.contentSecurity.checkText(`${c.title}\n${c.description}`, owner.openid);
    if (verdict.suggest !== "pass") {
      return hold(c, `微信内容安全检测结果：${verdict.suggest === "risky" ? "疑似违规" : "需人工复核"}（标签 ${verdict.label ?? "未知"}），待协调员审核`);
    }
    await withTransaction(async (session) => {
      const cleared = await ComplaintModel.findOneAndUpdate(
        { _id: c._id, version: c.version, moderation: "pending" },
        { $set: { moderation: "cleared", moderationNote: null }, $inc: { version: 1 } },
        { returnDocument: "after", session },
      ).lean<ComplaintRecord>();
      if (cleared) await dispatchComplaint(cleared, ctx.services, session);
    });
    ctx.services.queue.nudge();
  },
  async onDead({ complaintId }) {
    const c = await ComplaintModel.findById(complaintId).lean<ComplaintRecord>();
    if (c && c.moderation === "pending") await hold(c, "内容安全检测多次失败，待协调员人工审核");
  },
});

async function hold(c: ComplaintRecord, note: string): Promise<void> {
  await ComplaintModel.updateOne(
    { _id: new Types.ObjectId(c._id) },
    { $set: { moderationNote: note }, $push: { timeline: timelineEntry({ action: "hold", actorId: null, actorRole: "system", from: c.status, to: c.status, note, internal: true }) }, $inc: { version: 1 } },
  );
}
