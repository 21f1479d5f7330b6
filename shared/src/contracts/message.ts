import { defineRoute } from "../contract";

import { MarkAllReadResponse, MessageIdParams, MessageView, MessagesQuery, MessagesResponse, UnreadCountResponse } from "../schemas/message";

const tags = ["消息中心"];

export const messagesContract = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/messages",
    summary: "消息中心：全部通知（新的在前）和未读数",
    tags,
    auth: "user",
    query: MessagesQuery,
    response: MessagesResponse,
  }),
  unreadCount: defineRoute({
    method: "GET",
    path: "/api/v1/messages/unread-count",
    summary: "未读消息数（角标）",
    tags,
    auth: "user",
    response: UnreadCountResponse,
  }),
  read: defineRoute({
    method: "POST",
    path: "/api/v1/messages/:id/read",
    summary: "标记一条消息为已读",
    tags,
    auth: "user",
    params: MessageIdParams,
    response: MessageView,
  }),
  readAll: defineRoute({
    method: "POST",
    path: "/api/v1/messages/read-all",
    summary: "全部标记为已读",
    tags,
    auth: "user",
    response: MarkAllReadResponse,
  }),
} as const;

