import { Schema, model, type Types } from "mongoose";
import { EVIDENCE_STATES } from "@lushan/shared";

/**
 * An uploaded image (evidence). Stored re-encoded without metadata under a random id; readable
 * by its uploader and by those who may see the complaint it is attached to, and shown to
 * departments only once it is cleared (by WeChat's check or by a person).
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
    status: { type: String, enum: EVIDENCE_STATES, required: true },
    /** Why it waits for a person, or what the reviewer said. */
    reviewNote: { type: String, default: null },
    /** WeChat mediaCheckAsync trace id; the verdict arrives later with it. */
    traceId: { type: String, default: null },
    complaintId: { type: Schema.Types.ObjectId, ref: "Complaint", default: null },
  },
  { timestamps: true, _id: false, versionKey: false },
);

uploadSchema.index({ ownerId: 1 });
uploadSchema.index({ traceId: 1 }, { sparse: true });
uploadSchema.index({ complaintId: 1 });
uploadSchema.index({ status: 1, createdAt: 1 });

export type EvidenceState = (typeof EVIDENCE_STATES)[number];

export interface UploadRecord {
  _id: string;
  ownerId: Types.ObjectId;
  mime: string;
  size: number;
  width: number;
  height: number;
  sha256: string;
  status: EvidenceState;
  reviewNote: string | null;
  traceId: string | null;
  complaintId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

export const UploadModel = model("Upload", uploadSchema);
