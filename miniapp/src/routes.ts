import Taro from "@tarojs/taro";

/**
 * Every page of the app. Tab pages live in the main package; the rest in subpackages by domain
 * (list, policy, complaint, account, staff) so the main package stays small.
 */
export const Pages = {
  home: "/pages/home/index",
  list: "/pages/list/index",
  policy: "/pages/policy/index",
  me: "/pages/me/index",
  item: "/packages/list/item/index",
  check: "/packages/list/check/index",
  post: "/packages/policy/detail/index",
  privacy: "/packages/account/privacy/index",
  staffLogin: "/packages/account/staff-login/index",
  messages: "/packages/account/messages/index",
  subscriptions: "/packages/account/subscriptions/index",
  complaintNew: "/packages/complaint/new/index",
  complaintDetail: "/packages/complaint/detail/index",
  complaintMine: "/packages/complaint/mine/index",
  staffHome: "/packages/staff/home/index",
  staffComplaints: "/packages/staff/complaints/index",
  staffComplaint: "/packages/staff/complaint/index",
  staffPolicies: "/packages/staff/policies/index",
  staffPolicyEdit: "/packages/staff/policy-edit/index",
  staffHotline: "/packages/staff/hotline/index",
  staffPhoneIntake: "/packages/staff/phone-intake/index",
  staffCases: "/packages/staff/cases/index",
  staffCaseEdit: "/packages/staff/case-edit/index",
  staffLedger: "/packages/staff/ledger/index",
  staffLedgerDetail: "/packages/staff/ledger/detail/index",
  staffStats: "/packages/staff/stats/index",
  caseLibrary: "/packages/cases/library/index",
  caseDetail: "/packages/cases/detail/index",
  rectificationBoard: "/packages/cases/board/index",
} as const;

export type PagePath = (typeof Pages)[keyof typeof Pages];

const TAB_PAGES: readonly string[] = [Pages.home, Pages.list, Pages.policy, Pages.me];

/**
 * Builds a page URL with query parameters.
 * @param path the page.
 * @param query parameters; undefined and empty values are left out.
 * @returns the URL for navigateTo.
 */
export function pageUrl(
  path: PagePath,
  query: Record<string, string | number | undefined> = {},
): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `${path}?${pairs.join("&")}` : path;
}

/**
 * Opens a page: switches tab for tab pages (they take no query), navigates otherwise.
 * When the page stack is full (10 on weapp), replaces the current page instead of failing.
 * @param path the page.
 * @param query parameters for non-tab pages.
 */
export async function openPage(
  path: PagePath,
  query?: Record<string, string | number | undefined>,
): Promise<void> {
  if (TAB_PAGES.includes(path)) {
    await Taro.switchTab({ url: path });
    return;
  }
  const url = pageUrl(path, query);
  if (Taro.getCurrentPages().length >= 10) await Taro.redirectTo({ url });
  else await Taro.navigateTo({ url });
}

/**
 * Goes back, or to the home tab when the page was opened directly (shared link, H5 reload).
 */
export async function goBack(): Promise<void> {
  if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
  else await Taro.switchTab({ url: Pages.home });
}
