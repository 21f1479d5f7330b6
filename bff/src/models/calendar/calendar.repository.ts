import type { Types } from "mongoose";
import { DeadlinePolicyModel, WorkCalendarModel, type DeadlinePolicyRecord, type WorkCalendarRecord } from "./calendar.schema";

export interface DeadlinePolicyFields {
  acceptDays: number;
  replyDays: number;
  complexReplyDays: number;
  autoCloseDays: number;
}

/** The working-day calendar (one record per year) and the handling time limits. */
export const calendarRepository = {
  async years(): Promise<WorkCalendarRecord[]> {
    return WorkCalendarModel.find({}).lean<WorkCalendarRecord[]>();
  },

  async year(year: number): Promise<WorkCalendarRecord | null> {
    return WorkCalendarModel.findById(year).lean<WorkCalendarRecord>();
  },

  async putYear(year: number, fields: { holidays: string[]; workdays: string[]; source: string; updatedBy: Types.ObjectId | null }): Promise<WorkCalendarRecord> {
    return (await WorkCalendarModel.findOneAndUpdate({ _id: year }, { $set: fields }, { upsert: true, returnDocument: "after" }).lean<WorkCalendarRecord>())!;
  },

  /** Writes a year only if it is not there yet (seed). */
  async insertYearIfMissing(year: number, fields: { holidays: string[]; workdays: string[]; source: string }): Promise<boolean> {
    const res = await WorkCalendarModel.updateOne({ _id: year }, { $setOnInsert: { ...fields, updatedBy: null } }, { upsert: true });
    return res.upsertedCount === 1;
  },

  async policies(): Promise<DeadlinePolicyRecord[]> {
    return DeadlinePolicyModel.find({}).sort({ _id: 1 }).lean<DeadlinePolicyRecord[]>();
  },

  async putPolicy(key: string, fields: DeadlinePolicyFields): Promise<DeadlinePolicyRecord> {
    return (await DeadlinePolicyModel.findOneAndUpdate({ _id: key }, { $set: fields }, { upsert: true, returnDocument: "after" }).lean<DeadlinePolicyRecord>())!;
  },

  async insertPolicyIfMissing(key: string, fields: DeadlinePolicyFields): Promise<boolean> {
    const res = await DeadlinePolicyModel.updateOne({ _id: key }, { $setOnInsert: fields }, { upsert: true });
    return res.upsertedCount === 1;
  },
};
