import { BARRIER_TYPE_CODES, type BarrierTypeCode } from "@lushan/shared/barrierTypes";
import { isValidCreditCode, normalizeCreditCode } from "@lushan/shared/creditCode";
import { TOWNS, type Town } from "@lushan/shared/towns";
import type { ComplaintCreateInput } from "@lushan/shared/schemas/complaint";
import { createStore } from "@/stores/createStore";

export type BarrierCode = BarrierTypeCode;
export type ListScope = "on_list" | "not_on_list" | "unsure";

/** An evidence photo kept with the draft once it is uploaded (local files do not outlive the page). */
export interface DraftPhoto {
  key: string;
  /** The server's upload id. */
  uploadId: string;
  /** Where to show it: the local file while the page lives, else the server's link. */
  path: string;
}

/** Everything the complaint form holds; kept on the device until it is sent. */
export interface ComplaintDraft {
  /** The step to reopen at. */
  step: number;
  barrierType: BarrierCode | null;
  listScope: ListScope | null;
  listItem: { code: string; name: string } | null;
  title: string;
  description: string;
  accusedName: string;
  town: Town | null;
  photos: DraftPhoto[];
  businessName: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  confidential: boolean | null;
  /**
   * Made once per draft and sent with every submission of it, so a retry after a lost answer
   * never files a second complaint. Replaced only when the person starts over.
   */
  idempotencyKey: string;
  updatedAt: number;
}

/** The steps, in order. */
export const STEPS = [
  "问题类型",
  "涉及事项",
  "问题经过",
  "证据照片",
  "经营主体和联系人",
  "是否保密",
  "核对提交",
] as const;

export const STEP = {
  barrier: 0,
  list: 1,
  story: 2,
  photos: 3,
  contact: 4,
  confidential: 5,
  review: 6,
} as const;

export const LIMITS = {
  title: 60,
  minDescription: 10,
  description: 2000,
  accused: 60,
  business: 100,
  contactName: 20,
  photos: 9,
} as const;

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A fresh idempotency key (the contract takes 8–64 of A–Z a–z 0–9 _ -).
 * @param random a source of numbers in [0, 1) (for tests).
 * @returns e.g. `cd-lq3k9x-Ab3…` (time part plus 20 random characters).
 */
export function newIdempotencyKey(random: () => number = Math.random): string {
  let tail = "";
  for (let i = 0; i < 20; i++) tail += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length)];
  return `cd-${Date.now().toString(36)}-${tail}`;
}

/**
 * An empty draft with its own idempotency key.
 * @returns the draft.
 */
export function emptyDraft(): ComplaintDraft {
  return {
    step: 0,
    barrierType: null,
    listScope: null,
    listItem: null,
    title: "",
    description: "",
    accusedName: "",
    town: null,
    photos: [],
    businessName: "",
    creditCode: "",
    contactName: "",
    contactPhone: "",
    confidential: null,
    idempotencyKey: newIdempotencyKey(),
    updatedAt: Date.now(),
  };
}

export const DRAFT_STORAGE_KEY = "ls.complaintDraft";

/** The draft being written, persisted on every change (null when there is none). */
export const draftStore = createStore<ComplaintDraft | null>(null, DRAFT_STORAGE_KEY);

/**
 * Changes the draft (creating it when there is none) and keeps it on the device.
 * @param patch the fields to change.
 * @returns the new draft.
 */
export function updateDraft(patch: Partial<ComplaintDraft>): ComplaintDraft {
  const next = { ...(draftStore.get() ?? emptyDraft()), ...patch, updatedAt: Date.now() };
  draftStore.set(next);
  return next;
}

/** Throws the draft away (sent, or the person starts over). */
export function discardDraft(): void {
  draftStore.set(null);
}

/** Whether a draft holds anything the person typed or chose (worth offering to continue). */
export function draftHasContent(d: ComplaintDraft | null): boolean {
  if (!d) return false;
  return Boolean(
    d.barrierType ||
    d.listScope ||
    d.title.trim() ||
    d.description.trim() ||
    d.accusedName.trim() ||
    d.photos.length ||
    d.businessName.trim() ||
    d.contactName.trim() ||
    d.contactPhone.trim(),
  );
}

/**
 * Applies a list item handed over by the item page's 反映问题 button.
 * @param d the draft.
 * @param item the item's code and name.
 * @returns the draft with the item chosen.
 */
export function withListItem(
  d: ComplaintDraft,
  item: { code: string; name: string },
): ComplaintDraft {
  return { ...d, listScope: "on_list", listItem: item, updatedAt: Date.now() };
}

