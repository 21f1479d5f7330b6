import type { Types } from "mongoose";
import { NoticePages, Roles, type PolicyCategory } from "@lushan/shared";
import type { PostRecord } from "../models/post/post.schema";
import { UserModel } from "../models/user/user.schema";
import type { EventMap } from "../queues/events";
import type { NoticeSpec } from "./fanout";
import { postTopics } from "./topics";

/**
 * The notice of a first publication: 清单动态 goes out as a list-update notice, the other
 * categories as policy notices, to everyone following the post's topics.
 * @param post the published post.
 * @param eventId the `policy.published` event.
 * @returns the notice.
 */
export function postNotice(post: PostRecord, eventId: string): NoticeSpec {
  const category = post.category as PolicyCategory;
  const isList = category === "清单动态";
  const id = post._id.toHexString();
  return {
    key: `post:${id}`,
    eventId,
    kind: isList ? "list" : "policy",
    title: isList ? post.title : `【${category}】${post.title}`,
    body: post.summary || post.title,
    target: { type: "post", id },
    page: NoticePages.post(id),
    template: isList ? "list_update" : "policy_update",
    facts: { title: post.title, category, at: post.publishedAt ?? new Date() },
    audience: { topics: postTopics({ category, industries: post.tags?.industries ?? [], items: post.tags?.items ?? [] }) },
  };
}

/** What the complainant hears, by action: a status phrase (≤ 5 Chinese characters) and a sentence. */
const FOR_COMPLAINANT: Record<string, [string, string]> = {
  assign: ["已派单", "您反映的问题已转交承办部门办理。"],
  accept: ["办理中", "承办部门已受理，正在办理。"],
  transfer: ["已改派", "您反映的问题已改派至新的承办部门办理。"],
  reply: ["已答复", "承办部门已答复，请查看答复并评价。"],
  escalate: ["已上报", "您反映的问题已上报市政府协调处理。"],
  merge: ["已并单", "您反映的问题已与同一事项的其他反映合并办理，可继续在原编号下跟踪。"],
  close: ["已办结", "您反映的问题已回访办结，感谢您的监督。"],
  auto_close: ["已办结", "答复后未收到评价，系统已自动办结；如有异议可再次反映。"],
  reject_content: ["未通过", "您提交的内容未通过审核，请查看说明后修改重新提交。"],
};

/** What the handling department hears, by action. */
const FOR_DEPARTMENT: Record<string, string> = {
  assign: "新派单，请在时限内受理。",
  transfer: "改派至本部门，请在时限内受理。",
  supervise: "发改协调员督办，请尽快办理。",
  overdue: "已超过办理时限，进入督办队列。",
};

/**
 * The notices of a complaint event: to the complainant (and followers of merged complaints) for
 * steps they should know about, and to the handling department's staff for new assignments,
 * supervision and overdue cases. Nobody is told about their own action.
 * @param p the event payload.
 * @param eventId the event.
 * @param actorId who caused it.
 * @returns zero, one or two notices.
 */
export async function complaintNotices(p: EventMap["complaint.status_changed"], eventId: string, actorId: string | null): Promise<NoticeSpec[]> {
  const out: NoticeSpec[] = [];
  const at = new Date();
  const forComplainant = FOR_COMPLAINANT[p.action];
  const complainants = [p.ownerId, ...p.followerIds].filter((id): id is string => Boolean(id) && id !== actorId);
  if (forComplainant && complainants.length) {
    const [status, sentence] = forComplainant;
    out.push({
      key: `complaint:${eventId}:complainant`,
      eventId,
      kind: "complaint",
      title: `${p.ticketNo} ${status}`,
      body: `${sentence}（${p.title}）`,
      target: { type: "complaint", id: p.ticketNo },
      page: NoticePages.complaint(p.ticketNo),
      template: "complaint_progress",
      facts: { title: p.title, ticketNo: p.ticketNo, status, at, note: sentence },
      audience: { userIds: complainants },
    });
  }
  const forDepartment = FOR_DEPARTMENT[p.action];
  if (forDepartment && p.departmentId) {
    const staff = await UserModel.find({ departmentId: p.departmentId, role: { $in: [Roles.deptStaff, Roles.deptAdmin] }, disabled: { $ne: true } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
    const ids = staff.map((s) => s._id.toHexString()).filter((id) => id !== actorId);
    if (ids.length) {
      out.push({
        key: `complaint:${eventId}:department`,
        eventId,
        kind: "complaint",
        title: `${p.ticketNo} ${p.title}`.slice(0, 60),
        body: forDepartment,
        target: { type: "complaint", id: p.ticketNo },
        page: NoticePages.complaint(p.ticketNo),
        template: "complaint_progress",
        facts: { title: p.title, ticketNo: p.ticketNo, status: "待办理", at, note: forDepartment },
        audience: { userIds: ids },
      });
    }
  }
  return out;
}
