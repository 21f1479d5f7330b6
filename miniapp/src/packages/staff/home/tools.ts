import type { Role } from "@lushan/shared/roles";
import { Pages, type PagePath } from "@/routes";

/** One entry of the workbench's tool grid. */
export interface StaffTool {
  title: string;
  /** One plain sentence saying what it is for. */
  text: string;
  /** A single character drawn as the entry's icon. */
  mark: string;
  page: PagePath;
  query?: Record<string, string>;
  /** Who sees it; everyone with a staff role when left out. */
  roles?: readonly Role[];
}

/**
 * The workbench's tools. Each staff tool page adds its entry here (complaints first; hotline,
 * cases, ledger, stats and the policy editor live in the same subpackage).
 */
export const STAFF_TOOLS: StaffTool[] = [
  {
    title: "投诉办理",
    text: "本部门待办的反映问题",
    mark: "办",
    page: Pages.staffComplaints,
  },
  {
    title: "超期督办",
    text: "已超期或被督办的问题",
    mark: "督",
    page: Pages.staffComplaints,
    query: { queue: "supervision" },
  },
];
