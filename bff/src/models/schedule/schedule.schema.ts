import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * One row per scheduled (cron) task. The row is the lock: an instance runs the task only after
 * atomically taking an expired lease on a row that is due, so several BFF instances never run
 * the same schedule twice.
 */
const scheduleSchema = new Schema(
  {
    _id: { type: String, required: true },
    nextRunAt: { type: Date, required: true },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    lastRunAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    lastDurationMs: { type: Number, default: null },
  },
  { timestamps: true, _id: false },
);

export type ScheduleRecord = InferSchemaType<typeof scheduleSchema>;

export const ScheduleModel = model("Schedule", scheduleSchema);
