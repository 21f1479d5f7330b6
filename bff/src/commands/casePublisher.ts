import type { AnonymityCheck } from "@lushan/shared";
import { checkAnonymity } from "../cases/anonymity";
import { casePostContent } from "../cases/postContent";
import { privateFactsOfCase } from "../cases/privateFacts";
import { withTransaction } from "../db/transaction";
import { AuthorizationError, ConflictError, InvalidTransitionError, NotFoundError, PersonalDataFoundError } from "../errors";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { nextValue } from "../models/counter/counter.schema";
import { postRepository } from "../models/post/post.repository";
import type { TypicalCaseRecord } from "../models/typicalCase/typicalCase.schema";
import { typicalCaseRepository } from "../models/typicalCase/typicalCase.repository";
import { seesAllDepartments } from "../policies/predicates";
import { casePolicy } from "../policies/typicalCase";
import type { Services } from "../services";
import type { Actor } from "../types";
import { caseHistoryEntry } from "./caseWriter";
import { postPublisher, postUnpublisher } from "./postPublisher";
import { postCreator, postUpdater } from "./postWriter";

const cstYear = (at: Date): number => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

/**
 * Runs the anonymity check on a case's public text against its complaint's private facts.
 * @param c the case (or its text with unsaved edits laid over it).
 * @returns the check result.
 */
export async function checkCase(c: TypicalCaseRecord): Promise<AnonymityCheck> {
  return checkAnonymity({ title: c.title, summary: c.summary, handling: c.handling, lesson: c.lesson, authority: c.authority }, await privateFactsOfCase(c));
}

async function loadForAction(actor: Actor, id: string, action: "publish" | "unpublish" | "reject"): Promise<TypicalCaseRecord> {
  const c = await typicalCaseRepository.findById(id);
  if (!c) throw NotFoundError("案例不存在");
  casePolicy.authorize(actor, "read", c, { hide: true });
  if (!casePolicy.can(actor, action, c)) {
    if (!seesAllDepartments(actor)) throw AuthorizationError("只有协调员可以发布、撤下或不予采用案例");
    throw InvalidTransitionError(action === "publish" ? (c.status === "published" ? "案例已发布" : "案例已不予采用，不能发布") : action === "unpublish" ? "案例未发布" : "只能对待编辑发布的案例不予采用");
  }
  return c;
}

/**
 * Publishes a case as a 通报: refuses while the check finds personal data; then writes the post
 * of category 典型案例通报 through the post writer (created at the first publication, updated
 * after), publishes it through the post publisher (subscribers are notified at the first
 * publication), and marks the case published in the library. A failure half-way leaves a draft
 * post linked to the case, and publishing again continues from there.
 * @param actor the coordinator or an administrator.
 * @param id the case.
 * @param expectedVersion the version the coordinator reviewed (optional).
 * @param services feed and queue.
 * @param requestId for the audit log.
 * @returns the published case.
 */
