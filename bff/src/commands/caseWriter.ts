import type { CaseProposeBody, CaseUpdateBody } from "@lushan/shared";
import type { z } from "zod";
import { redact } from "../cases/anonymity";
import { privateFactsOf } from "../cases/privateFacts";
import { withTransaction } from "../db/transaction";
import { AuthorizationError, ConflictError, DuplicateError, InvalidTransitionError, NotFoundError } from "../errors";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { complaintRepository } from "../models/complaint/complaint.repository";
import { nextValue } from "../models/counter/counter.schema";
import type { CaseHistoryRecord, TypicalCaseRecord } from "../models/typicalCase/typicalCase.schema";
import { typicalCaseRepository } from "../models/typicalCase/typicalCase.repository";
import { relationOf } from "../policies/complaint";
import { casePolicy } from "../policies/typicalCase";
import type { Actor } from "../types";

type ProposeInput = z.output<typeof CaseProposeBody>;
type UpdateInput = z.output<typeof CaseUpdateBody>;

/** A history entry of a case. */
export function caseHistoryEntry(actor: Actor | null, action: string, note: string | null = null): CaseHistoryRecord {
  return { at: new Date(), action, actorId: actor?.userId ?? null, actorRole: actor?.role ?? "system", note };
}

/** Handled: replied, or closed after a reply (not withdrawn, refused or merged). */
const HANDLED_CLOSE = new Set(["rated", "auto", "staff"]);

/** The CST year of an instant. */
const cstYear = (at: Date): number => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

/**
 * Proposes a handled complaint as a typical case. The handling department's staff or the
 * coordinator may propose; the first draft is generated from the complaint with the personal data
 * the check recognises already replaced (the coordinator edits it before publication).
 * @param actor the proposer.
 * @param input ticket number and reason.
 * @param requestId for the audit log.
 * @returns the new case.
 */
export async function caseProposer(actor: Actor, input: ProposeInput, requestId?: string): Promise<TypicalCaseRecord> {
  const c = await complaintRepository.findByTicketNo(input.ticketNo);
  if (!c) throw NotFoundError("投诉不存在");
  const relation = relationOf(actor, c);
  if (relation === "other") throw NotFoundError("投诉不存在");
  if (relation !== "handling_department" && relation !== "coordinator" && relation !== "admin") throw AuthorizationError("只有承办部门或市发改委协调员可以推荐典型案例");
  const handled = c.status === "replied" || (c.status === "closed" && c.closeReason !== null && HANDLED_CLOSE.has(c.closeReason) && c.reply !== null);
  if (!handled) throw InvalidTransitionError("只有已答复或已办结的投诉可以推荐为典型案例");
  const existing = await typicalCaseRepository.findLiveForComplaint(c._id);
  if (existing) throw DuplicateError(`该投诉已推荐为典型案例（${existing.caseNo}）`);
  const facts = await privateFactsOf(c);
  const now = new Date();
  const year = cstYear(now);
  try {
    return await withTransaction(async (session) => {
      const seq = await nextValue(`case:${year}`, session);
      const created = await typicalCaseRepository.create(
        {
          caseNo: `AL${year}-${String(seq).padStart(4, "0")}`,
          origin: "complaint",
          kind: "barrier",
          status: "proposed",
          title: redact(c.title, facts).slice(0, 64),
          summary: redact(c.description, facts),
          handling: c.reply ? redact(c.reply.text, facts) : null,
          lesson: null,
          barrierType: c.barrierType,
          locality: `江西省九江市庐山市${c.town}`,
          authority: c.accusedName,
          batch: null,
          source: { url: null, label: "庐山市市场准入隐性壁垒投诉办理", quality: "local", note: null },
          relatedItemCodes: c.listItemCode ? [c.listItemCode] : [],
          sample: false,
          complaintId: c._id,
          ticketNo: c.ticketNo,
          departmentId: c.departmentId,
          proposedBy: actor.userId,
          proposedAt: now,
          proposalReason: input.reason,
          liveKey: c._id.toHexString(),
          history: [caseHistoryEntry(actor, "propose", input.reason)],
          version: 1,
        },
        session,
      );
      await auditLogRepository.record({ actor, action: "case.propose", resourceType: "typicalCase", resourceId: created._id.toHexString(), departmentId: c.departmentId, details: { ticketNo: c.ticketNo }, requestId }, session);
      return created;
    });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw DuplicateError("该投诉已推荐为典型案例");
    throw err;
  }
}

/**
 * The coordinator's edit of the public text. Only while the case is not public; the version the
 * editor started from must still be the current one.
 * @param actor the coordinator or an administrator.
 * @param id the case.
 * @param input changed fields.
 * @param requestId for the audit log.
 * @returns the case after the edit.
 */
export async function caseEditor(actor: Actor, id: string, input: UpdateInput, requestId?: string): Promise<TypicalCaseRecord> {
  const c = await typicalCaseRepository.findById(id);
  if (!c) throw NotFoundError("案例不存在");
  casePolicy.authorize(actor, "read", c, { hide: true });
  if (!casePolicy.can(actor, "edit", c)) {
    if (c.status === "published") throw InvalidTransitionError("案例已发布，请先撤下再修改");
    if (c.status === "rejected") throw InvalidTransitionError("案例已不予采用，不能修改");
    throw AuthorizationError("只有协调员可以编辑案例");
  }
  if (c.version !== input.expectedVersion) throw ConflictError(`案例已被他人修改（当前为第 ${c.version} 版），请刷新后再改`);
  const set: Partial<TypicalCaseRecord> = {};
  for (const key of ["title", "summary", "handling", "lesson", "kind", "barrierType", "authority"] as const) {
    if (input[key] !== undefined) (set as Record<string, unknown>)[key] = input[key];
  }
  return withTransaction(async (session) => {
    const after = await typicalCaseRepository.update(c, { $set: set, $push: { history: caseHistoryEntry(actor, "edit") } }, session);
    if (!after) throw ConflictError("案例刚被他人修改，请刷新后再改");
    await auditLogRepository.record({ actor, action: "case.edit", resourceType: "typicalCase", resourceId: id, departmentId: c.departmentId, details: { fields: Object.keys(set) }, requestId }, session);
    return after;
  });
}
