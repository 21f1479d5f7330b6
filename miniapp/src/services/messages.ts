import { api } from "./api";
import { call } from "./request";

/**
 * The message center, newest first.
 * @param page 1-based page.
 * @returns messages with total and the unread count.
 */
export function listMessages(page = 1) {
  return call(api.messages.list, { query: { page, pageSize: 20 } });
}

/** Unread messages (for the badge on 我的). */
export async function unreadMessageCount(): Promise<number> {
  return (await call(api.messages.unreadCount)).unreadCount;
}

/**
 * Marks one message read.
 * @param id the message id.
 * @returns the updated message.
 */
export function markMessageRead(id: string) {
  return call(api.messages.read, { params: { id } });
}

/** Marks every message read. */
export function markAllMessagesRead() {
  return call(api.messages.readAll);
}
