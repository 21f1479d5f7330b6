import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { MESSAGE_KINDS, NOTICE_TARGET_TYPES } from "@lushan/shared";

/** What a notice is about: a post (by id), a complaint (by ticket number) or a rectification task (by id). */
const targetSchema = new Schema({ type: { type: String, enum: NOTICE_TARGET_TYPES, required: true }, id: { type: String, required: true } }, { _id: false });

/**
 * A notice in one user's message center. Every notice lands here whether or not a WeChat message
 * could be sent; one per (user, notice).
 */
const messageSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    notificationId: { type: Schema.Types.ObjectId, ref: "Notification", required: true },
    kind: { type: String, enum: MESSAGE_KINDS, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    target: { type: targetSchema, required: true },
    page: { type: String, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { timestamps: false },
);

messageSchema.index({ userId: 1, notificationId: 1 }, { unique: true });
messageSchema.index({ userId: 1, createdAt: -1 });

export type MessageRecord = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId };
export const MessageModel = model("Message", messageSchema);
