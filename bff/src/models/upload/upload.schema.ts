import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * An uploaded image (evidence). Stored re-encoded without metadata under a random id; readable
 * by its uploader and by those who may see the complaint it is attached to, and shown to
 * departments only once the content check cleared it.
 */
const uploadSchema = new Schema(
  {
    _id: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    mime: { type: String, required: true },
    size: { type: Number, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    sha256: { type: String, required: true },
    status: { type: String, enum: ["pending", "cleared", "risky", "unchecked"], default: "unchecked" },
    traceId: { type: String, default: null },
    complaintId: { type: Schema.Types.ObjectId, ref: "Complaint", default: null },
  },
  { timestamps: true, _id: false },
);

uploadSchema.index({ ownerId: 1 });
uploadSchema.index({ traceId: 1 });
uploadSchema.index({ complaintId: 1 });

export type UploadRecord = InferSchemaType<typeof uploadSchema> & { _id: string; createdAt: Date };

export const UploadModel = model("Upload", uploadSchema);
