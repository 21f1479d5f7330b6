import { messagesContract } from "@lushan/shared";
import { allMessagesReader, messageReader } from "../../commands/messageReader";
import { messageRepository } from "../../models/message/message.repository";
import { presentMessage } from "../../presenters/message";
import { register, type ApiRouter } from "../register";

/**
 * The message center: every notice the user received, newest first, with the unread count.
 * Messages belong to one user: every query is by the caller's own id, so nobody reaches another's.
 */
export function messageRoutes(router: ApiRouter): void {
  register(router, messagesContract.list, async (ctx) => {
    const { page, pageSize, unread, kind } = ctx.input.query;
    const { items, total, unreadCount } = await messageRepository.listForUser(ctx.state.actor!.userId, { unread, kind }, { page, pageSize });
    return { items: items.map(presentMessage), total, page, pageSize, unreadCount };
  });

  register(router, messagesContract.unreadCount, async (ctx) => ({ unreadCount: await messageRepository.countUnread(ctx.state.actor!.userId) }));

  register(router, messagesContract.read, async (ctx) => presentMessage(await messageReader(ctx.state.actor!.userId, ctx.input.params.id)));

  register(router, messagesContract.readAll, async (ctx) => {
    const userId = ctx.state.actor!.userId;
    const updated = await allMessagesReader(userId);
    return { updated, unreadCount: await messageRepository.countUnread(userId) };
  });
}
