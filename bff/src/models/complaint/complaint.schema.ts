import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { ALL_ROLES, BARRIER_TYPE_CODES, COMPLAINT_STATUSES, RATINGS } from "@lushan/shared";

const timelineEntry = new Schema(
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
    /** Internal entries (comments, routing details) are never shown to the complainant. */
    internal: { type: Boolean, default: false },
  },
  { _id: false },
);

/**
 * A hidden-barrier complaint (隐性壁垒投诉). Case state (status, deadlines, timeline) lives here;
 * delivery to 12345 lives in the work order, and content review in `moderation`.
 */
const complaintSchema = new Schema(
  {
    ticketNo: { type: String, required: true },
    channel: { type: String, enum: ["miniapp", "phone"], required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    operatorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    barrierType: { type: String, enum: BARRIER_TYPE_CODES, required: true },
    title: { type: String, required: true },
    description: { type: String, required: true },
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
    moderation: { type: String, enum: ["cleared", "pending", "unchecked", "rejected"], default: "unchecked" },
    moderationNote: { type: String, default: null },
    complex: { type: Boolean, default: false },
    supervisedAt: { type: Date, default: null },
    escalatedAt: { type: Date, default: null },
    reopenCount: { type: Number, default: 0 },
    mergedInto: { type: String, default: null },
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
    closeReason: { type: String, enum: ["rated", "auto", "withdrawn", "rejected", "staff", null], default: null },
    reply: { _id: false, type: { text: String, at: Date, departmentId: Schema.Types.ObjectId, byUserId: Schema.Types.ObjectId }, default: null },
    rating: { _id: false, type: { value: { type: String, enum: RATINGS }, comment: String, at: Date }, default: null },
    timeline: { type: [timelineEntry], default: [] },
    /** Bumped on every change; actions carry it to refuse stale writes. */
    version: { type: Number, default: 0 },
  },
  { timestamps: true },
);

complaintSchema.index({ ticketNo: 1 }, { unique: true });
complaintSchema.index({ departmentId: 1, status: 1 });
complaintSchema.index({ ownerId: 1 });
complaintSchema.index({ followerIds: 1 });
complaintSchema.index({ status: 1 });
complaintSchema.index({ moderation: 1 });

type Inferred = InferSchemaType<typeof complaintSchema>;

/** A stored complaint (nested parts the schema always sets are required here). */
export type ComplaintRecord = Omit<Inferred, "contact" | "routing" | "deadlines"> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
  contact: { name: string; phone: string };
  routing: {
    ruleId: Types.ObjectId | null;
    ruleName: string | null;
    explanation: string;
    plainReason: string;
    departmentId: Types.ObjectId | null;
    coDepartmentIds: Types.ObjectId[];
    hotline: boolean;
  };
  deadlines: { acceptBy: Date | null; replyBy: Date | null };
};
export type TimelineRecord = ComplaintRecord["timeline"][number];

export const ComplaintModel = model("Complaint", complaintSchema);
