import { ROUTING_VERSION_COUNTER } from "../complaints/routing";
import { DEFAULT_POLICY } from "../complaints/deadlines";
import { DeadlinePolicyModel, WorkCalendarModel } from "../models/calendar/calendar.schema";
import { nextValue } from "../models/counter/counter.schema";
import { RoutingRuleHistoryModel, RoutingRuleModel } from "../models/routingRule/routingRule.schema";
import type { Seeder } from "./seeder";

/** 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）. */
export const CALENDAR_2026 = {
  _id: 2026,
  holidays: [
    "2026-01-01", "2026-01-02", "2026-01-03",
    "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
    "2026-04-04", "2026-04-05", "2026-04-06",
    "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
    "2026-06-19", "2026-06-20", "2026-06-21",
    "2026-09-25", "2026-09-26", "2026-09-27",
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
  ],
  workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
  source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
};

interface SeedRule {
  name: string;
  priority: number;
  match: Record<string, unknown>;
  target: { kind: "department" | "item_department" | "coordinator"; department?: string };
  coDepartments?: string[];
  hotline?: boolean;
}

/**
 * Sample routing for 庐山市 (to be reviewed on deployment): licence matters go to the department
 * that approves them (谁审批、谁监管); discrimination against non-local and foreign firms to the
 * fair-competition and investment departments; approval delays to the approval bureau with a
 * 12345 work order; systemic and cross-department barriers to the 发改 coordinator.
 */
export const SAMPLE_RULES: SeedRule[] = [
  { name: "外地企业准入限制 → 市场监管局（公平竞争审查）", priority: 10, match: { barrierTypes: ["B07"] }, target: { kind: "department", department: "scjgj" }, coDepartments: ["swj"], hotline: true },
  { name: "外资准入限制 → 商务局", priority: 20, match: { barrierTypes: ["B08"] }, target: { kind: "department", department: "swj" }, hotline: true },
  { name: "跨部门、互为前置、新业态推诿等系统性问题 → 发改协调", priority: 30, match: { barrierTypes: ["B03", "B06", "B09", "B10", "B14"] }, target: { kind: "coordinator" }, hotline: true },
  { name: "招投标、政府采购中的准入限制 → 发改协调", priority: 40, match: { keywords: ["招标", "投标", "政府采购", "采购"] }, target: { kind: "coordinator" }, hotline: true },
  { name: "清单事项：谁审批、谁监管（按主管部门对应的承办部门）", priority: 100, match: { hasItem: true }, target: { kind: "item_department" } },
  { name: "无故拖延审批 → 行政审批局并派12345工单", priority: 200, match: { barrierTypes: ["B13"] }, target: { kind: "department", department: "xzspj" }, hotline: true },
  { name: "审批条件、依据、流程问题 → 行政审批局", priority: 210, match: { barrierTypes: ["B01", "B02", "B04", "B05", "B11", "B12"] }, target: { kind: "department", department: "xzspj" } },
];

export const complaintConfigSeeder: Seeder = {
  name: "complaintConfig",
  async run() {
    const done: string[] = [];
    if (!(await WorkCalendarModel.exists({ _id: 2026 }))) {
      await WorkCalendarModel.create(CALENDAR_2026);
      done.push("2026 年工作日历");
    }
    if (!(await DeadlinePolicyModel.exists({ _id: "*" }))) {
      await DeadlinePolicyModel.create({ _id: "*", ...DEFAULT_POLICY });
      done.push("默认办理时限");
    }
    if ((await RoutingRuleModel.countDocuments()) === 0) {
      const now = new Date();
      for (const r of SAMPLE_RULES) {
        const fields = {
          name: r.name,
          priority: r.priority,
          active: true,
          match: { barrierTypes: [], itemCodes: [], itemDepartments: [], industries: [], keywords: [], towns: [], hasItem: null, ...r.match },
          target: { kind: r.target.kind, department: r.target.department ?? null },
          coDepartments: r.coDepartments ?? [],
          hotline: r.hotline ?? false,
          note: "示例分办规则（初始化），部署时请按本地职责核对",
        };
        const [doc] = await RoutingRuleModel.create([{ ...fields, version: 1 }]);
        const { note, ...snapshot } = fields;
        await RoutingRuleHistoryModel.create({ ruleId: doc._id, version: 1, change: "created", snapshot: { ...snapshot, target: r.target }, note, editorId: null, editorName: "系统初始化", at: now });
      }
      await nextValue(ROUTING_VERSION_COUNTER);
      done.push(`${SAMPLE_RULES.length} 条示例分办规则`);
    }
    return done.length ? done.join("、") : "已存在";
  },
};
