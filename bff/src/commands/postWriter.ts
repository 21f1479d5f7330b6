import type { Types } from "mongoose";
import type { PolicyCategory, PostCreateBody, PostUpdateBody } from "@lushan/shared";
import type { z } from "zod";
import { withTransaction } from "../db/transaction";
import { AuthorizationError, ConflictError, NotFoundError, ValidationError } from "../errors";
import { departmentRepository } from "../models/department/department.repository";
import { ListItemModel } from "../models/listItem/listItem.schema";
import { PostModel, type PostRecord } from "../models/post/post.schema";
import { postRepository } from "../models/post/post.repository";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { canWrite, postPolicy } from "../policies/post";
import { htmlToText, sanitizePostHtml, summarize } from "../posts/sanitizeHtml";
import type { Services } from "../services";
import type { Actor } from "../types";

type CreateInput = z.output<typeof PostCreateBody>;
type UpdateInput = z.output<typeof PostUpdateBody>;

/** Rejects list item codes that exist in no edition (a typo would tag nothing). */
async function checkItemCodes(codes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return unique;
  const known = new Set((await ListItemModel.find({ code: { $in: unique } }, { code: 1 }).lean()).map((r) => r.code));
  const missing = unique.filter((c) => !known.has(c));
  if (missing.length) throw ValidationError(`事项编码不存在：${missing.join("、")}`, [{ path: "body.tags.items", message: `事项编码不存在：${missing.join("、")}` }]);
  return unique;
}

/** The department a post is written for: given by code, or the writer's own. */
async function departmentFor(actor: Actor, code: string | null | undefined): Promise<Types.ObjectId | null> {
  if (code === undefined) return actor.departmentId ?? null;
  if (code === null) return null;
  const dept = await departmentRepository.findByCode(code);
  if (!dept) throw ValidationError(`部门代码 ${code} 不存在`, [{ path: "body.department", message: "部门不存在" }]);
  return dept._id;
}

/** Sanitises the body and derives the text and (when missing) the summary. */
function content(body: string, summary: string): { body: string; bodyText: string; summary: string } {
  const clean = sanitizePostHtml(body);
  const text = htmlToText(clean);
  if (!text && !/<img\b/i.test(clean)) throw ValidationError("正文不能为空（过滤不安全内容后没有剩下任何内容）", [{ path: "body.body", message: "正文不能为空" }]);
  return { body: clean, bodyText: text, summary: summary.trim() || summarize(text) };
}

/**
 * Writes a new draft (version 1) for the actor's department or, for coordinators and
 * administrators, any department or none.
 * @param actor the writer.
 * @param input the validated fields.
 * @param requestId for the audit log.
 * @returns the stored post.
 */
export async function postCreator(actor: Actor, input: CreateInput, requestId?: string): Promise<PostRecord> {
  const departmentId = await departmentFor(actor, input.department);
  if (!canWrite(actor, input.category as PolicyCategory, departmentId)) throw AuthorizationError("您不能为该栏目或部门撰写稿件");
  const items = await checkItemCodes(input.tags.items);
  const fields = {
    category: input.category,
    title: input.title,
    ...content(input.body, input.summary),
    cover: input.cover,
    tags: { industries: [...new Set(input.tags.industries)], items },
    attachments: input.attachments,
    source: "staff" as const,
    status: "draft" as const,
    departmentId,
    createdBy: actor.userId,
    version: 1,
  };
  return withTransaction(async (session) => {
    const [doc] = await PostModel.create([fields], { session });
    const post = doc.toObject() as PostRecord;
    await postRepository.recordVersion(post, actor.userId, "创建", session);
    await auditLogRepository.record({ actor, action: "post.create", resourceType: "post", resourceId: post._id.toHexString(), departmentId, requestId }, session);
    return post;
  });
}

/**
 * Saves changes as a new version. `expectedVersion` must be the current one, so two editors
 * never overwrite each other silently.
 * @param actor the editor.
 * @param id the post.
 * @param input changed fields and the version the editor started from.
 * @param services to refresh the public feed when a published post changed.
 * @param requestId for the audit log.
 * @returns the updated post.
 */
export async function postUpdater(actor: Actor, id: string, input: UpdateInput, services: Services, requestId?: string): Promise<PostRecord> {
  const post = await postRepository.findById(id);
  if (!post) throw NotFoundError("稿件不存在");
  postPolicy.authorize(actor, "read", facts(post), { hide: true });
  postPolicy.authorize(actor, "update", facts(post));
  if (post.version !== input.expectedVersion) throw ConflictError(`稿件已被他人修改（当前为第 ${post.version} 版），请刷新后再改`);
  const departmentId = input.department === undefined ? (post.departmentId ?? null) : await departmentFor(actor, input.department);
  const category = (input.category ?? post.category) as PolicyCategory;
  if ((input.category || input.department !== undefined) && !canWrite(actor, category, departmentId)) throw AuthorizationError("您不能为该栏目或部门撰写稿件");
  const set: Record<string, unknown> = { category, departmentId };
  if (input.title !== undefined) set.title = input.title;
  if (input.body !== undefined || input.summary !== undefined) {
    const body = input.body ?? post.body;
    const summary = input.summary ?? post.summary;
    Object.assign(set, content(body, summary));
  }
  if (input.cover !== undefined) set.cover = input.cover;
  if (input.tags !== undefined) set.tags = { industries: [...new Set(input.tags.industries)], items: await checkItemCodes(input.tags.items) };
  if (input.attachments !== undefined) set.attachments = input.attachments;
  const updated = await withTransaction(async (session) => {
    const after = await PostModel.findOneAndUpdate({ _id: post._id, version: post.version }, { $set: set, $inc: { version: 1 } }, { returnDocument: "after", session }).lean<PostRecord>();
    if (!after) throw ConflictError("稿件刚被他人修改，请刷新后再改");
    await postRepository.recordVersion(after, actor.userId, input.note ?? null, session);
    if (after.status === "published") await postRepository.bumpFeed(session);
    await auditLogRepository.record({ actor, action: "post.update", resourceType: "post", resourceId: post._id.toHexString(), departmentId: after.departmentId ?? null, details: { version: after.version }, requestId }, session);
    return after;
  });
  if (updated.status === "published") services.posts.invalidate();
  return updated;
}

/** The facts the post policy needs. */
export function facts(post: PostRecord) {
  return {
    category: post.category as PolicyCategory,
    status: post.status as "draft" | "scheduled" | "published" | "unpublished",
    source: post.source as "staff" | "system" | "wechat",
    departmentId: post.departmentId ?? null,
  };
}
