import { Types } from "mongoose";
import { complaintConfigContract } from "@lushan/shared";
import { routingRuleWriter } from "../../commands/routingRuleWriter";
import { resolveIntakeFacts } from "../../complaints/intakeFacts";
import { NotFoundError } from "../../errors";
import { routingRuleRepository } from "../../models/routingRule/routingRule.repository";
import type { RoutingRuleRecord } from "../../models/routingRule/routingRule.schema";
import { UserModel } from "../../models/user/user.schema";
import { presentDepartmentSummary } from "../../presenters/department";
import { presentRoutingRule, presentRuleHistory } from "../../presenters/routingRule";
import type { Services } from "../../services";
import { register, type ApiRouter } from "../register";

async function present(rules: RoutingRuleRecord[], services: Services) {
  const departments = await services.list.departmentsByCode();
  const ids = [...new Set(rules.map((r) => r.updatedBy?.toHexString()).filter((x): x is string => Boolean(x)))];
  const users = ids.length ? await UserModel.find({ _id: { $in: ids } }, { displayName: 1 }).lean<{ _id: Types.ObjectId; displayName: string }[]>() : [];
  const editors = new Map(users.map((u) => [u._id.toHexString(), u.displayName]));
  return rules.map((r) => presentRoutingRule(r, departments, editors));
}

/** Routing rules as data: list, create, change (with history), try out. */
export function routingRuleRoutes(router: ApiRouter): void {
  register(router, complaintConfigContract.rules, async (ctx) => ({ items: await present(await routingRuleRepository.listAll(), ctx.services) }));

  register(router, complaintConfigContract.previewRouting, async (ctx) => {
    const b = ctx.input.body;
    const { item, departments, accusedDepartmentId } = await resolveIntakeFacts(b, ctx.services);
    const listScope = b.listScope ?? (b.listItemCode ? "on_list" : "unsure");
    const d = await ctx.services.routing.decide({ barrierType: b.barrierType, listScope, listItem: item, town: b.town, title: b.title, description: b.description, accusedDepartmentId }, departments);
    return {
      routing: { department: d.department ? presentDepartmentSummary(d.department) : null, coDepartments: d.coDepartments.map(presentDepartmentSummary), hotline: d.hotline, reason: d.plainReason },
      ruleId: d.ruleId ? d.ruleId.toHexString() : null,
      ruleName: d.ruleName,
      explanation: d.explanation,
    };
  });

  register(router, complaintConfigContract.createRule, async (ctx) => {
    const rule = await routingRuleWriter(ctx.state.actor!, ctx.input.body, await ctx.services.list.departmentsByCode());
    ctx.services.routing.invalidate();
    return (await present([rule], ctx.services))[0];
  });

  register(router, complaintConfigContract.updateRule, async (ctx) => {
    const rule = await routingRuleWriter(ctx.state.actor!, ctx.input.body, await ctx.services.list.departmentsByCode(), new Types.ObjectId(ctx.input.params.id));
    ctx.services.routing.invalidate();
    return (await present([rule], ctx.services))[0];
  });

  register(router, complaintConfigContract.ruleHistory, async (ctx) => {
    const id = new Types.ObjectId(ctx.input.params.id);
    if (!(await routingRuleRepository.exists(id))) throw NotFoundError("分办规则不存在");
    return { items: (await routingRuleRepository.history(id)).map(presentRuleHistory) };
  });
}
