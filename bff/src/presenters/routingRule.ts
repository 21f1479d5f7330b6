import type { z } from "zod";
import type { RoutingRuleHistoryEntry, RoutingRuleView } from "@lushan/shared";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { RoutingRuleHistoryRecord, RoutingRuleRecord } from "../models/routingRule/routingRule.schema";
import { presentDepartmentSummary } from "./department";

type RuleView = z.input<typeof RoutingRuleView>;
type Target = RuleView["target"];

function target(t: RoutingRuleRecord["target"]): Target {
  return t.kind === "department" ? { kind: "department", department: t.department ?? "" } : { kind: t.kind };
}

function match(m: Partial<RoutingRuleRecord["match"]> | undefined): RuleView["match"] {
  return {
    barrierTypes: (m?.barrierTypes ?? []) as RuleView["match"]["barrierTypes"],
    itemCodes: m?.itemCodes ?? [],
    itemDepartments: m?.itemDepartments ?? [],
    industries: m?.industries ?? [],
    keywords: m?.keywords ?? [],
    towns: (m?.towns ?? []) as RuleView["match"]["towns"],
    listScopes: (m?.listScopes ?? []) as RuleView["match"]["listScopes"],
  };
}

/**
 * A routing rule for the rule editor.
 * @param r the rule.
 * @param departments departments by code.
 * @param editors editor display names by user id.
 * @returns the view.
 */
export function presentRoutingRule(r: RoutingRuleRecord, departments: Map<string, DepartmentRecord>, editors: Map<string, string>): RuleView {
  const dept = r.target.kind === "department" && r.target.department ? departments.get(r.target.department) : undefined;
  return {
    id: r._id.toHexString(),
    name: r.name,
    priority: r.priority,
    active: r.active,
    match: match(r.match),
    target: target(r.target),
    targetDepartment: dept ? presentDepartmentSummary(dept) : null,
    coDepartments: r.coDepartments.map((c) => departments.get(c)).filter((d): d is DepartmentRecord => d !== undefined).map(presentDepartmentSummary),
    hotline: r.hotline,
    version: r.version,
    note: r.note,
    updatedBy: r.updatedBy ? (editors.get(r.updatedBy.toHexString()) ?? null) : null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** One version of a rule: who changed it, when, why, and what it was after the change. */
export function presentRuleHistory(h: RoutingRuleHistoryRecord): z.input<typeof RoutingRuleHistoryEntry> {
  const s = h.snapshot as RoutingRuleRecord;
  return {
    version: h.version,
    change: h.change as "created" | "updated" | "deactivated",
    note: h.note,
    editor: h.editorName ?? null,
    at: h.at.toISOString(),
    snapshot: { name: s.name, priority: s.priority, active: s.active ?? true, match: match(s.match), target: target(s.target), coDepartments: s.coDepartments ?? [], hotline: Boolean(s.hotline) },
  };
}
