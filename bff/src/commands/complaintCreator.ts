import { createHash } from "node:crypto";
import type { ComplaintCreateBodyOutput, ComplaintCreated } from "@lushan/shared";
import { cstDate, STATUS_LABELS } from "@lushan/shared";
import { withTransaction } from "../db/transaction";
import { AppError, IdempotencyKeyReusedError, ValidationError } from "../errors";
import type { ListItemData } from "../list/listItem";
import { ComplaintModel, type ComplaintRecord } from "../models/complaint/complaint.schema";
import { nextValue } from "../models/counter/counter.schema";
import { IdempotencyModel } from "../models/idempotency/idempotency.schema";
import { UploadModel } from "../models/upload/upload.schema";
import { UserModel } from "../models/user/user.schema";
import { presentDepartmentSummary } from "../presenters/department";
import { contentCheckTask } from "../queues/tasks/contentCheck";
import type { Services } from "../services";
import type { Actor } from "../types";
import { dispatchComplaint, timelineEntry } from "../complaints/dispatcher";

type Input = ComplaintCreateBodyOutput;

export interface CreateResult {
  status: number;
  body: ComplaintCreated;
}

const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

function requestHash(input: Input): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

/**
 * Files a complaint: checks what it refers to, decides where it goes (routing rules), and in one
 * transaction numbers it, stores it, attaches its evidence, dispatches it (or queues a content
 * check first), records the idempotency answer and the events. The write is durable before the
 * 201 is sent; a retry with the same Idempotency-Key gets the same answer.
 * @param actor the citizen, or the 12345 operator filing a phone call.
 * @param input the validated body.
 * @param services routing, deadlines, list, content security.
 * @param idempotencyKey the client's key, if any.
 * @returns the status and body to answer with.
 */
export async function complaintCreator(actor: Actor, input: Input, services: Services, idempotencyKey?: string): Promise<CreateResult> {
  const keyId = idempotencyKey ? `complaint:${actor.userId.toHexString()}:${idempotencyKey}` : null;
  const hash = requestHash(input);
  if (keyId) {
    const previous = await replay(keyId, hash);
    if (previous) return previous;
  }
  const channel = actor.role === "hotline_operator" ? "phone" : "miniapp";
  let item: ListItemData | null = null;
  if (input.listItemCode) {
    const entry = await services.list.getActive();
    item = entry.byCode.get(input.listItemCode) ?? null;
    if (!item) throw ValidationError(`事项编码 ${input.listItemCode} 不在现行清单中`, [{ path: "body.listItemCode", message: "不在现行清单中" }]);
  }
  const departments = await services.list.departmentsByCode();
  let accusedDepartmentId = null;
  if (input.accusedDepartment) {
    const d = departments.get(input.accusedDepartment);
    if (!d) throw ValidationError(`部门代码 ${input.accusedDepartment} 不存在`, [{ path: "body.accusedDepartment", message: "部门不存在" }]);
    accusedDepartmentId = d._id;
  }
  if (input.evidence.length) {
    const uploads = await UploadModel.find({ _id: { $in: input.evidence } }).lean();
    const usable = uploads.filter((u) => u.ownerId.equals(actor.userId) && !u.complaintId);
    if (usable.length !== new Set(input.evidence).size) throw new AppError(400, "upload_not_usable");
  }
  const decision = await services.routing.decide(
    { barrierType: input.barrierType, listItem: item, town: input.town, title: input.title, description: input.description, accusedDepartmentId },
    departments,
  );
  const owner = channel === "miniapp" ? await UserModel.findById(actor.userId, { openid: 1 }).lean() : null;
  // Text typed by a citizen is checked by WeChat first; a 12345 operator's record is trusted.
  const needsCheck = channel === "miniapp" && services.contentSecurity.enabled && Boolean(owner?.openid);
  try {
    const result = await withTransaction(async (session) => {
      const now = new Date();
      const day = cstDate(now).replace(/-/g, "");
      const seq = await nextValue(`ticket:${day}`, session);
      const ticketNo = `LS${day}${String(seq).padStart(4, "0")}`;
      const [created] = await ComplaintModel.create(
        [
          {
            ticketNo,
            channel,
            ownerId: channel === "miniapp" ? actor.userId : null,
            operatorId: channel === "phone" ? actor.userId : null,
            barrierType: input.barrierType,
            title: input.title,
            description: input.description,
            listItemCode: item?.code ?? null,
            listItemName: item?.name ?? null,
            industry: item?.industry ?? null,
            accusedName: input.accusedName,
            accusedDepartmentId,
            business: input.business ? { name: input.business.name, creditCode: input.business.creditCode ?? null } : null,
            town: input.town,
            evidence: [...new Set(input.evidence)],
            contact: input.contact,
            confidential: input.confidential,
            status: "submitted",
            routing: {
              ruleId: decision.ruleId,
              ruleName: decision.ruleName,
              explanation: decision.explanation,
              plainReason: decision.plainReason,
              departmentId: decision.department?._id ?? null,
              coDepartmentIds: decision.coDepartments.map((d) => d._id),
              hotline: decision.hotline,
            },
            moderation: needsCheck ? "pending" : "unchecked",
            timeline: [
              timelineEntry({ action: "submit", actorId: actor.userId, actorRole: actor.role, from: null, to: "submitted", note: channel === "phone" ? "12345 热线电话登记" : null }),
              timelineEntry({ action: "route", actorId: null, actorRole: "system", from: "submitted", to: "submitted", note: decision.explanation, internal: true }),
            ],
          },
        ],
        { session },
      );
      let complaint = created.toObject() as ComplaintRecord;
      if (input.evidence.length) {
        const attached = await UploadModel.updateMany({ _id: { $in: complaint.evidence }, ownerId: actor.userId, complaintId: null }, { $set: { complaintId: complaint._id } }, { session });
        if (attached.modifiedCount !== complaint.evidence.length) throw new AppError(400, "upload_not_usable");
      }
      if (needsCheck) await contentCheckTask.schedule({ complaintId: complaint._id.toHexString() }, { session });
      else complaint = await dispatchComplaint(complaint, services, session);
      const body: ComplaintCreated = {
        ticketNo: complaint.ticketNo,
        status: complaint.status,
        statusLabel: STATUS_LABELS[complaint.status],
        routing: {
          department: decision.department ? presentDepartmentSummary(decision.department) : null,
          coDepartments: decision.coDepartments.map(presentDepartmentSummary),
          hotline: decision.hotline,
          reason: decision.plainReason,
        },
        followUp:
          channel === "phone"
            ? `请告知来电人受理编号 ${complaint.ticketNo}，可拨打 12345 查询进度。`
            : `请记下受理编号 ${complaint.ticketNo}。可在“我的—我反映的问题”中查看进度、补充材料，部门答复后请对办理结果进行评价。`,
        createdAt: complaint.createdAt.toISOString(),
      };
      if (keyId) {
        await IdempotencyModel.create([{ _id: keyId, requestHash: hash, status: 201, body, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) }], { session });
      }
      return { status: 201, body };
    });
    services.queue.nudge();
    return result;
  } catch (err) {
    // A concurrent retry with the same key committed first: answer as it did.
    if (keyId && (err as { code?: number }).code === 11000) {
      const previous = await replay(keyId, hash);
      if (previous) return previous;
    }
    throw err;
  }
}

async function replay(keyId: string, hash: string): Promise<CreateResult | null> {
  const previous = await IdempotencyModel.findById(keyId).lean();
  if (!previous) return null;
  if (previous.requestHash !== hash) throw IdempotencyKeyReusedError();
  return { status: previous.status, body: previous.body as ComplaintCreated };
}
