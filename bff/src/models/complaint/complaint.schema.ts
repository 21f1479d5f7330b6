import { Schema, model, type Types } from "mongoose";
import { ALL_ROLES, BARRIER_TYPE_CODES, COMPLAINT_STATUSES, LIST_SCOPES, MODERATION_STATES, RATINGS, type ComplaintStatus, type Role } from "@lushan/shared";

const timelineEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    actorRole: { type: String, enum: [...ALL_ROLES, "system"], required: true },
    /** Department the actor acted for, when staff. */
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
    from: { type: String, enum: [...COMPLAINT_STATUSES, null], default: null },
    to: { type: String, enum: [...COMPLAINT_STATUSES, null], default: null },
    note: { type: String, default: null },
    /** Internal entries (notes, routing details, reviews) are never shown to the complainant. */
    internal: { type: Boolean, default: false },
  },
  { _id: false },
);

const supplementSchema = new Schema(
  {
    id: { type: String, required: true },
    at: { type: Date, required: true },
    text: { type: String, required: true },
    evidence: { type: [String], default: [] },
    moderation: { type: String, enum: MODERATION_STATES, required: true },
    /** The Idempotency-Key it was sent with (a retry adds nothing). */
    key: { type: String, default: null },
  },
  { _id: false },
);

/**
 * A hidden-barrier complaint (隐性壁垒投诉). Case state (status, deadlines, timeline) lives here;
 * delivery to 12345 lives in the work order, review of images in the uploads.
 */
