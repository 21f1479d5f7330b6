import { Schema, model, type Types } from "mongoose";
import { ALL_ROLES, RECTIFICATION_ORIGINS, RECTIFICATION_STATUSES, type RectificationOrigin, type RectificationStatus, type Role } from "@lushan/shared";

const historySchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    actorRole: { type: String, enum: [...ALL_ROLES, "system"], required: true },
    actorName: { type: String, default: null },
    from: { type: String, enum: [...RECTIFICATION_STATUSES, null], default: null },
    to: { type: String, enum: [...RECTIFICATION_STATUSES, null], default: null },
    note: { type: String, default: null },
  },
  { _id: false },
);

const evidenceSchema = new Schema(
  {
    at: { type: Date, required: true },
    text: { type: String, required: true },
    url: { type: String, default: null },
    byUserId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    byName: { type: String, default: null },
  },
  { _id: false },
);

const originSchema = new Schema(
  {
    kind: { type: String, enum: RECTIFICATION_ORIGINS, required: true },
    ref: { type: String, default: null },
    complaintId: { type: Schema.Types.ObjectId, ref: "Complaint", default: null },
    caseId: { type: Schema.Types.ObjectId, ref: "TypicalCase", default: null },
    finding: { type: String, default: null },
  },
  { _id: false },
);

/**
 * A rectification task (整改台账事项): a problem found through a complaint, a case or an
 * evaluation, owned by one department with a responsible person and a deadline, closed item by
 * item (逐项销号) when the coordinator confirms the evidence.
 */
const rectificationSchema = new Schema(
  {
    taskNo: { type: String, required: true },
    status: { type: String, enum: RECTIFICATION_STATUSES, default: "open" },
    origin: { type: originSchema, required: true },
    problem: { type: String, required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", required: true },
    responsiblePerson: { type: String, required: true },
    /** The deadline day (CST, YYYY-MM-DD) and its last instant. */
    deadlineDate: { type: String, required: true },
    deadline: { type: Date, required: true },
    measures: { type: String, default: null },
    evidence: { type: [evidenceSchema], default: [] },
    /** The anonymised text of the public board, written at sign-off. */
    publicSummary: { type: String, default: null },
    startedAt: { type: Date, default: null },
    signoffRequestedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    signedOffBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    signedOffByName: { type: String, default: null },
    createdBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
    history: { type: [historySchema], default: [] },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, versionKey: false },
);

rectificationSchema.index({ taskNo: 1 }, { unique: true });
rectificationSchema.index({ departmentId: 1, status: 1, deadline: 1 });
rectificationSchema.index({ status: 1, deadline: 1 });
rectificationSchema.index({ status: 1, closedAt: -1 });
rectificationSchema.index({ createdAt: -1 });

export interface RectificationHistoryRecord {
  at: Date;
  action: string;
  actorId: Types.ObjectId | null;
  actorRole: Role | "system";
  actorName: string | null;
  from: RectificationStatus | null;
  to: RectificationStatus | null;
  note: string | null;
}

export interface RectificationEvidenceRecord {
  at: Date;
  text: string;
  url: string | null;
  byUserId: Types.ObjectId | null;
  byName: string | null;
}

/** A stored task, as repositories return it. */
export interface RectificationRecord {
  _id: Types.ObjectId;
  taskNo: string;
  status: RectificationStatus;
  origin: { kind: RectificationOrigin; ref: string | null; complaintId: Types.ObjectId | null; caseId: Types.ObjectId | null; finding: string | null };
  problem: string;
  departmentId: Types.ObjectId;
  responsiblePerson: string;
  deadlineDate: string;
  deadline: Date;
  measures: string | null;
  evidence: RectificationEvidenceRecord[];
  publicSummary: string | null;
  startedAt: Date | null;
  signoffRequestedAt: Date | null;
  closedAt: Date | null;
  signedOffBy: Types.ObjectId | null;
  signedOffByName: string | null;
  createdBy: Types.ObjectId | null;
  history: RectificationHistoryRecord[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const RectificationModel = model("Rectification", rectificationSchema);