export async function casePublisher(actor: Actor, id: string, expectedVersion: number | undefined, services: Services, requestId?: string): Promise<TypicalCaseRecord> {
  let c = await loadForAction(actor, id, "publish");
  if (expectedVersion !== undefined && expectedVersion !== c.version) throw ConflictError(`案例已被他人修改（当前为第 ${c.version} 版），请刷新后再发布`);
  const check = await checkCase(c);
  if (!check.passed) {
    throw PersonalDataFoundError(
      check.explanation,
      check.findings.map((f) => ({ path: `body.${f.field}`, message: f.message })),
    );
  }
  // Claim the case (its version moves): of two coordinators publishing at once, the second gets
  // 409 here instead of writing a second post.
  const claimed = await typicalCaseRepository.update(c, {});
  if (!claimed) throw ConflictError("案例正在被他人发布或修改，请刷新后重试");
  c = claimed;
  if (c.origin === "complaint") {
    const content = casePostContent(c);
    let postId = c.postId;
    if (!postId) {
      const post = await postCreator(
        actor,
        { category: "典型案例通报", ...content, cover: null, tags: { industries: [], items: c.relatedItemCodes }, attachments: [], department: null },
        requestId,
      );
      const linked = await typicalCaseRepository.update(c, { $set: { postId: post._id } });
      if (!linked) throw ConflictError("案例刚被他人修改，请刷新后重试");
      c = linked;
      postId = post._id;
    } else {
      const post = await postRepository.findById(postId);
      if (!post) throw NotFoundError("案例对应的通报稿件不存在");
      if (post.status !== "published") await postUpdater(actor, postId.toHexString(), { ...content, expectedVersion: post.version, note: "典型案例通报更新" }, services, requestId);
    }
    const post = await postRepository.findById(postId);
    if (post && post.status !== "published") await postPublisher(actor, postId.toHexString(), undefined, services, requestId);
  }
  const now = new Date();
  return withTransaction(async (session) => {
    let batch = c.batch;
    if (!batch && c.origin === "complaint") {
      const year = cstYear(now);
      batch = `庐山市典型案例通报 ${year}年第${await nextValue(`case-batch:${year}`, session)}期`;
    }
    const after = await typicalCaseRepository.update(
      c,
      { $set: { status: "published", publishedAt: c.publishedAt ?? now, unpublishedAt: null, batch }, $push: { history: caseHistoryEntry(actor, "publish") } },
      session,
    );
    if (!after) throw ConflictError("案例刚被他人修改，请刷新后重试");
    await auditLogRepository.record({ actor, action: "case.publish", resourceType: "typicalCase", resourceId: id, departmentId: c.departmentId, details: { postId: after.postId?.toHexString() ?? null }, requestId }, session);
    return after;
  });
}

/**
 * Takes a published case down: the 通报 post is unpublished and the case leaves the library.
 * @param actor the coordinator or an administrator.
 * @param id the case.
 * @param reason why.
 * @param services feed.
 * @param requestId for the audit log.
 * @returns the case after the change.
 */
export async function caseUnpublisher(actor: Actor, id: string, reason: string, services: Services, requestId?: string): Promise<TypicalCaseRecord> {
  const c = await loadForAction(actor, id, "unpublish");
  if (c.postId) {
    const post = await postRepository.findById(c.postId);
    if (post && (post.status === "published" || post.status === "scheduled")) await postUnpublisher(actor, c.postId.toHexString(), reason, services, requestId);
  }
  return withTransaction(async (session) => {
    const after = await typicalCaseRepository.update(c, { $set: { status: "unpublished", unpublishedAt: new Date() }, $push: { history: caseHistoryEntry(actor, "unpublish", reason) } }, session);
    if (!after) throw ConflictError("案例刚被他人修改，请刷新后重试");
    await auditLogRepository.record({ actor, action: "case.unpublish", resourceType: "typicalCase", resourceId: id, departmentId: c.departmentId, details: { reason }, requestId }, session);
    return after;
  });
}

/**
 * Declines a proposed case (the complaint may be proposed again later).
 * @param actor the coordinator or an administrator.
 * @param id the case.
 * @param reason why.
 * @param requestId for the audit log.
 * @returns the case after the change.
 */
export async function caseRejecter(actor: Actor, id: string, reason: string, requestId?: string): Promise<TypicalCaseRecord> {
  const c = await loadForAction(actor, id, "reject");
  return withTransaction(async (session) => {
    const after = await typicalCaseRepository.update(c, { $set: { status: "rejected", rejectReason: reason }, $unset: { liveKey: 1 }, $push: { history: caseHistoryEntry(actor, "reject", reason) } }, session);
    if (!after) throw ConflictError("案例刚被他人修改，请刷新后重试");
    await auditLogRepository.record({ actor, action: "case.reject", resourceType: "typicalCase", resourceId: id, departmentId: c.departmentId, details: { reason }, requestId }, session);
    return after;
  });
}
