import { messagesContract } from "@lushan/shared";
import { allMessagesReader, messageReader } from "../../commands/messageReader";
import { MessageModel, type MessageRecord } from "../../models/message/message.schema";
import { presentMessage } from "../../presenters/message";
import { register, type ApiRouter } from "../register";

/** The message center: every notice the user received, newest first, with the unread count. */
export function messageRoutes(router: ApiRouter): void {
  register(router, messagesContract.list, async (ctx) => {
    const userId = ctx.state.actor!.userId;
    const { page, pageSize, unread, kind } = ctx.input.query;
    const filter: Record<string, unknown> = { userId };
    if (unread !== undefined) filter.readAt = unread ? null : { $ne: null };
    if (kind) filter.kind = kind;
    const [items, total, unreadCount] = await Promise.all([
      MessageModel.find(filter).sort({ createdAt: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<MessageRecord[]>(),
      MessageModel.countDocuments(filter),
      MessageModel.countDocuments({ userId, readAt: null }),
    ]);
    return { items: items.map(presentMessage), total, page, pageSize, unreadCount };
  });

  register(router, messagesContract.unreadCount, async (ctx) => ({
    unreadCount: await MessageModel.countDocuments({ userId: ctx.state.actor!.userId, readAt: null }),
  }));

  register(router, messagesContract.read, async (ctx) => presentMessage(await messageReader(ctx.state.actor!.userId, ctx.input.params.id)));

  register(router, messagesContract.readAll, async (ctx) => {
    const userId = ctx.state.actor!.userId;
    const updated = await allMessagesReader(userId);
    return { updated, unreadCount: await MessageModel.countDocuments({ userId, readAt: null }) };
  });
}
