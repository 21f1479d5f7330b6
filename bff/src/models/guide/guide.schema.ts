import { Schema, model, type InferSchemaType, type Types } from "mongoose";

const acceptance = { applicable: { type: Boolean, default: false }, note: { type: String, default: "" } };

/**
 * 办事指南 of a list item, kept by the department of 庐山市 that handles it. Guides follow the
 * item code across editions; a changed item flags its guides for review.
 */
const guideSchema = new Schema(
  {
    itemCode: { type: String, required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", required: true },
    title: { type: String, required: true },
    materials: { type: [String], default: [] },
    process: { type: [String], default: [] },
    timeLimit: { type: String, required: true },
    legalBasis: { type: [String], default: [] },
    promiseAcceptance: { _id: false, type: acceptance, default: () => ({}) },
    toleranceAcceptance: { _id: false, type: acceptance, default: () => ({}) },
    needsReview: { type: Boolean, default: false },
    sample: { type: Boolean, default: false },
    version: { type: Number, default: 1 },
    updatedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
  },
  { timestamps: true },
);

guideSchema.index({ itemCode: 1, departmentId: 1 }, { unique: true });
guideSchema.index({ departmentId: 1 });

export type GuideRecord = InferSchemaType<typeof guideSchema> & { _id: Types.ObjectId; updatedAt: Date };

export const GuideModel = model("Guide", guideSchema);
