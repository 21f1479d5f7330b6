import type { ClientSession, Types } from "mongoose";
import { UploadModel, type EvidenceState, type UploadRecord } from "./upload.schema";

/** Evidence images' records (the bytes live in the upload store). */
export const uploadRepository = {
  async create(fields: Omit<UploadRecord, "createdAt" | "updatedAt" | "traceId" | "complaintId" | "reviewNote"> & { reviewNote?: string | null }, session?: ClientSession): Promise<void> {
    await UploadModel.create([fields], { session });
  },

  async findById(id: string): Promise<UploadRecord | null> {
    return UploadModel.findById(id).lean<UploadRecord>();
  },

  async findByIds(ids: string[]): Promise<Map<string, UploadRecord>> {
    if (!ids.length) return new Map();
    const rows = await UploadModel.find({ _id: { $in: ids } }).lean<UploadRecord[]>();
    return new Map(rows.map((u) => [u._id, u]));
  },

  /**
   * Whether every id is an upload of this user not yet attached to any complaint.
   * @param ids the upload ids (distinct).
   * @param ownerId the user.
   * @returns true when all can be attached.
   */
  async allAttachable(ids: string[], ownerId: Types.ObjectId): Promise<boolean> {
    if (!ids.length) return true;
    const n = await UploadModel.countDocuments({ _id: { $in: ids }, ownerId, complaintId: null });
    return n === ids.length;
  },

  /**
   * Attaches uploads to a complaint in the caller's transaction.
   * @returns how many were attached (fewer than asked: someone else attached one meanwhile).
   */
  async attach(ids: string[], ownerId: Types.ObjectId, complaintId: Types.ObjectId, session: ClientSession): Promise<number> {
    if (!ids.length) return 0;
    const res = await UploadModel.updateMany({ _id: { $in: ids }, ownerId, complaintId: null }, { $set: { complaintId } }, { session });
    return res.modifiedCount;
  },

  /**
   * Attaches the uploads of several new complaints in one write (intake batches).
   * @returns how many uploads were attached in all.
   */
  async attachMany(entries: { ids: string[]; ownerId: Types.ObjectId; complaintId: Types.ObjectId }[], session: ClientSession): Promise<number> {
    if (!entries.length) return 0;
    const res = await UploadModel.bulkWrite(
      entries.map((e) => ({ updateMany: { filter: { _id: { $in: e.ids }, ownerId: e.ownerId, complaintId: null }, update: { $set: { complaintId: e.complaintId } } } })),
      { session, ordered: true },
    );
    return res.modifiedCount;
  },

  async setTrace(id: string, traceId: string): Promise<void> {
    await UploadModel.updateOne({ _id: id, status: "pending" }, { $set: { traceId } });
  },

  /** Records WeChat's verdict for a trace id; returns the upload when it was still pending. */
  async settleTrace(traceId: string, status: EvidenceState, reviewNote: string | null): Promise<UploadRecord | null> {
    return UploadModel.findOneAndUpdate({ traceId, status: "pending" }, { $set: { status, reviewNote } }, { returnDocument: "after" }).lean<UploadRecord>();
  },

  async setStatus(id: string, status: EvidenceState, reviewNote: string | null, session?: ClientSession, onlyFrom?: EvidenceState[]): Promise<boolean> {
    const res = await UploadModel.updateOne({ _id: id, ...(onlyFrom ? { status: { $in: onlyFrom } } : {}) }, { $set: { status, reviewNote } }, { session });
    return res.modifiedCount === 1;
  },

  /** Complaints with at least one image waiting for a person. */
  async complaintIdsAwaitingReview(): Promise<Types.ObjectId[]> {
    const rows = await UploadModel.find({ status: "review", complaintId: { $ne: null } }, { complaintId: 1 }).lean<{ complaintId: Types.ObjectId }[]>();
    return rows.map((r) => r.complaintId);
  },

  /** Uploads still waiting for WeChat's verdict since before `before`. */
  async pendingSince(before: Date): Promise<UploadRecord[]> {
    return UploadModel.find({ status: "pending", createdAt: { $lt: before } }).limit(500).lean<UploadRecord[]>();
  },

  /** Uploads never attached to a complaint, older than `before` (abandoned forms). */
  async orphansSince(before: Date): Promise<string[]> {
    const rows = await UploadModel.find({ complaintId: null, createdAt: { $lt: before } }, { _id: 1 }).limit(500).lean<{ _id: string }[]>();
    return rows.map((r) => r._id);
  },

  async removeUnattached(id: string): Promise<boolean> {
    const res = await UploadModel.deleteOne({ _id: id, complaintId: null });
    return res.deletedCount === 1;
  },
};
