import { Schema, model, type InferSchemaType, type Types } from "mongoose";

/** How long received event ids are kept; far beyond the callback time window, so a replay is always caught. */
export const HOTLINE_EVENT_RETENTION_DAYS = 90;

/**
 * A status update received from the 12345 platform (by callback or by the status pull). The
 * unique event id is the replay guard: an update is applied at most once.
 */
const hotlineEventSchema = new Schema(
  {
    eventId: { type: String, required: true },
    ticketNo: { type: String, required: true },
    status: { type: String, required: true },
    source: { type: String, enum: ["callback", "pull"], required: true },
    occurredAt: { type: Date, required: true },
    receivedAt: { type: Date, default: () => new Date() },
    /** Whether the complaint's status changed; the outcome in words. */
    applied: { type: Boolean, default: null },
    outcome: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

hotlineEventSchema.index({ eventId: 1 }, { unique: true });
hotlineEventSchema.index({ ticketNo: 1, occurredAt: 1 });
hotlineEventSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type HotlineEventRecord = InferSchemaType<typeof hotlineEventSchema> & { _id: Types.ObjectId };

export const HotlineEventModel = model("HotlineEvent", hotlineEventSchema);