export type DraftErrors = Partial<
  Record<
    | "barrierType"
    | "listScope"
    | "listItem"
    | "title"
    | "description"
    | "accusedName"
    | "town"
    | "businessName"
    | "creditCode"
    | "contactName"
    | "contactPhone"
    | "confidential",
    string
  >
>;

const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK = /[\r\n\t]/;

function checkLine(
  value: string,
  max: number,
  label: string,
  required: boolean,
): string | undefined {
  const v = value.trim();
  if (!v) return required ? `请填写${label}` : undefined;
  if (v.length > max) return `${label}不能超过 ${max} 个字`;
  if (CONTROL.test(v) || LINE_BREAK.test(v)) return `${label}含有不允许的字符`;
  return undefined;
}

/**
 * Checks one step the way the BFF will, so people learn about a problem where they can fix it.
 * @param d the draft.
 * @param step the step index.
 * @returns the errors of that step (empty when it may be left).
 */
export function validateStep(d: ComplaintDraft, step: number): DraftErrors {
  const e: DraftErrors = {};
  switch (step) {
    case STEP.barrier:
      if (!d.barrierType || !BARRIER_TYPE_CODES.includes(d.barrierType))
        e.barrierType = "请选择最接近的问题类型";
      break;
    case STEP.list:
      if (!d.listScope) e.listScope = "请选择是否涉及清单事项";
      else if (d.listScope === "on_list" && !d.listItem) e.listItem = "请搜索并选择涉及的清单事项";
      break;
    case STEP.story: {
      e.title = checkLine(d.title, LIMITS.title, "一句话概括", true);
      const text = d.description.trim();
      if (text.length < LIMITS.minDescription)
        e.description = `请把经过写得具体些（至少 ${LIMITS.minDescription} 个字）`;
      else if (text.length > LIMITS.description)
        e.description = `问题经过不能超过 ${LIMITS.description} 个字`;
      else if (CONTROL.test(text)) e.description = "问题经过含有不允许的字符";
      e.accusedName = checkLine(d.accusedName, LIMITS.accused, "被反映的部门或单位", true);
      if (!d.town || !TOWNS.includes(d.town)) e.town = "请选择发生在哪个乡镇（街道）";
      break;
    }
    case STEP.photos:
      break;
    case STEP.contact: {
      const code = normalizeCreditCode(d.creditCode);
      if (code && !d.businessName.trim()) e.businessName = "填写信用代码时请同时填写企业名称";
      else e.businessName = checkLine(d.businessName, LIMITS.business, "企业名称", false);
      if (code && !isValidCreditCode(code))
        e.creditCode = "统一社会信用代码不正确，请核对 18 位代码";
      e.contactName = checkLine(d.contactName, LIMITS.contactName, "联系人", true);
      const phone = d.contactPhone.trim();
      if (!phone) e.contactPhone = "请填写联系电话";
      else if (!PHONE.test(phone)) e.contactPhone = "请填写正确的手机号或固定电话";
      break;
    }
    case STEP.confidential:
      if (d.confidential === null) e.confidential = "请选择是否对被反映部门保密";
      break;
    default:
      break;
  }
  for (const k of Object.keys(e) as Array<keyof DraftErrors>) if (!e[k]) delete e[k];
  return e;
}

/**
 * The first step with a problem (the review step sends people back there).
 * @param d the draft.
 * @returns the step index, or -1 when every step is complete.
 */
export function firstInvalidStep(d: ComplaintDraft): number {
  for (let s = 0; s < STEP.review; s++) {
    if (Object.keys(validateStep(d, s)).length > 0) return s;
  }
  return -1;
}

/**
 * The request body for POST /api/v1/complaints.
 * @param d a complete draft (see firstInvalidStep).
 * @returns the body.
 */
export function draftToBody(d: ComplaintDraft): ComplaintCreateInput {
  const creditCode = normalizeCreditCode(d.creditCode);
  const businessName = d.businessName.trim();
  return {
    barrierType: d.barrierType!,
    title: d.title.trim(),
    description: d.description.trim(),
    listScope: d.listScope!,
    listItemCode: d.listScope === "on_list" ? (d.listItem?.code ?? null) : null,
    accusedName: d.accusedName.trim(),
    ...(businessName
      ? { business: { name: businessName, ...(creditCode ? { creditCode } : {}) } }
      : {}),
    town: d.town!,
    evidence: d.photos.map((p) => p.uploadId),
    contact: { name: d.contactName.trim(), phone: d.contactPhone.trim() },
    confidential: d.confidential === true,
  };
}
