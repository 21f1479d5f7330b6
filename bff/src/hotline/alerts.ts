import { NoticePages, Roles } from "@lushan/shared";
import type { Types } from "mongoose";
import { UserModel } from "../models/user/user.schema";
import type { NoticeSpec } from "../notifications/fanout";
import type { EventMap } from "../queues/events";

/**
 * The message-center notice to every active administrator when a work order is dead-lettered
 * (one per event, however often the event is processed).
 * @param p the event payload.
 * @param eventId the event.
 * @returns the notice, or null when there is no administrator.
 */
export async function deadWorkOrderNotice(p: EventMap["hotline.work_order_dead"], eventId: string): Promise<NoticeSpec | null> {
  const admins = await UserModel.find({ role: Roles.admin, disabled: { $ne: true } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  if (!admins.length) return null;
  const body = `工单 ${p.ticketNo}（${p.title}）推送 12345 平台失败，已停止重试（共 ${p.attempts} 次）：${p.lastError}。请检查平台对接后在“12345 推送情况”中重新推送。`;
  return {
    key: `hotline:dead:${eventId}`,
    eventId,
    kind: "complaint",
    title: `12345 工单推送失败：${p.ticketNo}`,
    body: body.slice(0, 500),
    target: { type: "complaint", id: p.ticketNo },
    page: NoticePages.complaint(p.ticketNo),
    template: "complaint_progress",
    facts: { title: p.title, ticketNo: p.ticketNo, status: "推送失败", at: new Date(), note: "12345工单推送失败" },
    audience: { userIds: admins.map((a) => a._id.toHexString()) },
  };
}
