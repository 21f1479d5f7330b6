import { Types, type ClientSession } from "mongoose";
import type { PolicyCategory, PostStatus } from "@lushan/shared";
import type { DepartmentScope } from "../scope";
import { PostVersionModel, type PostVersionRecord } from "../postVersion/postVersion.schema";
import { PostFeedStateModel, PostModel, POST_FEED_STATE_ID, type PostRecord } from "./post.schema";

export interface StaffPostFilter {
  status?: PostStatus;
  category?: PolicyCategory;
  q?: string;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Posts and their versions; reads return plain records. */
export const postRepository = {
  async findById(id: string | Types.ObjectId, session?: ClientSession): Promise<PostRecord | null> {
    if (typeof id === "string" && !Types.ObjectId.isValid(id)) return null;
    return PostModel.findById(id, null, { session }).lean<PostRecord>();
  },

  async findByOriginKey(key: string, session?: ClientSession): Promise<PostRecord | null> {
    return PostModel.findOne({ originKey: key }, null, { session }).lean<PostRecord>();
  },

  /** The workbench list: newest changes first, limited to the actor's departments. */
  async listForStaff(scope: DepartmentScope, filter: StaffPostFilter, page: { page: number; pageSize: number }): Promise<{ items: PostRecord[]; total: number }> {
    const query: Record<string, unknown> = {};
    if (scope.kind === "department") query.departmentId = scope.departmentId;
    if (filter.status) query.status = filter.status;
    if (filter.category) query.category = filter.category;
    if (filter.q) query.title = { $regex: escapeRegex(filter.q), $options: "i" };
    const [items, total] = await Promise.all([
      PostModel.find(query, { body: 0, bodyText: 0 })
        .sort({ updatedAt: -1, _id: -1 })
        .skip((page.page - 1) * page.pageSize)
        .limit(page.pageSize)
        .lean<PostRecord[]>(),
      PostModel.countDocuments(query),
    ]);
    return { items, total };
  },

  async versions(postId: Types.ObjectId): Promise<PostVersionRecord[]> {
    return PostVersionModel.find({ postId }).sort({ version: -1 }).lean<PostVersionRecord[]>();
  },

  /** Records a saved state of the post's content (same transaction as the save). */
  async recordVersion(post: PostRecord, editedBy: Types.ObjectId | null, note: string | null, session: ClientSession): Promise<void> {
    await PostVersionModel.create(
      [
        {
          postId: post._id,
          version: post.version,
          category: post.category,
          title: post.title,
          summary: post.summary,
          body: post.body,
          cover: post.cover ?? null,
          tags: { industries: post.tags?.industries ?? [], items: post.tags?.items ?? [] },
          attachments: post.attachments ?? [],
          editedBy,
          editedAt: new Date(),
          note,
        },
      ],
      { session },
    );
  },

  /** Tells every instance that the public feed changed (same transaction as the change). */
  async bumpFeed(session?: ClientSession): Promise<void> {
    await PostFeedStateModel.updateOne({ _id: POST_FEED_STATE_ID }, { $inc: { version: 1 } }, { upsert: true, session });
  },
};
