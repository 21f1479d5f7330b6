import type { Types } from "mongoose";
import type { z } from "zod";
import type { RoutingRuleBody } from "@lushan/shared";
import { withTransaction } from "../db/transaction";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { ROUTING_VERSION_COUNTER } from "../complaints/routing";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { nextValue } from "../models/counter/counter.schema";
import type { DepartmentRecord } from "../models/department/department.schema";
import { routingRuleRepository, type RoutingRuleFields, type RuleChange } from "../models/routingRule/routingRule.repository";
import type { RoutingRuleRecord } from "../models/routingRule/routingRule.schema";
import { UserModel } from "../models/user/user.schema";
import type { Actor } from "../types";

type Body = z.output<typeof RoutingRuleBody>;

function checkDepartments(body: Body, departments: Map<string, DepartmentRecord>): void {
  const codes = [...body.coDepartments, ...(body.target.kind === "department" ? [body.target.department] : [])];
  const missing = codes.filter((c) => !departments.get(c)?.active);
  if (missing.length) throw ValidationError(`部门代码不存在或已停用：${missing.join("、")}`, [{ path: "body.target", message: "部门不存在或已停用" }]);
}

/**
 * Creates or changes a routing rule. Every version is copied to the history with its editor and
 * reason (FixMyStreet's ContactsHistory), the configuration change is audited, and the version
 * counter that tells every instance to reload its rules moves in the same transaction.
 * @param actor the editor.
 * @param body the rule and the reason for the change.
 * @param departments departments by code.
 * @param id the rule to change; absent to create one.
 * @returns the stored rule.
 */
export async function routingRuleWriter(actor: Actor, body: Body, departments: Map<string, DepartmentRecord>, id?: Types.ObjectId): Promise<RoutingRuleRecord> {
  checkDepartments(body, departments);
  const editor = await UserModel.findById(actor.userId, { displayName: 1 }).lean<{ displayName?: string }>();
  const fields: RoutingRuleFields = {
    name: body.name,
    priority: body.priority,
    active: body.active,
    match: body.match,
    target: { kind: body.target.kind, department: body.target.kind === "department" ? body.target.department : null },
    coDepartments: body.coDepartments,
    hotline: body.hotline,
  };
  return withTransaction(async (session) => {
    let rule: RoutingRuleRecord | null;
    let change: RuleChange = "created";
    if (id) {
      const before = await routingRuleRepository.findById(id, session);
      if (!before) throw NotFoundError("分办规则不存在");
      change = before.active && !body.active ? "deactivated" : "updated";
      rule = await routingRuleRepository.update(id, before.version, { ...fields, note: body.note, updatedBy: actor.userId }, session);
      if (!rule) throw ConflictError("该规则刚被他人修改，请刷新后重试");
    } else {
      rule = await routingRuleRepository.create({ ...fields, note: body.note, updatedBy: actor.userId }, session);
    }
    await routingRuleRepository.recordHistory(
      { ruleId: rule._id, version: rule.version, change, snapshot: fields, note: body.note, editorId: actor.userId, editorName: editor?.displayName ?? null },
      session,
    );
    await nextValue(ROUTING_VERSION_COUNTER, session);
    await auditLogRepository.record(
      { actor, action: `routing_rule.${change}`, resourceType: "routing_rule", resourceId: rule._id.toHexString(), details: { name: body.name, note: body.note, version: rule.version } },
      session,
    );
    return rule;
  });
}
