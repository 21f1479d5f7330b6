import { Types, type ClientSession, type UpdateQuery } from "mongoose";
import { OPEN_STATUSES, type ComplaintStatus } from "@lushan/shared";
import type { DepartmentScope } from "../scope";
import { ComplaintModel, type ComplaintRecord, type ModerationState, type TimelineRecord } from "./complaint.schema";

/**
 * What part of the complaints a staff member may list: a department scope (their own department
 * as handler or co-handler, or all), or 12345's share (phone complaints and those routed to 12345).
 */
export type ComplaintScope = DepartmentScope | { kind: "hotline" };

/** The workbench queues. */
export type StaffQueue = "coordination" | "supervision" | "review";

export interface StaffListFilters {
  status?: ComplaintStatus;
  barrierType?: string;
  overdue?: boolean;
  queue?: StaffQueue;
  departmentId?: Types.ObjectId;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  /** Literal text (escaped here) matched in the ticket number, title, description and accused office. */
  text?: string;
  moderation?: string;
  /** Complaints with evidence awaiting manual review (for the review queue). */
  reviewIds?: Types.ObjectId[];
}

type Filter = Record<string, unknown>;

/** What intake decides about a new complaint; everything else starts at its default. */
export type NewComplaint = Pick<
  ComplaintRecord,
  "channel" | "barrierType" | "title" | "description" | "listScope" | "accusedName" | "town" | "contact" | "routing" | "moderation" | "timeline"
> &
  Partial<Omit<ComplaintRecord, "_id" | "createdAt" | "updatedAt" | "ticketNo">>;

const NEW_COMPLAINT_DEFAULTS = () => ({
  ownerId: null,
  operatorId: null,
  intake: null,
  listItemCode: null,
  listItemName: null,
  industry: null,
  accusedDepartmentId: null,
  business: null,
  evidence: [],
  confidential: false,
  status: "submitted" as const,
  departmentId: null,
  coDepartmentIds: [],
  moderationNote: null,
  supplements: [],
  complex: false,
  supervisedAt: null,
  escalatedAt: null,
  reopenCount: 0,
  mergedInto: null,
  mergedFrom: [],
  followerIds: [],
  deadlines: { acceptBy: null, replyBy: null },
  overdue: false,
  dueSoon: false,
  assignedAt: null,
  acceptedAt: null,
  repliedAt: null,
  closedAt: null,
  closeReason: null,
  reply: null,
  rating: null,
  version: 0,
});

