import type { Types } from "mongoose";
import type { MessageKind } from "@lushan/shared";
import { MessageModel, type MessageRecord } from "./message.schema";

/** One user's message center; every query is by the owner's id. */
export const messageRepository = {
  async listForUser(
    userId: Types.ObjectId,
    filter: { unread?: boolean; kind?: MessageKind },
    page: { page: number; pageSize: number },
  ): Promise<{ items: MessageRecord[]; total: number; unreadCount: number }> {
    const query: Record<string, unknown> = { userId };
    if (filter.unread !== undefined) query.readAt = filter.unread ? null : { $ne: null };
    if (filter.kind) query.kind = filter.kind;
    const [items, total, unreadCount] = await Promise.all([
      MessageModel.find(query).sort({ createdAt: -1, _id: -1 }).skip((page.page - 1) * page.pageSize).limit(page.pageSize).lean<MessageRecord[]>(),
      MessageModel.countDocuments(query),
      this.countUnread(userId),
    ]);
    return { items, total, unreadCount };
  },

  async countUnread(userId: Types.ObjectId): Promise<number> {
    return MessageModel.countDocuments({ userId, readAt: null });
  },
};
