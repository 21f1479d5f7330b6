import { Schema, model, type InferSchemaType, type Types } from "mongoose";

/** One item (项目) of one list edition. */
const listItemSchema = new Schema(
  {
    editionCode: { type: String, required: true },
    no: { type: Number, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    category: { type: String, enum: ["禁止准入类", "许可准入类"], required: true },
    industry: { type: String, default: "未分类" },
    measures: [{ _id: false, text: { type: String, required: true }, local: { type: Boolean, default: false } }],
    departments: { type: [String], default: [] },
    keywords: { type: [String], default: [] },
    note: { type: String, default: null },
    sample: { type: Boolean, default: false },
  },
  { timestamps: true },
);

listItemSchema.index({ editionCode: 1, code: 1 }, { unique: true });
listItemSchema.index({ code: 1 });

export type ListItemRecord = InferSchemaType<typeof listItemSchema> & { _id: Types.ObjectId };

export const ListItemModel = model("ListItem", listItemSchema);
