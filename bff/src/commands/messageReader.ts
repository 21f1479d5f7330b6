import type { Types } from "mongoose";
import { NotFoundError } from "../errors";
import { MessageModel, type MessageRecord } from "../models/message/message.schema";

/**
 * Marks one of the user's messages read (idempotent: the first read time is kept).
 * @param userId the owner.
 * @param id the message.
 * @returns the message.
 */
export async function messageReader(userId: Types.ObjectId, id: string): Promise<MessageRecord> {
  await MessageModel.updateOne({ _id: id, userId, readAt: null }, { $set: { readAt: new Date() } });
  const m = await MessageModel.findOne({ _id: id, userId }).lean<MessageRecord>();
  // Someone else's message looks like no message at all.
  if (!m) throw NotFoundError("消息不存在");
  return m;
}

/**
 * Marks every unread message of the user read.
 * @param userId the owner.
 * @returns how many changed.
 */
export async function allMessagesReader(userId: Types.ObjectId): Promise<number> {
  const res = await MessageModel.updateMany({ userId, readAt: null }, { $set: { readAt: new Date() } });
  return res.modifiedCount;
}
