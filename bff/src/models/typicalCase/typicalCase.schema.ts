import { Schema, model, type Types } from "mongoose";
import { ALL_ROLES, BARRIER_TYPE_CODES, CASE_KINDS, CASE_ORIGINS, CASE_STATUSES, type CaseKind, type CaseOrigin, type CaseStatus, type Role } from "@lushan/shared";

const historySchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    actorRole: { type: String, enum: [...ALL_ROLES, "system"], required: true },
    note: { type: String, default: null },
  },
  { _id: false },
);

/**
 * A typical case (典型案例): proposed from a handled complaint and published by the coordinator as
 * a 通报 (case library + a post of category 典型案例通报), or imported from a national 通报 with its
 * source. Only the anonymised public text lives here; the complaint keeps the personal data.
 */
const typicalCaseSchema = new Schema(
  {
    caseNo: { type: String, required: true },
    origin: { type: String, enum: CASE_ORIGINS, required: true },
    kind: { type: String, enum: CASE_KINDS, default: "barrier" },
    status: { type: String, enum: CASE_STATUSES, required: true },
    title: { type: String, required: true },
    summary: { type: String, required: true },
    handling: { type: String, default: null },
    lesson: { type: String, default: null },
    barrierType: { type: String, enum: [...BARRIER_TYPE_CODES, null], default: null },
    locality: { type: String, required: true },
    authority: { type: String, default: null },
    batch: { type: String, default: null },
    source: {
      _id: false,
      url: { type: String, default: null },
      label: { type: String, required: true },
      quality: { type: String, enum: ["official", "reprint", "secondary", "local"], required: true },
      note: { type: String, default: null },
    },
    relatedItemCodes: { type: [String], default: [] },
    sample: { type: Boolean, default: false },
    /** The complaint it came from (origin complaint). */
    complaintId: { type: Schema.Types.ObjectId, ref: "Complaint", default: null },
    ticketNo: { type: String, default: null },
    /** The handling department (department staff see their department's cases). */
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
    proposedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    proposedAt: { type: Date, default: null },
    proposalReason: { type: String, default: null },
    rejectReason: { type: String, default: null },
    /** The post of category 典型案例通报 (created at the first publication). */
    postId: { type: Schema.Types.ObjectId, ref: "Post", default: null },
    publishedAt: { type: Date, default: null },
    unpublishedAt: { type: Date, default: null },
    /** The complaint's id while the case is alive (not rejected): one live case per complaint. */
    liveKey: { type: String },
    /** Natural key of imported cases (`national:V01`). */
    seedKey: { type: String },
    history: { type: [historySchema], default: [] },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, versionKey: false },
);

typicalCaseSchema.index({ caseNo: 1 }, { unique: true });
typicalCaseSchema.index({ seedKey: 1 }, { unique: true, partialFilterExpression: { seedKey: { $type: "string" } } });
typicalCaseSchema.index({ status: 1, publishedAt: -1 });
typicalCaseSchema.index({ departmentId: 1, status: 1 });
typicalCaseSchema.index({ complaintId: 1 });
typicalCaseSchema.index({ liveKey: 1 }, { unique: true, partialFilterExpression: { liveKey: { $type: "string" } } });

export interface CaseHistoryRecord {
  at: Date;
  action: string;
  actorId: Types.ObjectId | null;
  actorRole: Role | "system";
  note: string | null;
}

/** A stored case, as repositories return it. */
export interface TypicalCaseRecord {
  _id: Types.ObjectId;
  caseNo: string;
  origin: CaseOrigin;
  kind: CaseKind;
  status: CaseStatus;
  title: string;
  summary: string;
  handling: string | null;
  lesson: string | null;
  barrierType: string | null;
  locality: string;
  authority: string | null;
  batch: string | null;
  source: { url: string | null; label: string; quality: "official" | "reprint" | "secondary" | "local"; note: string | null };
  relatedItemCodes: string[];
  sample: boolean;
  complaintId: Types.ObjectId | null;
  ticketNo: string | null;
  departmentId: Types.ObjectId | null;
  proposedBy: Types.ObjectId | null;
  proposedAt: Date | null;
  proposalReason: string | null;
  rejectReason: string | null;
  postId: Types.ObjectId | null;
  publishedAt: Date | null;
  unpublishedAt: Date | null;
  seedKey?: string;
  liveKey?: string;
  history: CaseHistoryRecord[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const TypicalCaseModel = model("TypicalCase", typicalCaseSchema);
