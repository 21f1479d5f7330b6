import type { Types } from "mongoose";
import { barrierTypeByCode } from "@lushan/shared";
import { localDepartmentCode } from "../list/departmentMapping";
import type { ListItemData } from "../list/listItem";
import { shortName } from "../list/listIndex";
import type { DepartmentRecord } from "../models/department/department.schema";
import { currentValue } from "../models/counter/counter.schema";
import { RoutingRuleModel, type RoutingRuleRecord } from "../models/routingRule/routingRule.schema";
import { normalize } from "../search/normalize";

export const ROUTING_VERSION_COUNTER = "routing-rules";

export interface RoutingInput {
  barrierType: string;
  listItem: ListItemData | null;
  town: string;
  title: string;
  description: string;
  accusedDepartmentId: Types.ObjectId | null;
}

export interface RoutingDecision {
  ruleId: Types.ObjectId | null;
  ruleName: string | null;
  /** The handling department, or null for the 发改 coordination queue. */
  department: DepartmentRecord | null;
  coDepartments: DepartmentRecord[];
  hotline: boolean;
  /** For staff: which rule and why. */
  explanation: string;
  /** For the complainant, in plain words. */
  plainReason: string;
}

/** Whether a rule's conditions all hold for a complaint (each list: any of its values). */
export function ruleMatches(rule: Pick<RoutingRuleRecord, "match">, input: RoutingInput): boolean {
  const m = rule.match;
  const item = input.listItem;
  if (m.hasItem !== null && m.hasItem !== undefined && m.hasItem !== Boolean(item)) return false;
  if (m.barrierTypes.length && !m.barrierTypes.includes(input.barrierType)) return false;
  if (m.itemCodes.length && !(item && m.itemCodes.includes(item.code))) return false;
  if (m.itemDepartments.length && !(item && item.departments.some((d) => m.itemDepartments.includes(d)))) return false;
  if (m.industries.length && !(item && m.industries.includes(item.industry))) return false;
  if (m.towns.length && !m.towns.includes(input.town)) return false;
  if (m.keywords.length) {
    const text = normalize(`${input.title} ${input.description}`);
    if (!m.keywords.some((k) => text.includes(normalize(k)))) return false;
  }
  return true;
}

function describeMatch(rule: RoutingRuleRecord): string {
  const m = rule.match;
  const parts: string[] = [];
  if (m.barrierTypes.length) parts.push(`问题类型 ${m.barrierTypes.join("/")}`);
  if (m.itemCodes.length) parts.push(`清单事项 ${m.itemCodes.join("/")}`);
  if (m.itemDepartments.length) parts.push(`主管部门 ${m.itemDepartments.join("/")}`);
  if (m.industries.length) parts.push(`行业 ${m.industries.join("/")}`);
  if (m.keywords.length) parts.push(`关键词 ${m.keywords.join("/")}`);
  if (m.towns.length) parts.push(`乡镇 ${m.towns.join("/")}`);
  if (m.hasItem === true) parts.push("涉及清单事项");
  if (m.hasItem === false) parts.push("不涉及清单事项");
  return parts.length ? parts.join("，") : "任何投诉";
}

/**
 * Routing as data: active rules are read from the database (cached; a version counter bumped on
 * every rule edit tells each instance to reload) and the first that matches by priority decides.
 * No match, or a target that is the department complained about, goes to the 发改 coordinator.
 */
export class RoutingEngine {
  private rules: RoutingRuleRecord[] = [];
  private version = -1;
  private checkedAt = 0;

  constructor(private readonly refreshMs = 2_000) {}

  /** Forgets the cached rules (after an edit in this process). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async load(): Promise<RoutingRuleRecord[]> {
    if (Date.now() - this.checkedAt > this.refreshMs) {
      const version = await currentValue(ROUTING_VERSION_COUNTER);
      if (version !== this.version || this.checkedAt === 0) {
        this.rules = await RoutingRuleModel.find({ active: true }).sort({ priority: 1, _id: 1 }).lean<RoutingRuleRecord[]>();
        this.version = version;
      }
      this.checkedAt = Date.now();
    }
    return this.rules;
  }

  /**
   * Decides where a complaint goes.
   * @param input the complaint's facts.
   * @param departments departments by code (active ones are eligible).
   * @returns the decision with its explanation.
   */
  async decide(input: RoutingInput, departments: Map<string, DepartmentRecord>): Promise<RoutingDecision> {
    const rules = await this.load();
    const active = (code: string | null | undefined) => {
      const d = code ? departments.get(code) : undefined;
      return d && d.active ? d : null;
    };
    const typeName = barrierTypeByCode(input.barrierType)?.name ?? input.barrierType;
    for (const rule of rules) {
      if (!ruleMatches(rule, input)) continue;
      let department: DepartmentRecord | null = null;
      const target = rule.target!;
      if (target.kind === "department") {
        department = active(target.department);
        if (!department) continue;
      } else if (target.kind === "item_department") {
        department = input.listItem ? active(localDepartmentCode(input.listItem.departments)) : null;
        if (!department) continue;
      }
      const coDepartments = rule.coDepartments.map((c) => active(c)).filter((d): d is DepartmentRecord => Boolean(d) && !d!._id.equals(department?._id ?? ""));
      const base = `命中规则「${rule.name}」（优先级 ${rule.priority}；条件：${describeMatch(rule)}）`;
      if (department && input.accusedDepartmentId && department._id.equals(input.accusedDepartmentId)) {
        return {
          ruleId: rule._id,
          ruleName: rule.name,
          department: null,
          coDepartments: [],
          hotline: rule.hotline,
          explanation: `${base}，目标为${department.name}；但被反映单位即该部门，按回避原则转发改协调员分办`,
          plainReason: "您反映的正是该事项的承办部门，为保证公正，由市发改委统筹协调、另行确定办理部门。",
        };
      }
      if (!department) {
        return {
          ruleId: rule._id,
          ruleName: rule.name,
          department: null,
          coDepartments,
          hotline: rule.hotline,
          explanation: `${base} → 发改协调队列`,
          plainReason: `“${typeName}”类问题涉及多个部门，由市发改委统筹协调，确定承办部门后派单办理。`,
        };
      }
      const about = input.listItem ? `您反映的事项属于“${shortName(input.listItem.name)}”，按“谁审批、谁监管”` : `“${typeName}”类问题`;
      return {
        ruleId: rule._id,
        ruleName: rule.name,
        department,
        coDepartments,
        hotline: rule.hotline,
        explanation: `${base} → ${department.name}${coDepartments.length ? `，协办：${coDepartments.map((d) => d.name).join("、")}` : ""}${rule.hotline ? "，同步生成12345工单" : ""}`,
        plainReason: `${about}由${department.name}办理${coDepartments.length ? `，${coDepartments.map((d) => d.shortName).join("、")}协助` : ""}。`,
      };
    }
    return {
      ruleId: null,
      ruleName: null,
      department: null,
      coDepartments: [],
      hotline: false,
      explanation: "没有匹配的分办规则 → 发改协调队列",
      plainReason: "由市发改委统筹协调，确定承办部门后派单办理。",
    };
  }
}
