import { Types, type ClientSession, type UpdateQuery } from "mongoose";
import type { RectificationOrigin, RectificationStatus } from "@lushan/shared";
import { scopeFilter, type DepartmentScope } from "../scope";
import { RectificationModel, type RectificationRecord } from "./rectification.schema";

export interface RectificationFilters {
  status?: RectificationStatus;
  origin?: RectificationOrigin;
  departmentId?: Types.ObjectId;
  overdue?: boolean;
  q?: string;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function filterQuery(scope: DepartmentScope, filters: RectificationFilters, now: Date): Record<string, unknown> {
  const query: Record<string, unknown> = { ...scopeFilter(scope) };
  if (filters.departmentId && scope.kind === "all") query.departmentId = filters.departmentId;
  if (filters.status) query.status = filters.status;
  if (filters.origin) query["origin.kind"] = filters.origin;
  if (filters.overdue === true) {
    query.deadline = { $lt: now };
    if (!filters.status) query.status = { $ne: "done" };
    else if (filters.status === "done") query._id = null;
  } else if (filters.overdue === false) {
    query.$or = [{ status: "done" }, { deadline: { $gte: now } }];
  }
  if (filters.q) {
    const re = { $regex: escapeRegex(filters.q), $options: "i" };
    query.$and = [{ $or: [{ problem: re }, { taskNo: re }, { responsiblePerson: re }, { "origin.ref": re }] }];
  }
  return query;
}

/** Rectification tasks; every workbench read takes the caller's department scope. */
export const rectificationRepository = {
  async findById(id: string | Types.ObjectId, session?: ClientSession): Promise<RectificationRecord | null> {
    if (typeof id === "string" && !Types.ObjectId.isValid(id)) return null;
    return RectificationModel.findById(id, null, { session }).lean<RectificationRecord>();
  },

  async list(scope: DepartmentScope, filters: RectificationFilters, page: number, pageSize: number, now = new Date()): Promise<{ rows: RectificationRecord[]; total: number }> {
    const query = filterQuery(scope, filters, now) as never;
    const [rows, total] = await Promise.all([
      RectificationModel.find(query, { history: 0 }).sort({ deadline: 1, _id: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean<RectificationRecord[]>(),
      RectificationModel.countDocuments(query),
    ]);
    return { rows, total };
  },

  /** Counts by status and overdue over the caller's scope. */
  async counts(scope: DepartmentScope, now = new Date()): Promise<Record<RectificationStatus | "overdue", number>> {
    const base = scopeFilter(scope);
    const rows = await RectificationModel.aggregate<{ _id: string; n: number }>([{ $match: base }, { $group: { _id: "$status", n: { $sum: 1 } } }]);
    const overdue = await RectificationModel.countDocuments({ ...base, status: { $ne: "done" }, deadline: { $lt: now } } as never);
    const by = new Map(rows.map((r) => [r._id, r.n]));
    return { open: by.get("open") ?? 0, rectifying: by.get("rectifying") ?? 0, pending_signoff: by.get("pending_signoff") ?? 0, done: by.get("done") ?? 0, overdue };
  },

  /** Tasks created in a period, limited to a scope (efficiency statistics). */
  async createdBetween(scope: DepartmentScope, from: Date, to: Date): Promise<Pick<RectificationRecord, "_id" | "departmentId" | "status" | "deadline" | "closedAt">[]> {
    return RectificationModel.find({ ...scopeFilter(scope), createdAt: { $gte: from, $lte: to } } as never, { departmentId: 1, status: 1, deadline: 1, closedAt: 1 }).lean<Pick<RectificationRecord, "_id" | "departmentId" | "status" | "deadline" | "closedAt">[]>();
  },

  /** The public board: signed-off tasks, latest first. */
  async listDone(departmentId: Types.ObjectId | null, page: number, pageSize: number): Promise<{ rows: RectificationRecord[]; total: number }> {
    const query = { status: "done", ...(departmentId ? { departmentId } : {}) } as never;
    const [rows, total] = await Promise.all([
      RectificationModel.find(query, { history: 0, evidence: 0 }).sort({ closedAt: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<RectificationRecord[]>(),
      RectificationModel.countDocuments(query),
    ]);
    return { rows, total };
  },

  async allDone(): Promise<RectificationRecord[]> {
    return RectificationModel.find({ status: "done" }, { history: 0, evidence: 0 }).sort({ closedAt: -1, _id: -1 }).lean<RectificationRecord[]>();
  },

  async create(fields: Partial<RectificationRecord>, session?: ClientSession): Promise<RectificationRecord> {
    const [doc] = await RectificationModel.create([fields as never], { session });
    return doc.toObject() as unknown as RectificationRecord;
  },

  /** Applies a change if the task is still at the version the caller read (else null). */
  async update(t: Pick<RectificationRecord, "_id" | "version">, update: UpdateQuery<RectificationRecord>, session?: ClientSession): Promise<RectificationRecord | null> {
    const withVersion = { ...update, $inc: { ...(update.$inc ?? {}), version: 1 } };
    return RectificationModel.findOneAndUpdate({ _id: t._id, version: t.version }, withVersion, { returnDocument: "after", session }).lean<RectificationRecord>();
  },
};
