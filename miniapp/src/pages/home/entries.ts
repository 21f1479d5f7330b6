import { Pages, type PagePath } from "@/routes";

/** Everyday searches shown under the search box; each is a query people type, not a result. */
export const HOT_SEARCHES = [
  "开饭店",
  "民宿",
  "网约车",
  "药店",
  "网吧",
  "卖烟",
  "快递",
  "加油站",
] as const;

export interface QuickEntry {
  title: string;
  /** One plain sentence saying what it is for. */
  text: string;
  /** A single character drawn as the entry's icon. */
  mark: string;
  tone: "primary" | "success" | "warning";
  page: PagePath;
}

/** The home page's main entries. */
export const QUICK_ENTRIES: QuickEntry[] = [
  {
    title: "准入自查",
    text: "输入经营范围，看能不能做",
    mark: "查",
    tone: "primary",
    page: Pages.check,
  },
  { title: "查清单", text: "按行业浏览负面清单", mark: "单", tone: "success", page: Pages.list },
  {
    title: "我要反映",
    text: "遇到隐性门槛，在线反映",
    mark: "反",
    tone: "primary",
    page: Pages.complaintNew,
  },
  {
    title: "政策动态",
    text: "清单变化与政策解读",
    mark: "策",
    tone: "warning",
    page: Pages.policy,
  },
];
