import { withTransaction } from "../../db/transaction";
import { SYSTEM, dispatchCleared, timelineEntry } from "../../complaints/dispatcher";
import { complaintRepository } from "../../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../../models/complaint/complaint.schema";
import { UserModel } from "../../models/user/user.schema";
import { defineTask, exponentialBackoff, type TaskContext } from "../task";

interface Payload {
  complaintId: string;
  /** Checks this supplement instead of the complaint's title and description. */
  supplementId?: string;
}

const VERDICT_WORDS = { risky: "疑似违规", review: "需人工复核" } as const;

/**
 * Checks a citizen's text with WeChat (msgSecCheck v2). `pass` releases it: a complaint is then
 * dispatched, a supplement shown to the department. `review` or `risky`, or a user WeChat cannot
 * judge, holds it for the coordinator's review (never dropped). Outages are retried with backoff;
 * after the last attempt the text is held for review too.
 */
export const contentCheckTask = defineTask<Payload>({
  name: "complaint.check_content",
  maxAttempts: 6,
  backoffMs: exponentialBackoff(5_000, 300_000),
  async perform(payload, ctx) {
    const c = await complaintRepository.findById(payload.complaintId);
    if (!c) return;
    const supplement = payload.supplementId ? c.supplements.find((s) => s.id === payload.supplementId) : null;
    if (payload.supplementId ? supplement?.moderation !== "pending" : c.moderation !== "pending" || c.status !== "submitted") return;
    const owner = c.ownerId ? await UserModel.findById(c.ownerId, { openid: 1 }).lean<{ openid?: string | null }>() : null;
    if (!owner?.openid) return hold(c, payload, "无法确定投诉人的微信身份，待协调员人工审核");
    const text = supplement ? supplement.text : `${c.title}\n${c.description}`;
    const verdict = await ctx.services.contentSecurity.checkText(text, owner.openid);
    if ("unavailable" in verdict) return hold(c, payload, `${verdict.unavailable}，待协调员人工审核`);
    if (verdict.suggest !== "pass") {
      return hold(c, payload, `微信内容安全检测结果：${VERDICT_WORDS[verdict.suggest]}（标签 ${verdict.label ?? "未知"}），待协调员审核`);
    }
    await release(c, payload, ctx);
  },
  async onDead(payload) {
    const c = await complaintRepository.findById(payload.complaintId);
    if (c) await hold(c, payload, "内容安全检测多次失败，待协调员人工审核");
  },
});

/**
 * Runs a versioned change on the complaint's text verdict, re-reading it when something else
 * (a supplement, a coordinator) changed it meanwhile; gives up quietly once it is no longer pending
 * (decided by a person, or withdrawn by the complainant).
 */
async function onPendingText(c: ComplaintRecord, change: (fresh: ComplaintRecord) => Promise<boolean>): Promise<void> {
  let fresh: ComplaintRecord | null = c;
  const pending = (x: ComplaintRecord | null): x is ComplaintRecord => Boolean(x) && x!.moderation === "pending" && x!.status === "submitted";
  for (let attempt = 0; attempt < 5 && pending(fresh); attempt++) {
    if (await change(fresh)) return;
    fresh = await complaintRepository.findById(c._id);
  }
  if (pending(fresh)) throw new Error(`complaint ${c.ticketNo} keeps changing during the content check; retrying later`);
}

async function release(c: ComplaintRecord, payload: Payload, ctx: TaskContext): Promise<void> {
  const entry = timelineEntry({ action: "content_check", actorId: null, actorRole: "system", from: c.status, to: c.status, note: "微信内容安全检测通过", internal: true });
  if (payload.supplementId) {
    await complaintRepository.settleSupplement(c._id, payload.supplementId, "cleared", entry);
    return;
  }
  await onPendingText(c, (fresh) => withTransaction(async (session) => Boolean(await dispatchCleared(fresh, ctx.services, session, SYSTEM, { moderation: "cleared", moderationNote: null }, [entry]))));
  ctx.services.queue.nudge();
}

async function hold(c: ComplaintRecord, payload: Payload, note: string): Promise<void> {
  const entry = timelineEntry({ action: "hold", actorId: null, actorRole: "system", from: c.status, to: c.status, note, internal: true });
  if (payload.supplementId) {
    await complaintRepository.settleSupplement(c._id, payload.supplementId, "review", entry);
    return;
  }
  await onPendingText(c, async (fresh) => Boolean(await complaintRepository.update(fresh, { $set: { moderation: "review", moderationNote: note }, $push: { timeline: entry } })));
}
