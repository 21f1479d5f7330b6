import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { MESSAGE_KINDS, NOTICE_TARGET_TYPES, TEMPLATE_KEYS } from "@lushan/shared";

/** What a notice is about: a post (by id), a complaint (by ticket number) or a rectification task (by id). */
const targetSchema = new Schema({ type: { type: String, enum: NOTICE_TARGET_TYPES, required: true }, id: { type: String, required: true } }, { _id: false });

/**
 * One notice to many users (a post published, a new list edition, a complaint's progress), with
 * its fan-out progress. `key` makes a notice exist once however often its event is replayed.
 */
const notificationSchema = new Schema(
  {
    key: { type: String, required: true },
    eventId: { type: String, required: true },
    kind: { type: String, enum: MESSAGE_KINDS, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    target: { type: targetSchema, required: true },
    page: { type: String, required: true },
    template: { type: String, enum: TEMPLATE_KEYS, required: true },
    /** Raw values of the subscribe message (formatted at send time), by template key (thing1 …). */
    templateValues: { type: Schema.Types.Mixed, default: {} },
    /** Subscribers of any of these topics, or exactly these users. */
    audience: {
      _id: false,
      type: { topics: { type: [String], default: [] }, userIds: { type: [Schema.Types.ObjectId], default: [] } },
      required: true,
    },
    state: { type: String, enum: ["fanning_out", "done"], default: "fanning_out" },
    progress: {
      _id: false,
      type: {
        /** The last subscription (or position in `userIds`) fully fanned out: a resumed fan-out continues after it. */
        after: { type: String, default: null },
        batches: { type: Number, default: 0 },
        recipients: { type: Number, default: 0 },
        messages: { type: Number, default: 0 },
        deliveries: { type: Number, default: 0 },
      },
      default: () => ({}),
    },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

notificationSchema.index({ key: 1 }, { unique: true });

export type NotificationRecord = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId; createdAt: Date };
export const NotificationModel = model("Notification", notificationSchema);