const complaintSchema = new Schema(
  {
    ticketNo: { type: String, required: true },
    channel: { type: String, enum: ["miniapp", "phone"], required: true },
    /** The complainant's account (null for phone complaints typed in by a 12345 operator). */
    ownerId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    operatorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    /**
     * `<userId>:<Idempotency-Key>` with a hash of the body and the 201 it got: retries replay the
     * answer, a different body under the same key is refused. Unique, and never expires.
     */
    intake: {
      _id: false,
      type: { key: String, hash: String, response: Schema.Types.Mixed },
      default: null,
    },
    barrierType: { type: String, enum: BARRIER_TYPE_CODES, required: true },
    title: { type: String, required: true },
    description: { type: String, required: true },
    listScope: { type: String, enum: LIST_SCOPES, required: true },
    listItemCode: { type: String, default: null },
    listItemName: { type: String, default: null },
    industry: { type: String, default: null },
    accusedName: { type: String, required: true },
    accusedDepartmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
    business: { _id: false, type: { name: String, creditCode: { type: String, default: null } }, default: null },
    town: { type: String, required: true },
    evidence: { type: [String], default: [] },
    contact: { _id: false, name: { type: String, required: true }, phone: { type: String, required: true } },
    confidential: { type: Boolean, default: false },
    status: { type: String, enum: COMPLAINT_STATUSES, default: "submitted" },
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
    coDepartmentIds: { type: [Schema.Types.ObjectId], default: [] },
    routing: {
      _id: false,
      ruleId: { type: Schema.Types.ObjectId, default: null },
      ruleName: { type: String, default: null },
      explanation: { type: String, required: true },
      plainReason: { type: String, required: true },
      departmentId: { type: Schema.Types.ObjectId, default: null },
      coDepartmentIds: { type: [Schema.Types.ObjectId], default: [] },
      hotline: { type: Boolean, default: false },
    },
    /** Review of the title and description (WeChat msgSecCheck, then the coordinator). */
    moderation: { type: String, enum: MODERATION_STATES, required: true },
    moderationNote: { type: String, default: null },
    supplements: { type: [supplementSchema], default: [] },
    complex: { type: Boolean, default: false },
    supervisedAt: { type: Date, default: null },
    escalatedAt: { type: Date, default: null },
    reopenCount: { type: Number, default: 0 },
    mergedInto: { type: String, default: null },
    mergedFrom: { type: [String], default: [] },
    /** Complainants of complaints merged into this one: they follow it as if it were theirs. */
    followerIds: { type: [Schema.Types.ObjectId], default: [] },
    deadlines: {
      _id: false,
      acceptBy: { type: Date, default: null },
      replyBy: { type: Date, default: null },
    },
    overdue: { type: Boolean, default: false },
    dueSoon: { type: Boolean, default: false },
    assignedAt: { type: Date, default: null },
    acceptedAt: { type: Date, default: null },
    repliedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    closeReason: { type: String, enum: ["rated", "auto", "withdrawn", "rejected", "staff", "merged", null], default: null },
    reply: { _id: false, type: { text: String, at: Date, departmentId: Schema.Types.ObjectId, byUserId: Schema.Types.ObjectId }, default: null },
    rating: { _id: false, type: { value: { type: String, enum: RATINGS }, comment: String, at: Date }, default: null },
    timeline: { type: [timelineEntrySchema], default: [] },
    /** Bumped on every change; writes carry the version they read, so a stale write is refused. */
    version: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

complaintSchema.index({ ticketNo: 1 }, { unique: true });
complaintSchema.index({ "intake.key": 1 }, { unique: true, partialFilterExpression: { "intake.key": { $type: "string" } } });
complaintSchema.index({ createdAt: -1 });
complaintSchema.index({ departmentId: 1, status: 1, createdAt: -1 });
complaintSchema.index({ coDepartmentIds: 1, createdAt: -1 });
complaintSchema.index({ ownerId: 1, createdAt: -1 });
complaintSchema.index({ followerIds: 1 });
complaintSchema.index({ status: 1, createdAt: -1 });
complaintSchema.index({ overdue: 1, status: 1 });
complaintSchema.index({ moderation: 1 });

export interface TimelineRecord {
  at: Date;
  action: string;
  actorId: Types.ObjectId | null;
  actorRole: Role | "system";
  departmentId: Types.ObjectId | null;
  from: ComplaintStatus | null;
  to: ComplaintStatus | null;
  note: string | null;
  internal: boolean;
}

export type ModerationState = (typeof MODERATION_STATES)[number];

export interface SupplementRecord {
  id: string;
  at: Date;
  text: string;
  evidence: string[];
  moderation: ModerationState;
  key: string | null;
}

/** A stored complaint, as repositories return it. */
export interface ComplaintRecord {
  _id: Types.ObjectId;
  ticketNo: string;
  channel: "miniapp" | "phone";
  ownerId: Types.ObjectId | null;
  operatorId: Types.ObjectId | null;
  intake: { key: string; hash: string; response: unknown } | null;
  barrierType: string;
  title: string;
  description: string;
  listScope: (typeof LIST_SCOPES)[number];
  listItemCode: string | null;
  listItemName: string | null;
  industry: string | null;
  accusedName: string;
  accusedDepartmentId: Types.ObjectId | null;
  business: { name: string; creditCode: string | null } | null;
  town: string;
  evidence: string[];
  contact: { name: string; phone: string };
  confidential: boolean;
  status: ComplaintStatus;
  departmentId: Types.ObjectId | null;
  coDepartmentIds: Types.ObjectId[];
  routing: {
    ruleId: Types.ObjectId | null;
    ruleName: string | null;
    explanation: string;
    plainReason: string;
    departmentId: Types.ObjectId | null;
    coDepartmentIds: Types.ObjectId[];
    hotline: boolean;
  };
  moderation: ModerationState;
  moderationNote: string | null;
  supplements: SupplementRecord[];
  complex: boolean;
  supervisedAt: Date | null;
  escalatedAt: Date | null;
  reopenCount: number;
  mergedInto: string | null;
  mergedFrom: string[];
  followerIds: Types.ObjectId[];
  deadlines: { acceptBy: Date | null; replyBy: Date | null };
  overdue: boolean;
  dueSoon: boolean;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  repliedAt: Date | null;
  closedAt: Date | null;
  closeReason: "rated" | "auto" | "withdrawn" | "rejected" | "staff" | "merged" | null;
  reply: { text: string; at: Date; departmentId: Types.ObjectId | null; byUserId: Types.ObjectId } | null;
  rating: { value: (typeof RATINGS)[number]; comment: string | null; at: Date } | null;
  timeline: TimelineRecord[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ComplaintModel = model("Complaint", complaintSchema);
