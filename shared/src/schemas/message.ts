import { z } from "zod";
import { IsoDateTime, ObjectIdString, PageQuery } from "./common";

export const MESSAGE_KINDS = ["list", "policy", "complaint"] as const;
export const MessageKindSchema = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof MessageKindSchema>;

/** What a notice is about: a post (id), a complaint (ticket number) or a rectification task (id). */
export const NOTICE_TARGET_TYPES = ["post", "complaint", "rectification"] as const;
export type NoticeTargetType = (typeof NOTICE_TARGET_TYPES)[number];

/**
 * Mini-program pages notices open (the `page` of subscribe messages, no leading slash), matching
 * the subpackages of `miniapp/src/routes.ts`.
 */
export const NoticePages = {
  post: (id: string) => `packages/policy/detail/index?id=${encodeURIComponent(id)}`,
  complaint: (ticketNo: string) => `packages/complaint/detail/index?ticketNo=${encodeURIComponent(ticketNo)}`,
  messages: () => "packages/account/messages/index",
  /** A rectification task in the staff workbench (整改台账). */
  rectification: (id: string) => `packages/staff/ledger/detail/index?id=${encodeURIComponent(id)}`,
} as const;

export const MessageView = z
  .object({
    id: ObjectIdString,
    kind: MessageKindSchema,
    title: z.string(),
    body: z.string(),
    /** What the notice is about: a post (id), a complaint (ticket number) or a rectification task (id). */
    target: z.object({ type: z.enum(NOTICE_TARGET_TYPES), id: z.string() }),
    /** The mini-program page to open. */
    page: z.string(),
    createdAt: IsoDateTime,
    readAt: IsoDateTime.nullable(),
  })
  .meta({ id: "Message" });
export type MessageView = z.infer<typeof MessageView>;

export const MessagesQuery = PageQuery.extend({
  unread: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  kind: MessageKindSchema.optional(),
});

export const MessagesResponse = z
  .object({
    items: z.array(MessageView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    unreadCount: z.number().int(),
  })
  .meta({ id: "MessagesResponse" });

export const UnreadCountResponse = z.object({ unreadCount: z.number().int() });
export const MessageIdParams = z.strictObject({ id: ObjectIdString });
export const MarkAllReadResponse = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
