import { readFileSync } from "node:fs";
import path from "node:path";
import { ROUTING_VERSION_COUNTER } from "../complaints/routing";
import { DEFAULT_POLICY } from "../complaints/deadlines";
import { calendarRepository } from "../models/calendar/calendar.repository";
import { nextValue } from "../models/counter/counter.schema";
import { routingRuleRepository, type RoutingRuleFields } from "../models/routingRule/routingRule.repository";
import type { Seeder } from "./seeder";

interface CalendarFile {
  years: Record<string, { source: string; holidays: string[]; workdays: string[] }>;
}

/** The official holiday arrangements shipped with the product (`bff/data/work-calendar.json`). */
export function shippedCalendars(): CalendarFile["years"] {
  return (JSON.parse(readFileSync(path.resolve(__dirname, "../../data/work-calendar.json"), "utf8")) as CalendarFile).years;
}

interface SeedRule {
  name: string;
  priority: number;
  match: Partial<RoutingRuleFields["match"]>;
  target: RoutingRuleFields["target"];
  coDepartments?: string[];
  hotline?: boolean;
}

const EMPTY_MATCH: RoutingRuleFields["match"] = { barrierTypes: [], itemCodes: [], itemDepartments: [], industries: [], keywords: [], towns: [], listScopes: [] };

/**
 * Sample routing for 庐山市 (to be reviewed on deployment): discrimination against non-local and
 * foreign firms to the fair-competition and investment departments; systemic and
 * cross-department barriers and public procurement to the 发改 coordinator; matters on the list
 * to the department that approves them (谁审批、谁监管); delays and approval conditions to the
 * approval bureau. Anything else reaches the coordinator because no rule matches.
 */
export const SAMPLE_RULES: SeedRule[] = [
  { name: "对外地企业设置准入限制 → 市场监管局（公平竞争审查），商务局协办", priority: 10, match: { barrierTypes: ["B07"] }, target: { kind: "department", department: "scjgj" }, coDepartments: ["swj"], hotline: true },
  { name: "违规设置外资准入限制 → 商务局", priority: 20, match: { barrierTypes: ["B08"] }, target: { kind: "department", department: "swj" }, hotline: true },
  { name: "行业壁垒、区域壁垒、新业态推诿、互为前置、类似典型案例 → 发改协调", priority: 30, match: { barrierTypes: ["B03", "B06", "B09", "B10", "B14"] }, target: { kind: "coordinator", department: null }, hotline: true },
  { name: "招标投标、政府采购中的准入限制 → 发改协调", priority: 40, match: { keywords: ["招标", "投标", "政府采购"] }, target: { kind: "coordinator", department: null }, hotline: true },
  { name: "清单事项：谁审批、谁监管（按主管部门对应的本地承办部门）", priority: 100, match: { listScopes: ["on_list"] }, target: { kind: "item_department", department: null } },
  { name: "无故拖延审批、拒办后续手续 → 行政审批局，并派12345工单", priority: 200, match: { barrierTypes: ["B13"] }, target: { kind: "department", department: "xzspj" }, hotline: true },
  { name: "审批依据、条件、流程、告知承诺问题 → 行政审批局", priority: 210, match: { barrierTypes: ["B01", "B02", "B04", "B05", "B11", "B12"] }, target: { kind: "department", department: "xzspj" } },
];

/** The shipped calendars, default time limits and sample routing rules (each written only if missing). */
export const complaintConfigSeeder: Seeder = {
  name: "complaintConfig",
  async run() {
    const done: string[] = [];
    for (const [year, arrangement] of Object.entries(shippedCalendars())) {
      if (await calendarRepository.insertYearIfMissing(Number(year), arrangement)) done.push(`${year} 年工作日历`);
    }
    if (await calendarRepository.insertPolicyIfMissing("*", DEFAULT_POLICY)) done.push("默认办理时限");
    if ((await routingRuleRepository.count()) === 0) {
      const note = "示例分办规则（初始化），部署时请按本地职责核对";
      for (const r of SAMPLE_RULES) {
        const fields: RoutingRuleFields = { name: r.name, priority: r.priority, active: true, match: { ...EMPTY_MATCH, ...r.match }, target: r.target, coDepartments: r.coDepartments ?? [], hotline: r.hotline ?? false };
        const rule = await routingRuleRepository.create({ ...fields, note, updatedBy: null });
        await routingRuleRepository.recordHistory({ ruleId: rule._id, version: 1, change: "created", snapshot: fields, note, editorId: null, editorName: "系统初始化" });
      }
      await nextValue(ROUTING_VERSION_COUNTER);
      done.push(`${SAMPLE_RULES.length} 条示例分办规则`);
    }
    return done.length ? done.join("、") : "已存在";
  },
};
