import { Schema, model, type InferSchemaType, type Types } from "mongoose";

export const EDITION_STATUSES = ["draft", "active", "archived"] as const;

/** One edition of the national negative list (e.g. 2025), or the labelled sample. */
const listEditionSchema = new Schema(
  {
    code: { type: String, required: true },
    title: { type: String, required: true },
    status: { type: String, enum: EDITION_STATUSES, default: "draft" },
    /** Demonstration data: everything shown from it is labelled 示例数据. */
    sample: { type: Boolean, default: false },
    notice: { type: String, default: null },
    source: { type: String, default: null },
    itemCount: { type: Number, default: 0 },
    importedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    activatedAt: { type: Date, default: null },
    activatedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
  },
  { timestamps: true },
);

listEditionSchema.index({ code: 1 }, { unique: true });
listEditionSchema.index({ status: 1 });

export type ListEditionRecord = InferSchemaType<typeof listEditionSchema> & { _id: Types.ObjectId; createdAt: Date };

export const ListEditionModel = model("ListEdition", listEditionSchema);

/**
 * A single document whose version changes whenever the active edition (or its guides mapping)
 * changes, so every BFF instance can notice cheaply and rebuild its in-memory index.
 */
const listStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    activeEdition: { type: String, default: null },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, _id: false },
);

export const ListStateModel = model("ListState", listStateSchema);
