import type { MessageKind, MessageView } from "@lushan/shared";
import type { MessageRecord } from "../models/message/message.schema";

/** A message-center entry, for its owner. */
export function presentMessage(m: MessageRecord): MessageView {
  return {
    id: m._id.toHexString(),
    kind: m.kind as MessageKind,
    title: m.title,
    body: m.body,
    target: { type: m.target.type, id: m.target.id },
    page: m.page,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt ? m.readAt.toISOString() : null,
  };
}
