import { Schema, model, type InferSchemaType } from "mongoose";

/** The official holiday arrangement of one year (data, editable by administrators). */
const workCalendarSchema = new Schema(
  {
    _id: { type: Number, required: true },
    holidays: { type: [String], default: [] },
    workdays: { type: [String], default: [] },
    source: { type: String, required: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
  },
  { timestamps: true, _id: false },
);

export type WorkCalendarRecord = InferSchemaType<typeof workCalendarSchema> & { _id: number; updatedAt: Date };

export const WorkCalendarModel = model("WorkCalendar", workCalendarSchema);

/** Handling time limits in working days, per barrier type ("*" is the default). */
const deadlinePolicySchema = new Schema(
  {
    _id: { type: String, required: true },
    acceptDays: { type: Number, required: true },
    replyDays: { type: Number, required: true },
    complexReplyDays: { type: Number, required: true },
    autoCloseDays: { type: Number, required: true },
  },
  { timestamps: true, _id: false },
);

export type DeadlinePolicyRecord = InferSchemaType<typeof deadlinePolicySchema> & { _id: string };

export const DeadlinePolicyModel = model("DeadlinePolicy", deadlinePolicySchema);
