import { Types } from "mongoose";
import { complaintsContract, type RoutingMatch, type RoutingRuleBody } from "@lushan/shared";
import type { z } from "zod";
import { routingRuleWriter } from "../../commands/routingRuleWriter";
import { NotFoundError } from "../../errors";
import { RoutingRuleHistoryModel, RoutingRuleModel, type RoutingRuleRecord } from "../../models/routingRule/routingRule.schema";
import { UserModel } from "../../models/user/user.schema";
import { presentDepartmentSummary } from "../../presenters/department";
import type { Services } from "../../services";
import { register, type ApiRouter } from "../register";

async function presentRules(rules: RoutingRuleRecord[], services: Services) {
  const departments = await services.list.departmentsByCode();
  const editors = new Map((await UserModel.find({ _id: { $in: rules.map((r) => r.updatedBy).filter(Boolean) } }, { displayName: 1 }).lean()).map((u) => [u._id.toHexString(), u.displayName]));
  return rules.map((r) => {
    const target = r.target!;
    const dept = target.kind === "department" && target.department ? departments.get(target.department) : undefined;
    return {
      id: r._id.toHexString(),
      name: r.name,
      priority: r.priority,
      active: r.active,
      match: {
        barrierTypes: r.match?.barrierTypes ?? [],
        itemCodes: r.match?.itemCodes ?? [],
        itemDepartments: r.match?.itemDepartments ?? [],
        industries: r.match?.industries ?? [],
        keywords: r.match?.keywords ?? [],
        towns: r.match?.towns ?? [],
        hasItem: r.match?.hasItem ?? null,
      } as z.output<typeof RoutingMatch>,
      target: target.kind === "department" ? { kind: "department" as const, department: target.department! } : { kind: target.kind as "item_department" | "coordinator" },
      targetDepartment: dept ? presentDepartmentSummary(dept) : null,
      coDepartments: r.coDepartments.map((c) => departments.get(c)).filter((d) => d !== undefined).map((d) => presentDepartmentSummary(d!)),
      hotline: r.hotline,
      version: r.version,
      note: r.note,
      updatedBy: r.updatedBy ? (editors.get(r.updatedBy.toHexString()) ?? null) : null,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** Routing rules as data, editable with history. */
export function routingRuleRoutes(router: ApiRouter): void {
  register(router, complaintsContract.rules, async (ctx) => {
    const rules = await RoutingRuleModel.find({}).sort({ active: -1, priority: 1 }).lean<RoutingRuleRecord[]>();
    return { items: await presentRules(rules, ctx.services) };
  });

  register(router, complaintsContract.createRule, async (ctx) => {
    const rule = await routingRuleWriter(ctx.state.actor!, ctx.input.body);
    ctx.services.routing.invalidate();
    return (await presentRules([rule], ctx.services))[0];
  });

  register(router, complaintsContract.updateRule, async (ctx) => {
    const rule = await routingRuleWriter(ctx.state.actor!, ctx.input.body, new Types.ObjectId(ctx.input.params.id));
    ctx.services.routing.invalidate();
    return (await presentRules([rule], ctx.services))[0];
  });

  register(router, complaintsContract.ruleHistory, async (ctx) => {
    const id = new Types.ObjectId(ctx.input.params.id);
    if (!(await RoutingRuleModel.exists({ _id: id }))) throw NotFoundError("分办规则不存在");
    const rows = await RoutingRuleHistoryModel.find({ ruleId: id }).sort({ version: -1 }).lean();
    return {
      items: rows.map((h) => ({
        version: h.version,
        change: h.change as "created" | "updated" | "deactivated",
        note: h.note,
        editor: h.editorName ?? null,
        at: h.at.toISOString(),
        snapshot: h.snapshot as Omit<z.output<typeof RoutingRuleBody>, "note">,
      })),
    };
  });
}
