import { BARRIER_TYPES } from "@lushan/shared/barrierTypes";
import { isValidCreditCode, normalizeCreditCode } from "@lushan/shared/creditCode";
import type { ComplaintCreateInput } from "@lushan/shared/schemas/complaint";
import { TOWNS, type Town } from "@lushan/shared/towns";

/** A phone call as the operator records it. */
export interface PhoneDraft {
  callerName: string;
  callerPhone: string;
  confidential: boolean;
  barrierType: string | null;
  title: string;
  description: string;
  accusedName: string;
  accusedDepartment: string | null;
  town: Town | null;
  businessName: string;
  creditCode: string;
  /** 6-digit list item code, or empty when the caller does not know. */
  itemCode: string;
  listScope: "not_on_list" | "unsure";
}

/** Limits of the intake contract (shared ComplaintValidation; not imported, which would bundle zod). */
const ComplaintValidation = { maxTitle: 60, minDescription: 10, maxDescription: 2_000 } as const;

export type PhoneDraftErrors = Partial<Record<keyof PhoneDraft, string>>;

export const EMPTY_PHONE_DRAFT: PhoneDraft = {
  callerName: "",
  callerPhone: "",
  confidential: false,
  barrierType: null,
  title: "",
  description: "",
  accusedName: "",
  accusedDepartment: null,
  town: null,
  businessName: "",
  creditCode: "",
  itemCode: "",
  listScope: "unsure",
};

const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const ITEM_CODE = /^(?:\d{6}|S\d{4})$/;

/**
 * Checks the record as the intake contract will, so the operator can fix it while still on the
 * phone.
 * @param d the draft.
 * @returns field → Chinese message; empty when it can be filed.
 */
export function validatePhoneDraft(d: PhoneDraft): PhoneDraftErrors {
  const e: PhoneDraftErrors = {};
  if (!d.callerName.trim()) e.callerName = "请填写来电人姓名";
  else if (d.callerName.trim().length > 20) e.callerName = "姓名不能超过 20 个字";
  if (!PHONE.test(d.callerPhone.trim())) e.callerPhone = "请填写正确的手机号或固定电话";
  if (!d.barrierType || !BARRIER_TYPES.some((t) => t.code === d.barrierType))
    e.barrierType = "请选择问题类型";
  if (!d.title.trim()) e.title = "请填写标题";
  else if (d.title.trim().length > ComplaintValidation.maxTitle)
    e.title = `标题不能超过 ${ComplaintValidation.maxTitle} 个字`;
  const description = d.description.trim();
  if (description.length < ComplaintValidation.minDescription)
    e.description = `问题描述至少 ${ComplaintValidation.minDescription} 个字`;
  else if (description.length > ComplaintValidation.maxDescription)
    e.description = `问题描述不能超过 ${ComplaintValidation.maxDescription} 个字`;
  if (!d.accusedName.trim()) e.accusedName = "请填写被反映的单位";
  else if (d.accusedName.trim().length > 60) e.accusedName = "被反映单位不能超过 60 个字";
  if (!d.town || !TOWNS.includes(d.town)) e.town = "请选择乡镇（街道）";
  if (d.creditCode.trim() && !d.businessName.trim())
    e.businessName = "填写信用代码时请同时填写企业名称";
  if (d.creditCode.trim() && !isValidCreditCode(normalizeCreditCode(d.creditCode)))
    e.creditCode = "统一社会信用代码不正确，请核对 18 位代码";
  if (d.itemCode.trim() && !ITEM_CODE.test(d.itemCode.trim())) e.itemCode = "事项编码应为 6 位数字";
  return e;
}

/**
 * The intake request for a valid draft.
 * @param d the draft.
 * @returns the complaint body (the BFF records the channel as phone for operators).
 */
export function phoneComplaintBody(d: PhoneDraft): ComplaintCreateInput {
  const itemCode = d.itemCode.trim();
  const businessName = d.businessName.trim();
  const creditCode = d.creditCode.trim();
  return {
    barrierType: d.barrierType as ComplaintCreateInput["barrierType"],
    title: d.title.trim(),
    description: d.description.trim(),
    ...(itemCode
      ? { listScope: "on_list" as const, listItemCode: itemCode }
      : { listScope: d.listScope, listItemCode: null }),
    accusedName: d.accusedName.trim(),
    ...(d.accusedDepartment ? { accusedDepartment: d.accusedDepartment } : {}),
    ...(businessName
      ? { business: { name: businessName, ...(creditCode ? { creditCode } : {}) } }
      : {}),
    town: d.town as Town,
    evidence: [],
    contact: { name: d.callerName.trim(), phone: d.callerPhone.trim() },
    confidential: d.confidential,
  };
}
