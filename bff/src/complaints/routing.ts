import type { Types } from "mongoose";
import { barrierTypeByCode } from "@lushan/shared";
import { localDepartmentCode } from "../list/departmentMapping";
import type { ListItemData } from "../list/listItem";
import { shortName } from "../list/listIndex";
import type { DepartmentRecord } from "../models/department/department.schema";
import { currentValue } from "../models/counter/counter.schema";
import { routingRuleRepository } from "../models/routingRule/routingRule.repository";
import type { RoutingRuleRecord } from "../models/routingRule/routingRule.schema";
import { describeMatch, ruleMatches, type RoutingFacts } from "./ruleMatcher";

/** Bumped in the transaction of every rule edit; instances reload their cached rules when it moves. */
export const ROUTING_VERSION_COUNTER = "routing-rules";

export interface RoutingInput {
  barrierType: string;
  listScope: string;
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

const COORDINATOR_REASON = "由市发改委统筹协调，确定承办部门后派单办理。";

/**
 * Routing as data: the active rules are read from the database and cached; every instance checks
 * a version counter (bumped by each rule edit) at most every `refreshMs`, so an edit reaches all
 * instances within that time without reloading rules on every complaint. The first rule that
 * matches by priority decides; no match, or a handler that is the department complained about,
 * goes to the 发改 coordinator.
 */
export class RoutingEngine {
  private rules: RoutingRuleRecord[] = [];
  private version = -1;
  private checkedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly refreshMs = 2_000) {}

  /** Makes the next decision re-check the rules (after an edit in this process). */
  invalidate(): void {
    this.checkedAt = 0;
    this.version = -1;
  }

  private async load(): Promise<RoutingRuleRecord[]> {
    if (Date.now() - this.checkedAt > this.refreshMs) {
      // One reload at a time however many requests arrive together.
      this.loading ??= (async () => {
        const version = await currentValue(ROUTING_VERSION_COUNTER);
        if (version !== this.version) {
          this.rules = await routingRuleRepository.listActive();
          this.version = version;
        }
        this.checkedAt = Date.now();
      })().finally(() => (this.loading = null));
      await this.loading;
    }
    return this.rules;
  }

  /**
   * Decides where a complaint goes.
   * @param input the complaint's facts.
   * @param departments departments by code (only active ones receive complaints).
   * @returns the decision with its explanation.
   */
  async decide(input: RoutingInput, departments: Map<string, DepartmentRecord>): Promise<RoutingDecision> {
    const rules = await this.load();
    const active = (code: string | null | undefined) => {
      const d = code ? departments.get(code) : undefined;
      return d && d.active ? d : null;
    };
    const accused = input.accusedDepartmentId;
    const facts: RoutingFacts = {
      barrierType: input.barrierType,
      listScope: input.listScope,
      item: input.listItem,
      town: input.town,
      text: `${input.title}\n${input.description}`,
    };
    const typeName = barrierTypeByCode(input.barrierType)?.name ?? input.barrierType;
    const skipped: string[] = [];
    for (const rule of rules) {
      if (!ruleMatches(rule.match, facts)) continue;
      const base = `命中规则「${rule.name}」（优先级 ${rule.priority}；条件：${describeMatch(rule.match)}）`;
      let department: DepartmentRecord | null = null;
      if (rule.target.kind === "department") {
        department = active(rule.target.department);
        if (!department) {
          skipped.push(`规则「${rule.name}」的承办部门 ${rule.target.department} 不存在或已停用`);
          continue;
        }
      } else if (rule.target.kind === "item_department") {
        department = input.listItem ? active(localDepartmentCode(input.listItem.departments)) : null;
        if (!department) {
          skipped.push(`规则「${rule.name}」找不到清单事项对应的本地承办部门`);
          continue;
        }
      }
      // The department complained about never helps handle the complaint against it.
      const coDepartments = rule.coDepartments
        .map((c) => active(c))
        .filter((d): d is DepartmentRecord => d !== null && !d._id.equals(department?._id ?? "") && !(accused && d._id.equals(accused)));
      const note = skipped.length ? `（已跳过：${skipped.join("；")}）` : "";
      if (department && accused && department._id.equals(accused)) {
        return {
          ruleId: rule._id,
          ruleName: rule.name,
          department: null,
          coDepartments: [],
          hotline: rule.hotline,
          explanation: `${base}，目标为${department.name}；但被反映单位即该部门，按回避原则转发改协调员另行分办${note}`,
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
          explanation: `${base} → 发改协调队列${rule.hotline ? "，同步生成12345工单" : ""}${note}`,
          plainReason: `“${typeName}”类问题往往涉及多个部门，${COORDINATOR_REASON}`,
        };
      }
      const about = input.listItem ? `您反映的事项属于“${shortName(input.listItem.name)}”，按“谁审批、谁监管”` : `“${typeName}”类问题`;
      const helpers = coDepartments.map((d) => d.name).join("、");
      return {
        ruleId: rule._id,
        ruleName: rule.name,
        department,
        coDepartments,
        hotline: rule.hotline,
        explanation: `${base} → ${department.name}${helpers ? `，协办：${helpers}` : ""}${rule.hotline ? "，同步生成12345工单" : ""}${note}`,
        plainReason: `${about}由${department.name}办理${coDepartments.length ? `，${coDepartments.map((d) => d.shortName).join("、")}协助` : ""}。`,
      };
    }
    return {
      ruleId: null,
      ruleName: null,
      department: null,
      coDepartments: [],
      hotline: false,
      explanation: `没有匹配的分办规则 → 发改协调队列${skipped.length ? `（已跳过：${skipped.join("；")}）` : ""}`,
      plainReason: COORDINATOR_REASON,
    };
  }
}
