import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { POLICY_CATEGORIES } from "@lushan/shared";

/** A saved state of a post's content (kept for every save, never changed). */
const postVersionSchema = new Schema(
  {
    postId: { type: Schema.Types.ObjectId, ref: "Post", required: true },
    version: { type: Number, required: true },
    category: { type: String, enum: POLICY_CATEGORIES, required: true },
    title: { type: String, required: true },
    summary: { type: String, default: "" },
    body: { type: String, default: "" },
    cover: { type: String, default: null },
    tags: { _id: false, type: { industries: [String], items: [String] }, default: () => ({ industries: [], items: [] }) },
    attachments: { type: [{ _id: false, title: String, url: String }], default: [] },
    editedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    editedAt: { type: Date, required: true },
    note: { type: String, default: null },
  },
  { timestamps: false },
);

postVersionSchema.index({ postId: 1, version: 1 }, { unique: true });

export type PostVersionRecord = InferSchemaType<typeof postVersionSchema> & { _id: Types.ObjectId };
export const PostVersionModel = model("PostVersion", postVersionSchema);
