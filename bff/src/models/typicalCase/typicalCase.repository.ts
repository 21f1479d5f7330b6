import { Types, type ClientSession, type UpdateQuery } from "mongoose";
import type { CaseKind, CaseOrigin, CaseStatus } from "@lushan/shared";
import { scopeFilter, type DepartmentScope } from "../scope";
import { TypicalCaseModel, type TypicalCaseRecord } from "./typicalCase.schema";

export interface CaseFilters {
  status?: CaseStatus;
  origin?: CaseOrigin;
  kind?: CaseKind;
  barrierType?: string;
  q?: string;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function filterQuery(filters: CaseFilters): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filters.status) query.status = filters.status;
  if (filters.origin) query.origin = filters.origin;
  if (filters.kind) query.kind = filters.kind;
  if (filters.barrierType) query.barrierType = filters.barrierType;
  if (filters.q) {
    const re = { $regex: escapeRegex(filters.q), $options: "i" };
    query.$or = [{ title: re }, { summary: re }, { locality: re }, { authority: re }];
  }
  return query;
}

/** Typical cases; reads return plain records. */
export const typicalCaseRepository = {
  async findById(id: string | Types.ObjectId, session?: ClientSession): Promise<TypicalCaseRecord | null> {
    if (typeof id === "string" && !Types.ObjectId.isValid(id)) return null;
    return TypicalCaseModel.findById(id, null, { session }).lean<TypicalCaseRecord>();
  },

  /** A published case (the public library never shows anything else). */
  async findPublished(id: string): Promise<TypicalCaseRecord | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return TypicalCaseModel.findOne({ _id: id, status: "published" }).lean<TypicalCaseRecord>();
  },

  /** The case proposed from a complaint that is still alive (not rejected). */
  async findLiveForComplaint(complaintId: Types.ObjectId, session?: ClientSession): Promise<TypicalCaseRecord | null> {
    return TypicalCaseModel.findOne({ complaintId, status: { $in: ["proposed", "published", "unpublished"] } }, null, { session }).lean<TypicalCaseRecord>();
  },

  /** The public library: published cases, newest first (imported cases without a date last). */
  async listPublished(filters: Omit<CaseFilters, "status">, page: number, pageSize: number): Promise<{ rows: TypicalCaseRecord[]; total: number }> {
    const query = { ...filterQuery(filters), status: "published" } as never;
    const [rows, total] = await Promise.all([
      TypicalCaseModel.find(query).sort({ publishedAt: -1, caseNo: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean<TypicalCaseRecord[]>(),
      TypicalCaseModel.countDocuments(query),
    ]);
    return { rows, total };
  },

  /** Every published case (open data). */
  async allPublished(): Promise<TypicalCaseRecord[]> {
    return TypicalCaseModel.find({ status: "published" }).sort({ publishedAt: -1, caseNo: 1 }).lean<TypicalCaseRecord[]>();
  },

  async countPublishedBetween(from: Date, to: Date): Promise<number> {
    return TypicalCaseModel.countDocuments({ status: "published", origin: "complaint", publishedAt: { $gte: from, $lte: to } });
  },

  /** The workbench list, limited to the caller's departments (department staff: their own). */
  async listForStaff(scope: DepartmentScope, filters: CaseFilters, page: number, pageSize: number): Promise<{ rows: TypicalCaseRecord[]; total: number }> {
    const query = { ...filterQuery(filters), ...scopeFilter(scope) } as never;
    const [rows, total] = await Promise.all([
      TypicalCaseModel.find(query).sort({ updatedAt: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<TypicalCaseRecord[]>(),
      TypicalCaseModel.countDocuments(query),
    ]);
    return { rows, total };
  },

  async create(fields: Partial<TypicalCaseRecord>, session?: ClientSession): Promise<TypicalCaseRecord> {
    const [doc] = await TypicalCaseModel.create([fields as never], { session });
    return doc.toObject() as unknown as TypicalCaseRecord;
  },

  /**
   * Applies a change if the case is still at the version the caller read (else null: someone
   * changed it meanwhile). Bumps the version.
   */
  async update(c: Pick<TypicalCaseRecord, "_id" | "version">, update: UpdateQuery<TypicalCaseRecord>, session?: ClientSession): Promise<TypicalCaseRecord | null> {
    const withVersion = { ...update, $inc: { ...(update.$inc ?? {}), version: 1 } };
    return TypicalCaseModel.findOneAndUpdate({ _id: c._id, version: c.version }, withVersion, { returnDocument: "after", session }).lean<TypicalCaseRecord>();
  },

  async upsertSeed(seedKey: string, fields: Partial<TypicalCaseRecord>): Promise<void> {
    await TypicalCaseModel.updateOne({ seedKey }, { $setOnInsert: { ...fields, seedKey } }, { upsert: true });
  },
};
