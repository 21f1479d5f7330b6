import { Pages } from "@/routes";
import type { StaffTool } from "./home/tools";

/**
 * Workbench entries of the hotline, case, ledger, stats and policy tools, in the order staff use
 * them. The workbench home appends these to its own entries (`[...STAFF_TOOLS, ...STAFF_TOOL_ENTRIES]`);
 * roles follow each page's contract (the pages check again and explain when a role may not use them).
 */
export const STAFF_TOOL_ENTRIES: StaffTool[] = [
  {
    title: "12345 工单",
    text: "领取、签收工单并派单到部门",
    mark: "单",
    page: Pages.staffHotline,
    roles: ["hotline_operator", "admin"],
  },
  {
    title: "电话登记",
    text: "把来电反映的问题登记为投诉",
    mark: "话",
    page: Pages.staffPhoneIntake,
    roles: ["hotline_operator"],
  },
  {
    title: "典型案例",
    text: "推荐办结的投诉，编辑并发布通报",
    mark: "案",
    page: Pages.staffCases,
    roles: ["dept_staff", "dept_admin", "coordinator", "admin"],
  },
  {
    title: "整改台账",
    text: "逐项整改、逾期提醒和销号",
    mark: "改",
    page: Pages.staffLedger,
    roles: ["dept_staff", "dept_admin", "coordinator", "admin"],
  },
  {
    title: "效能统计",
    text: "用时、按时率、满意率和图表",
    mark: "统",
    page: Pages.staffStats,
    roles: ["dept_staff", "dept_admin", "coordinator", "admin"],
  },
  {
    title: "政策动态稿件",
    text: "撰写、发布和撤下政策动态",
    mark: "稿",
    page: Pages.staffPolicies,
    roles: ["dept_staff", "dept_admin", "coordinator", "admin"],
  },
];
