import { Schema, model, type InferSchemaType, type Types } from "mongoose";

export const JOB_STATES = ["pending", "processing", "done", "dead"] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * A durable unit of background work (outbox record). Jobs are written in the same transaction
 * as the state change that causes them, claimed with a lease, retried with backoff, and parked
 * as `dead` after their last attempt.
 */
const jobSchema = new Schema(
  {
    type: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    state: { type: String, enum: JOB_STATES, default: "pending" },
    /** Suppresses duplicates of the same logical job (e.g. one notice per user and event). */
    dedupeKey: { type: String },
    runAt: { type: Date, required: true, default: () => new Date() },
    attempts: { type: Number, default: 0 },
    maxAttempts: { type: Number, default: 8 },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    finishedAt: { type: Date, default: null },
    /** Set when the job is done so finished jobs expire; dead jobs stay for inspection. */
    expireAt: { type: Date },
  },
  { timestamps: true },
);

jobSchema.index({ state: 1 });
jobSchema.index({ type: 1, state: 1 });
jobSchema.index(
  { dedupeKey: 1 },
  { unique: true, partialFilterExpression: { dedupeKey: { $type: "string" } } },
);
jobSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export type JobRecord = InferSchemaType<typeof jobSchema> & { _id: Types.ObjectId };

export const JobModel = model("Job", jobSchema);
