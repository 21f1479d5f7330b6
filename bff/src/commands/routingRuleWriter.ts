import type { Types } from "mongoose";
import type { z } from "zod";
import type { RoutingRuleBody } from "@lushan/shared";
import { withTransaction } from "../db/transaction";
import { NotFoundError, ValidationError } from "../errors";
import { ROUTING_VERSION_COUNTER } from "../complaints/routing";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { nextValue } from "../models/counter/counter.schema";
import { DepartmentModel } from "../models/department/department.schema";
import { RoutingRuleHistoryModel, RoutingRuleModel, type RoutingRuleRecord } from "../models/routingRule/routingRule.schema";
import { UserModel } from "../models/user/user.schema";
import type { Actor } from "../types";

type Body = z.output<typeof RoutingRuleBody>;

async function checkDepartments(body: Body): Promise<void> {
  const codes = [...body.coDepartments, ...(body.target.kind === "department" ? [body.target.department] : [])];
  if (!codes.length) return;
  const found = new Set((await DepartmentModel.find({ code: { $in: codes } }, { code: 1 }).lean()).map((d) => d.code));
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length) throw ValidationError(`部门代码不存在：${missing.join("、")}`);
}

/**
 * Creates or changes a routing rule. Every version is copied to the history with editor and note
 * (FixMyStreet's ContactsHistory), and a version counter tells every instance to reload its rules.
 * @param actor the editor.
 * @param body the rule and the reason for the change.
 * @param id the rule to change; absent to create one.
 * @returns the stored rule.
 */
export async function routingRuleWriter(actor: Actor, body: Body, id?: Types.ObjectId): Promise<RoutingRuleRecord> {
  await checkDepartments(body);
  const editor = await UserModel.findById(actor.userId, { displayName: 1 }).lean();
  const { note, ...snapshot } = body;
  const fields = {
    ...snapshot,
    target: { kind: body.target.kind, department: body.target.kind === "department" ? body.target.department : null },
    note,
    updatedBy: actor.userId,
  };
  return withTransaction(async (session) => {
    let rule: RoutingRuleRecord | null;
    let change: "created" | "updated" | "deactivated" = "created";
    if (id) {
      const before = await RoutingRuleModel.findById(id).session(session).lean<RoutingRuleRecord>();
      if (!before) throw NotFoundError("分办规则不存在");
      change = before.active && !body.active ? "deactivated" : "updated";
      rule = await RoutingRuleModel.findOneAndUpdate({ _id: id }, { $set: fields, $inc: { version: 1 } }, { returnDocument: "after", session }).lean<RoutingRuleRecord>();
    } else {
      const [doc] = await RoutingRuleModel.create([{ ...fields, version: 1 }], { session });
      rule = doc.toObject() as RoutingRuleRecord;
    }
    await RoutingRuleHistoryModel.create(
      [{ ruleId: rule!._id, version: rule!.version, change, snapshot, note, editorId: actor.userId, editorName: editor?.displayName ?? null, at: new Date() }],
      { session },
    );
    await nextValue(ROUTING_VERSION_COUNTER, session);
    await auditLogRepository.record({ actor, action: `routing_rule.${change}`, resourceType: "routing_rule", resourceId: rule!._id.toHexString(), details: { name: body.name, note } }, session);
    return rule!;
  });
}
