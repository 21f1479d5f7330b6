/**
 * Typical cases (典型案例通报): a handled complaint is proposed by staff, the coordinator edits an
 * anonymised text, and publishes it as a 通报 (case library + policy feed, category 典型案例通报).
 *
 *   proposed ──edit──▶ proposed ──publish──▶ published ──unpublish──▶ unpublished ──publish──▶ published
 *       └──reject──▶ rejected
 *
 * Publishing is refused while the anonymity check finds personal data in the public text.
 */
export const CASE_STATUSES = ["proposed", "published", "unpublished", "rejected"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  proposed: "待编辑发布",
  published: "已通报",
  unpublished: "已撤下",
  rejected: "不予采用",
};

/** Where a case comes from: a complaint handled here, or a national 通报 imported with its source. */
export const CASE_ORIGINS = ["complaint", "national"] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];
export const CASE_ORIGIN_LABELS: Record<CaseOrigin, string> = { complaint: "本市投诉办理", national: "国家发展改革委通报" };

/** 地方政府或部门设置准入壁垒 / 经营主体违规进入 (发改体改〔2021〕1670号). */
export const CASE_KINDS = ["barrier", "violation"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = { barrier: "地方政府或部门设置准入壁垒", violation: "经营主体违规进入" };

export const CASE_ACTIONS = ["edit", "publish", "unpublish", "reject"] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_ACTION_LABELS: Record<CaseAction, string> = { edit: "编辑", publish: "发布通报", unpublish: "撤下", reject: "不予采用" };

/** Which statuses each action may start from (who may act is the BFF's case policy). */
export const CASE_TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus | "same" }> = {
  edit: { from: ["proposed", "unpublished"], to: "same" },
  publish: { from: ["proposed", "unpublished"], to: "published" },
  unpublish: { from: ["published"], to: "unpublished" },
  reject: { from: ["proposed"], to: "rejected" },
};

/**
 * Whether a case in a status allows an action.
 * @param action the action.
 * @param status the case's status.
 * @returns true when the transition exists.
 */
export function canCaseTransition(action: CaseAction, status: CaseStatus): boolean {
  return CASE_TRANSITIONS[action].from.includes(status);
}

/**
 * The status after an action.
 * @param action the action.
 * @param status the status before.
 * @returns the status after.
 */
export function caseStatusAfter(action: CaseAction, status: CaseStatus): CaseStatus {
  const to = CASE_TRANSITIONS[action].to;
  return to === "same" ? status : to;
}

/** Kinds of personal data the anonymity check looks for. */
export const PERSONAL_DATA_KINDS = ["name", "phone", "id_number", "credit_code", "business", "email", "address"] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];
export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  name: "个人姓名",
  phone: "电话号码",
  id_number: "身份证号码",
  credit_code: "经营主体统一社会信用代码",
  business: "投诉经营主体名称",
  email: "电子邮箱",
  address: "详细地址（门牌号）",
};