function scopeFilter(scope: ComplaintScope): Filter {
  switch (scope.kind) {
    case "all":
      return {};
    case "department":
      return { $or: [{ departmentId: scope.departmentId }, { coDepartmentIds: scope.departmentId }] };
    case "hotline":
      // Text still held for content review is not 12345's to see.
      return { $or: [{ channel: "phone" }, { "routing.hotline": true, moderation: { $nin: ["pending", "review", "rejected"] } }] };
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const ACTIVE: ComplaintStatus[] = ["assigned", "accepted", "returned"];

// One sort key: served by the createdAt index on MongoDB, and by a single-key top-k sort on the
// embedded server (compound sorts cost several times more there). Complaints filed in the very
// same millisecond keep no particular order between them.
const NEWEST_FIRST = { createdAt: -1 } as const;

/**
 * List rows never show the description, timeline, supplements, reply or the stored intake answer;
 * leaving them out keeps each page small on the wire (a workbench page is a tenth of the bytes).
 */
/**
 * The fields a list row is presented from (presentComplaintListItem) and authorised by
 * (ComplaintFacts): a tenth of a stored complaint. Excluding the heavy fields instead still
 * decoded routing explanations, business details and the rest for every row.
 */
const LIST_ROW_FIELDS = Object.fromEntries(
  [
    "ticketNo", "title", "status", "barrierType", "departmentId", "coDepartmentIds", "accusedDepartmentId", "town",
    "contact", "channel", "confidential", "moderation", "routing.hotline", "ownerId", "followerIds", "deadlines",
    "supervisedAt", "escalatedAt", "createdAt", "updatedAt",
  ].map((f) => [f, 1]),
);

function queueFilter(queue: StaffQueue, reviewIds: Types.ObjectId[]): Filter {
  switch (queue) {
    case "coordination":
      // Waiting for the coordinator to name a department (content held for review excluded).
      return { $or: [{ status: "returned" }, { status: "submitted", departmentId: null, moderation: { $in: ["cleared", "skipped"] } }] };
    case "supervision":
      return { status: { $in: ACTIVE }, $or: [{ overdue: true }, { supervisedAt: { $ne: null } }] };
    case "review":
      return { $or: [{ moderation: "review" }, { "supplements.moderation": "review" }, { _id: { $in: reviewIds } }] };
  }
}

/** Conditions joined with $and, leaving out empty ones (a single condition stays as it is). */
function and(...parts: Filter[]): Filter {
  const kept = parts.filter((p) => Object.keys(p).length);
  return kept.length === 0 ? {} : kept.length === 1 ? kept[0] : { $and: kept };
}

function staffFilter(scope: ComplaintScope, f: StaffListFilters): Filter {
  const conds: Filter[] = [scopeFilter(scope)];
  if (f.status) conds.push({ status: f.status });
  if (f.barrierType) conds.push({ barrierType: f.barrierType });
  if (f.overdue !== undefined) conds.push({ overdue: f.overdue });
  if (f.queue) conds.push(queueFilter(f.queue, f.reviewIds ?? []));
  if (f.departmentId) conds.push({ departmentId: f.departmentId });
  if (f.from) conds.push({ createdAt: { $gte: f.from } });
  if (f.to) conds.push({ createdAt: { $lt: f.to } });
  if (f.moderation) conds.push({ moderation: f.moderation });
  if (f.text) {
    const re = new RegExp(escapeRegex(f.text), "i");
    conds.push({ $or: [{ ticketNo: re }, { title: re }, { description: re }, { accusedName: re }] });
  }
  return and(...conds);
}

/** Complaints: intent-named queries returning plain records. */
export const complaintRepository = {
  /**
   * A new complaint with every field the schema defines, built as a plain object: the intake path
   * validates its input with the contract and writes this as is, because building a mongoose
   * document per complaint costs more than the insert itself. The repository test checks that
   * prepared complaints pass the schema's validation.
   * @param fields the complaint's own fields.
   * @returns the document ready for `insertPrepared` (ticket number still to be set).
   */
  prepare(fields: NewComplaint): ComplaintRecord {
    const now = new Date();
    return { _id: new Types.ObjectId(), ticketNo: "", ...NEW_COMPLAINT_DEFAULTS(), ...fields, createdAt: now, updatedAt: now };
  },

  /** Inserts prepared complaints as they are, in order. */
  async insertManyPrepared(docs: ComplaintRecord[], session: ClientSession): Promise<void> {
    await ComplaintModel.collection.insertMany(docs as never[], { session, ordered: true });
  },

  async findByTicketNo(ticketNo: string, session?: ClientSession): Promise<ComplaintRecord | null> {
    return ComplaintModel.findOne({ ticketNo }, null, { session }).lean<ComplaintRecord>();
  },

  async findById(id: Types.ObjectId | string, session?: ClientSession): Promise<ComplaintRecord | null> {
    return ComplaintModel.findById(id, null, { session }).lean<ComplaintRecord>();
  },

  /** The complaint created with an Idempotency-Key (`<userId>:<key>`). */
  async findByIntakeKey(key: string): Promise<ComplaintRecord | null> {
    return ComplaintModel.findOne({ "intake.key": key }).lean<ComplaintRecord>();
  },

  /**
   * Applies a change if nobody changed the complaint since it was read (its version), bumping the
   * version and `updatedAt`.
   * @param c the complaint as read.
   * @param update the change.
   * @param session the transaction.
   * @returns the complaint after the change, or null when it had changed meanwhile.
   */
  async update(c: Pick<ComplaintRecord, "_id" | "version">, update: UpdateQuery<ComplaintRecord>, session?: ClientSession, extraFilter: Filter = {}): Promise<ComplaintRecord | null> {
    return ComplaintModel.findOneAndUpdate(
      { _id: c._id, version: c.version, ...extraFilter },
      { ...update, $inc: { ...(update.$inc ?? {}), version: 1 } },
      { returnDocument: "after", session },
    ).lean<ComplaintRecord>();
  },

  /**
   * Records the content verdict on one supplement still waiting for it (atomic: concurrent
   * verdicts on other supplements of the same complaint do not conflict).
   * @returns the complaint after the change, or null when the supplement was not pending.
   */
  async settleSupplement(complaintId: Types.ObjectId, supplementId: string, moderation: ModerationState, entry: TimelineRecord, session?: ClientSession): Promise<ComplaintRecord | null> {
    return ComplaintModel.findOneAndUpdate(
      { _id: complaintId, supplements: { $elemMatch: { id: supplementId, moderation: "pending" } } },
      { $set: { "supplements.$[s].moderation": moderation }, $push: { timeline: entry }, $inc: { version: 1 } },
      { arrayFilters: [{ "s.id": supplementId }], returnDocument: "after", session },
    ).lean<ComplaintRecord>();
  },

  /**
   * A staff list page within the caller's scope.
   * @param scope what the caller may see.
   * @param filters status, type, queue, dates, text.
   * @param page 1-based page.
   * @param pageSize rows per page.
   * @returns the rows (newest first) and the total.
   */
  async listForStaff(scope: ComplaintScope, filters: StaffListFilters, page: number, pageSize: number): Promise<{ rows: ComplaintRecord[]; total: number }> {
    const filter = staffFilter(scope, filters);
    const [rows, total] = await Promise.all([
      ComplaintModel.find(filter, LIST_ROW_FIELDS).sort(NEWEST_FIRST).skip((page - 1) * pageSize).limit(pageSize).lean<ComplaintRecord[]>(),
      ComplaintModel.countDocuments(filter),
    ]);
    return { rows, total };
  },

  /** Counts for the workbench badges within the caller's scope. */
  async summaryForStaff(scope: ComplaintScope, reviewIds: Types.ObjectId[]) {
    const count = (f: StaffListFilters) => ComplaintModel.countDocuments(staffFilter(scope, f));
    const [counts, coordination, supervision, review, overdue, dueSoon] = await Promise.all([
      Promise.all(OPEN_STATUSES.map((status) => count({ status }))),
      count({ queue: "coordination" }),
      count({ queue: "supervision" }),
      count({ queue: "review", reviewIds }),
      ComplaintModel.countDocuments(and(scopeFilter(scope), { overdue: true, status: { $in: ACTIVE } })),
      ComplaintModel.countDocuments(and(scopeFilter(scope), { dueSoon: true, status: { $in: ACTIVE } })),
    ]);
    const byStatus = Object.fromEntries(OPEN_STATUSES.map((status, i) => [status, counts[i]]).filter(([, n]) => n));
    return { byStatus, coordination, supervision, review, overdue, dueSoon };
  },

  /** The complainant's own complaints and those they follow after a merge, newest first. */
  async listForOwner(userId: Types.ObjectId, page: number, pageSize: number): Promise<{ rows: ComplaintRecord[]; total: number }> {
    const filter = { $or: [{ ownerId: userId }, { followerIds: userId }] };
    const [rows, total] = await Promise.all([
      ComplaintModel.find(filter, LIST_ROW_FIELDS).sort(NEWEST_FIRST).skip((page - 1) * pageSize).limit(pageSize).lean<ComplaintRecord[]>(),
      ComplaintModel.countDocuments(filter),
    ]);
    return { rows, total };
  },

  /** Complaints filed by a user since a time (for the per-user intake limit). */
  async countFiledSince(userId: Types.ObjectId, since: Date): Promise<number> {
    return ComplaintModel.countDocuments({ ownerId: userId, createdAt: { $gte: since } });
  },

  /** Open complaints with a running clock: waiting for acceptance, in handling, or waiting for a rating. */
  async withRunningClock(): Promise<ComplaintRecord[]> {
    return ComplaintModel.find(
      { status: { $in: ["assigned", "accepted", "replied"] } },
      { ticketNo: 1, status: 1, deadlines: 1, overdue: 1, dueSoon: 1, repliedAt: 1, barrierType: 1, version: 1, ownerId: 1, followerIds: 1, departmentId: 1, title: 1 },
    ).lean<ComplaintRecord[]>();
  },
};
