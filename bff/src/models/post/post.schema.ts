import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { POLICY_CATEGORIES, POST_STATUSES } from "@lushan/shared";

const attachmentSchema = new Schema({ title: { type: String, required: true }, url: { type: String, required: true } }, { _id: false });

/**
 * A post of the policy feed (政策动态). Staff write drafts, coordinators publish them (now or at a
 * time), the system writes 清单动态 for new list editions, and 庐山发布 articles are synced from the
 * official account. Every saved content change also goes to `PostVersion`.
 */
const postSchema = new Schema(
  {
    category: { type: String, enum: POLICY_CATEGORIES, required: true },
    title: { type: String, required: true },
    summary: { type: String, default: "" },
    /** Sanitised HTML. */
    body: { type: String, default: "" },
    /** The body's text, for search. */
    bodyText: { type: String, default: "" },
    cover: { type: String, default: null },
    tags: {
      _id: false,
      type: { industries: { type: [String], default: [] }, items: { type: [String], default: [] } },
      default: () => ({ industries: [], items: [] }),
    },
    attachments: { type: [attachmentSchema], default: [] },
    source: { type: String, enum: ["staff", "system", "wechat"], required: true },
    status: { type: String, enum: POST_STATUSES, default: "draft" },
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
    createdBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    /** Shown as the author (庐山发布 articles carry their own). */
    author: { type: String, default: null },
    publishAt: { type: Date, default: null },
    publishedAt: { type: Date, default: null },
    /** Set once, at the first publication: later re-publications notify nobody again. */
    firstPublishedAt: { type: Date, default: null },
    unpublishedAt: { type: Date, default: null },
    unpublishReason: { type: String, default: null },
    version: { type: Number, default: 1 },
    /** Explains the product or is about demonstration data. */
    sample: { type: Boolean, default: false },
    /** Natural key of generated and synced posts (`edition:2025`, `wechat:<article_id>:<index>`). */
    originKey: { type: String },
    /** 庐山发布: the article's link and WeChat's update time. */
    externalUrl: { type: String, default: null },
    externalUpdatedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

postSchema.index({ originKey: 1 }, { unique: true, partialFilterExpression: { originKey: { $type: "string" } } });
postSchema.index({ status: 1, publishedAt: -1 });
postSchema.index({ departmentId: 1, status: 1 });

export type PostRecord = InferSchemaType<typeof postSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export const PostModel = model("Post", postSchema);

/**
 * One counter row: every change to what the public feed shows moves it, so each BFF instance
 * knows when to rebuild its in-memory feed index.
 */
const postFeedStateSchema = new Schema({ _id: { type: String, required: true }, version: { type: Number, default: 0 } }, { _id: false });
export const PostFeedStateModel = model("PostFeedState", postFeedStateSchema);
export const POST_FEED_STATE_ID = "feed";
