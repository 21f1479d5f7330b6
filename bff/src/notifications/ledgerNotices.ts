import { NoticePages, Roles } from "@lushan/shared";
import { Types } from "mongoose";
import { departmentRepository } from "../models/department/department.repository";
import { UserModel } from "../models/user/user.schema";
import type { EventMap, RectificationEventFacts } from "../queues/events";
import type { NoticeSpec } from "./fanout";

/** The rectification events that reach the message center. */
export type LedgerEventName = "rectification.opened" | "rectification.reassigned" | "rectification.signoff_requested" | "rectification.returned" | "rectification.overdue";

/** Active department staff (办理人员 and 部门管理员) of one department. */
async function departmentStaff(departmentId: string): Promise<string[]> {
  if (!Types.ObjectId.isValid(departmentId)) return [];
  const rows = await UserModel.find({ departmentId: new Types.ObjectId(departmentId), role: { $in: [Roles.deptStaff, Roles.deptAdmin] }, disabled: { $ne: true } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  return rows.map((r) => r._id.toHexString());
}

/** Active 发改 coordinators. */
async function coordinators(): Promise<string[]> {
  const rows = await UserModel.find({ role: Roles.coordinator, disabled: { $ne: true } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  return rows.map((r) => r._id.toHexString());
}

async function departmentName(departmentId: string): Promise<string> {
  if (!Types.ObjectId.isValid(departmentId)) return "责任部门";
  return (await departmentRepository.findById(new Types.ObjectId(departmentId)))?.name ?? "责任部门";
}

/** The problem as a notice quotes it. */
export function shortProblem(problem: string, max = 40): string {
  const flat = problem.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * One message-center notice about a task. Staff accounts have no WeChat openid, so nothing is
 * pushed: the template only fills the (unused) subscribe-message values, as for complaint notices.
 */
function notice(f: RectificationEventFacts, key: string, eventId: string, title: string, body: string, status: string, userIds: string[]): NoticeSpec {
  return {
    key,
    eventId,
    kind: "complaint",
    title: title.slice(0, 60),
    body: body.slice(0, 500),
    target: { type: "rectification", id: f.taskId },
    page: NoticePages.rectification(f.taskId),
    template: "complaint_progress",
    facts: { title: shortProblem(f.problem, 20), ticketNo: f.taskNo, status, at: new Date(), note: status },
    audience: { userIds },
  };
}

/**
 * The notices of a rectification event: the owner department's staff hear about new tasks,
 * changes of owner, responsible person or deadline, and returned sign-off requests; the
 * coordinators hear about sign-off requests; both hear once when a task becomes overdue. Nobody
 * is told about their own action.
 * @param name the event.
 * @param p its payload.
 * @param eventId the event id.
 * @param actorId who caused it (null for the overdue schedule).
 * @returns the notices with at least one recipient.
 */
export async function ledgerNotices<N extends LedgerEventName>(name: N, p: EventMap[N], eventId: string, actorId: string | null): Promise<NoticeSpec[]> {
  const out: NoticeSpec[] = [];
  const others = (ids: string[]) => ids.filter((id) => id !== actorId);
  const add = async (recipients: Promise<string[]>, spec: (ids: string[]) => NoticeSpec) => {
    const ids = others(await recipients);
    if (ids.length) out.push(spec(ids));
  };
  const f = p as RectificationEventFacts;
  const problem = shortProblem(f.problem);
  switch (name) {
    case "rectification.opened":
      await add(departmentStaff(f.departmentId), (ids) =>
        notice(f, `rectification:${eventId}:department`, eventId, `新整改任务 ${f.taskNo}`, `发改协调员交办整改事项：${problem}。责任人：${f.responsiblePerson}，整改期限：${f.deadlineDate}。请按期整改，上传佐证材料后申请销号。`, "待整改", ids),
      );
      break;
    case "rectification.reassigned": {
      const r = p as EventMap["rectification.reassigned"];
      const moved = r.previousDepartmentId !== null && r.previousDepartmentId !== r.departmentId;
      const what = r.changes.length ? r.changes.join("；") : "事项信息";
      const note = r.note ? `说明：${r.note}。` : "";
      await add(departmentStaff(f.departmentId), (ids) =>
        moved
          ? notice(f, `rectification:${eventId}:department`, eventId, `整改任务 ${f.taskNo} 改由本部门负责`, `发改协调员将整改事项“${problem}”调整由本部门负责。责任人：${f.responsiblePerson}，整改期限：${f.deadlineDate}。${note}`, "已改派", ids)
          : notice(f, `rectification:${eventId}:department`, eventId, `整改任务 ${f.taskNo} 已调整`, `发改协调员调整了整改事项“${problem}”：${what}。当前责任人：${f.responsiblePerson}，整改期限：${f.deadlineDate}。${note}`, "已调整", ids),
      );
      if (moved) {
        const newOwner = await departmentName(f.departmentId);
        await add(departmentStaff(r.previousDepartmentId!), (ids) =>
          notice(f, `rectification:${eventId}:previous_department`, eventId, `整改任务 ${f.taskNo} 已调出本部门`, `发改协调员已将整改事项“${problem}”改由${newOwner}负责，本部门无需继续办理。${note}`, "已调出", ids),
        );
      }
      break;
    }
    case "rectification.signoff_requested": {
      const r = p as EventMap["rectification.signoff_requested"];
      const dept = await departmentName(f.departmentId);
      await add(coordinators(), (ids) =>
        notice(f, `rectification:${eventId}:coordinators`, eventId, `整改任务 ${f.taskNo} 申请销号`, `${dept}已完成整改并申请销号：${problem}。${r.note ? `说明：${r.note}。` : ""}请核实佐证材料后确认销号或退回。`, "待销号", ids),
      );
      break;
    }
    case "rectification.returned": {
      const r = p as EventMap["rectification.returned"];
      await add(departmentStaff(f.departmentId), (ids) =>
        notice(f, `rectification:${eventId}:department`, eventId, `整改任务 ${f.taskNo} 销号申请被退回`, `发改协调员退回了销号申请，退回原因：${r.reason}。请继续整改“${problem}”，补充佐证材料后重新申请销号。整改期限：${f.deadlineDate}。`, "已退回", ids),
      );
      break;
    }
    case "rectification.overdue": {
      const r = p as EventMap["rectification.overdue"];
      // One notice per task and overdue episode (its deadline), however often the schedule runs.
      const episode = `rectification:${f.taskId}:overdue:${new Date(r.deadline).getTime()}`;
      const dept = await departmentName(f.departmentId);
      await add(departmentStaff(f.departmentId), (ids) =>
        notice(f, `${episode}:department`, eventId, `整改任务 ${f.taskNo} 已逾期`, `整改事项“${problem}”已超过整改期限（${f.deadlineDate}）仍未销号，请尽快完成整改并申请销号。`, "已逾期", ids),
      );
      await add(coordinators(), (ids) =>
        notice(f, `${episode}:coordinators`, eventId, `整改任务 ${f.taskNo} 逾期未销号`, `${dept}负责的整改事项“${problem}”已超过整改期限（${f.deadlineDate}）仍未销号，请督办。`, "已逾期", ids),
      );
      break;
    }
  }
  return out;
}

/**
 * The natural keys of a task's overdue notices for one deadline (what the schedule checks before
 * emitting again).
 * @param taskId the task.
 * @param deadline the deadline instant of the episode.
 * @returns both keys.
 */
export function overdueNoticeKeys(taskId: string, deadline: Date): string[] {
  const episode = `rectification:${taskId}:overdue:${deadline.getTime()}`;
  return [`${episode}:department`, `${episode}:coordinators`];
}
