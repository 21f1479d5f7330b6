import { CASE_TEXT_FIELD_LABELS, PERSONAL_DATA_LABELS, isValidCreditCode, normalizeCreditCode, type AnonymityCheck, type CaseTextField, type PersonalDataFinding, type PersonalDataKind } from "@lushan/shared";

/**
 * Anonymity check (脱敏检查) of the public text of a typical case or a rectification item.
 *
 * Written here rather than taken from a library: the PII detectors on npm target English or
 * Western formats; what matters here are Chinese mobile and landline numbers, 18-digit resident
 * ID numbers (GB 11643), unified social credit codes (GB 32100, check character verified) of
 * market entities, and Chinese names written with honorifics or after labels such as 联系人. On
 * top of the patterns, the complaint's own facts (the complainant's name and phone, the business's
 * name and credit code) are looked for literally, which catches what no pattern can.
 *
 * Names without a label or honorific cannot be recognised reliably by pattern; the complaint's
 * own names are what such a text would most likely contain, and those are checked literally.
 */

/** Facts known to be private for this text (from the complaint it came from). */
export interface PrivateFacts {
  /** Names of private persons (the complainant's contact name). */
  names: string[];
  /** Phone numbers of private persons. */
  phones: string[];
  /** Names of the businesses concerned (the complainant's business). */
  businesses: string[];
  /** Credit codes of those businesses. */
  creditCodes: string[];
  /** Public numbers that may stay (department office phones). */
  allowedPhones?: string[];
}

export const NO_FACTS: PrivateFacts = { names: [], phones: [], businesses: [], creditCodes: [] };

export type CheckedText = Partial<Record<CaseTextField, string | null | undefined>>;

interface Hit {
  kind: PersonalDataKind;
  index: number;
  length: number;
  text: string;
  /** Why it counts, in Chinese. */
  why: string;
}

/** Frequent Chinese surnames (single and compound), for names written with honorifics or labels. */
const COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐"];
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const SURNAME = `(?:${COMPOUND_SURNAMES.join("|")}|[${SURNAMES}])`;
const HAN = "[\\u4e00-\\u9fa5]";

/** 张先生, 李女士, 王建国先生 (王某先生 is anonymised and passes). */
const HONORIFIC = new RegExp(`(${SURNAME})(${HAN}{0,2}?)(先生|女士|小姐)`, "gu");
/** 王老板, 刘经理, 李师傅: the title right after the surname (项目经理, 安装师傅 are not people). */
const TITLED = new RegExp(`(${SURNAME})(老板娘|老板|师傅|经理|阿姨|大爷|大姐|大哥)`, "gu");
/** 联系人：张三, 投诉人李四 … */
const LABELLED = new RegExp(`(联系人|投诉人|举报人|反映人|申请人|当事人|法定代表人|法人代表|法人|负责人|经营者|业主|户主|店主|姓名|来电人)(?:为|是|系|叫|名为)?[：:\\s]*(${SURNAME}${HAN}{1,2})`, "gu");
/** 张三反映, 李四称 … (a surname plus one or two characters right before a speech verb). */
const SPEAKER = new RegExp(`(?<=^|[，。；：、\\s（(“"‘])(${SURNAME}${HAN}{1,2}?)(?=反映|投诉|举报|来电|称|表示|介绍说)`, "gu");
/**
 * Characters that end place, body and role words, so 市场局称, 商户反映, 申请人称, 方案称 or
 * 管理员表示 are not taken for names.
 */
const NOT_NAME_END = /[区市县镇乡村局委办厅司部所院站队会组中心处科股室街路号省州盟旗社人户方者家员众业商主店位校案件门厂场馆行团网企农工商方面]$/u;

const MOBILE = /(?<![\d.])(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?![\d.])/g;
const LANDLINE = /(?<![\d.])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[-\s]?)\d{7,8}(?:-\d{1,4})?(?![\d.])/g;
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/gi;
/** Street numbers (紫阳路12号), building/unit/room (3栋2单元501室) and village groups (新塘村3组). */
const ADDRESS = new RegExp(
  `${HAN}{0,2}(?:路|街|巷|弄|大道)\\d+号(?:院)?(?:\\d+(?:栋|幢|号楼|楼|单元|室))*|\\d+(?:栋|幢|号楼)\\d*(?:单元)?\\d*(?:室|号)?|${HAN}{0,2}村(?:\\d+|[一二三四五六七八九十]+)组`,
  "gu",
);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** Whether an 18-character resident ID number has a correct check character (GB 11643). */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

const digitsOf = (s: string): string => s.replace(/\D/g, "");

/** Masks the middle of what was found, so the explanation itself discloses nothing. */
export function maskFinding(kind: PersonalDataKind, text: string): string {
  const t = text.trim();
  if (kind === "phone") {
    const d = digitsOf(t);
    return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : "****";
  }
  if (kind === "id_number" || kind === "credit_code") return `${t.slice(0, 4)}${"*".repeat(Math.max(t.length - 8, 4))}${t.slice(-4)}`;
  if (kind === "email") {
    const [user, domain] = t.split("@");
    return `${user.slice(0, 1)}***@${domain}`;
  }
  const chars = [...t];
  return chars.length <= 1 ? "*" : `${chars[0]}${"*".repeat(Math.min(chars.length - 1, 6))}`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every occurrence of a literal, case-insensitive. */
function literal(text: string, needle: string): number[] {
  if (!needle) return [];
  const out: number[] = [];
  const re = new RegExp(escapeRegExp(needle), "gi");
  for (const m of text.matchAll(re)) out.push(m.index);
  return out;
}

/** The trade name inside a business name: 庐山市恒达建材有限公司 → 恒达建材. */
export function tradeName(name: string): string {
  return name
    .replace(/^(?:江西省|九江市|庐山市|星子县)+/u, "")
    .replace(/(?:股份有限公司|有限责任公司|有限公司|分公司|公司|个体工商户|专业合作社|合作社|经营部|商行|门市部|工作室|厂|店|馆)$/u, "")
    .trim();
}

function findIn(text: string, facts: PrivateFacts): Hit[] {
  const hits: Hit[] = [];
  const allowed = new Set((facts.allowedPhones ?? []).map(digitsOf).filter(Boolean));
  // Numbers first: ID numbers also look like credit codes, so they claim their span.
  for (const m of text.matchAll(ID_NUMBER)) {
    hits.push({ kind: "id_number", index: m.index, length: m[0].length, text: m[0], why: isValidIdNumber(m[0]) ? "是居民身份证号码" : "形如居民身份证号码" });
  }
  const taken = (i: number, len: number) => hits.some((h) => i < h.index + h.length && h.index < i + len);
  const ownCodes = new Set(facts.creditCodes.map(normalizeCreditCode));
  for (const m of text.matchAll(CREDIT_CODE)) {
    if (taken(m.index, m[0].length)) continue;
    const code = normalizeCreditCode(m[0]);
    if (ownCodes.has(code)) {
      hits.push({ kind: "credit_code", index: m.index, length: m[0].length, text: m[0], why: "是投诉所涉经营主体的统一社会信用代码" });
    } else if (isValidCreditCode(code) && code.startsWith("9")) {
      hits.push({ kind: "credit_code", index: m.index, length: m[0].length, text: m[0], why: "是企业、个体工商户等经营主体的统一社会信用代码（机关、事业单位的代码可以公开）" });
    }
  }
  for (const m of text.matchAll(MOBILE)) {
    if (taken(m.index, m[0].length) || allowed.has(digitsOf(m[0]))) continue;
    hits.push({ kind: "phone", index: m.index, length: m[0].length, text: m[0], why: "是手机号码" });
  }
  for (const m of text.matchAll(LANDLINE)) {
    if (taken(m.index, m[0].length) || allowed.has(digitsOf(m[0]))) continue;
    hits.push({ kind: "phone", index: m.index, length: m[0].length, text: m[0], why: "是固定电话号码" });
  }
  // The complaint's own phone numbers, however they are written (spaces, dashes).
  for (const phone of facts.phones.map(digitsOf).filter((p) => p.length >= 7)) {
    const spaced = new RegExp(phone.split("").map(escapeRegExp).join("[-\\s]?"), "g");
    for (const m of text.matchAll(spaced)) {
      if (!taken(m.index, m[0].length)) hits.push({ kind: "phone", index: m.index, length: m[0].length, text: m[0], why: "是投诉人的联系电话" });
    }
  }
  for (const m of text.matchAll(ADDRESS)) {
    if (!taken(m.index, m[0].length)) hits.push({ kind: "address", index: m.index, length: m[0].length, text: m[0], why: "是具体到门牌、楼栋或村组的地址" });
  }
  for (const m of text.matchAll(EMAIL)) hits.push({ kind: "email", index: m.index, length: m[0].length, text: m[0], why: "是电子邮箱地址" });
  for (const name of facts.names.map((n) => n.trim()).filter((n) => [...n].length >= 2 && !n.includes("某"))) {
    for (const i of literal(text, name)) if (!taken(i, name.length)) hits.push({ kind: "name", index: i, length: name.length, text: name, why: "是投诉人的姓名" });
  }
  for (const business of facts.businesses.map((b) => b.trim()).filter(Boolean)) {
    const names = [business, tradeName(business)].filter((n, i, all) => [...n].length >= 2 && !n.includes("某") && all.indexOf(n) === i);
    for (const n of names) {
      for (const i of literal(text, n)) if (!taken(i, n.length)) hits.push({ kind: "business", index: i, length: n.length, text: n, why: "是投诉所涉经营主体的名称" });
    }
  }
  for (const m of [...text.matchAll(HONORIFIC), ...text.matchAll(TITLED)]) {
    if ((m[2] ?? "").includes("某") || taken(m.index, m[0].length)) continue;
    hits.push({ kind: "name", index: m.index, length: m[0].length, text: m[0], why: "是以姓氏加称谓指称的个人" });
  }
  for (const m of text.matchAll(LABELLED)) {
    const name = m[2];
    const at = m.index + m[0].length - name.length;
    if (name.includes("某") || NOT_NAME_END.test(name) || taken(at, name.length)) continue;
    hits.push({ kind: "name", index: at, length: name.length, text: name, why: `写在“${m[1]}”之后，像是个人姓名` });
  }
  for (const m of text.matchAll(SPEAKER)) {
    const name = m[1];
    if (name.includes("某") || NOT_NAME_END.test(name) || taken(m.index, name.length)) continue;
    hits.push({ kind: "name", index: m.index, length: name.length, text: name, why: "像是反映问题的个人的姓名" });
  }
  return hits.sort((a, b) => a.index - b.index);
}

const ADVICE: Record<PersonalDataKind, string> = {
  name: "请改为“张某”“李某某”或“投诉人”",
  phone: "请删除，或写作“联系电话（略）”",
  id_number: "请删除",
  credit_code: "请删除",
  business: "请改为“某企业”“某建材公司”等说法",
  email: "请删除",
  address: "请只写到乡镇（街道），删除门牌号、楼栋或村组",
};

/**
 * Looks for personal data in the public text fields.
 * @param fields the text, by field.
 * @param facts private facts of the complaint the text came from.
 * @param labels field names for the explanation when the text is not a case's (e.g. 公开说明).
 * @returns whether it passed, each finding (masked) and a Chinese explanation.
 */
export function checkAnonymity(fields: CheckedText, facts: PrivateFacts = NO_FACTS, labels: Partial<Record<CaseTextField, string>> = {}): AnonymityCheck {
  const findings: PersonalDataFinding[] = [];
  for (const field of Object.keys(CASE_TEXT_FIELD_LABELS) as CaseTextField[]) {
    const label = labels[field] ?? CASE_TEXT_FIELD_LABELS[field];
    const text = fields[field];
    if (!text) continue;
    for (const hit of findIn(text, facts)) {
      const excerpt = maskFinding(hit.kind, hit.text);
      findings.push({
        kind: hit.kind,
        field,
        index: hit.index,
        excerpt,
        message: `${label}第 ${hit.index + 1} 个字起的“${excerpt}”${hit.why}，属于${PERSONAL_DATA_LABELS[hit.kind]}，${ADVICE[hit.kind]}。`,
      });
    }
  }
  return { passed: findings.length === 0, findings, explanation: explain(findings) };
}

function explain(findings: PersonalDataFinding[]): string {
  if (findings.length === 0) return "未发现个人姓名、电话号码、身份证号码、经营主体信用代码或名称等个人信息，可以发布。";
  const byKind = new Map<PersonalDataKind, number>();
  for (const f of findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${PERSONAL_DATA_LABELS[k]} ${n} 处`).join("、");
  return `公开文本中还有 ${findings.length} 处个人信息（${kinds}），不能发布：${findings.map((f) => f.message).join("")}修改后再发布。`;
}

/**
 * Replaces what the check finds with neutral wording (for the first draft of a proposed case; the
 * coordinator still edits and the check runs again at publication).
 * @param text the text.
 * @param facts private facts of the complaint.
 * @returns the text with findings replaced.
 */
export function redact(text: string, facts: PrivateFacts = NO_FACTS): string {
  const hits = findIn(text, facts);
  let out = "";
  let cursor = 0;
  for (const h of hits) {
    if (h.index < cursor) continue;
    out += text.slice(cursor, h.index) + replacement(h);
    cursor = h.index + h.length;
  }
  return out + text.slice(cursor);
}

function replacement(h: Hit): string {
  switch (h.kind) {
    case "name": {
      const surname = COMPOUND_SURNAMES.find((s) => h.text.startsWith(s)) ?? [...h.text][0];
      return /先生|女士|小姐|老板|师傅|经理|阿姨|大爷|大姐|大哥/u.test(h.text) ? `${surname}某${h.text.match(/(先生|女士|小姐|老板娘|老板|师傅|经理|阿姨|大爷|大姐|大哥)$/u)?.[1] ?? ""}` : `${surname}某`;
    }
    case "business":
      return "某经营主体";
    case "phone":
      return "（电话略）";
    case "email":
      return "（邮箱略）";
    case "address":
      return "（地址略）";
    default:
      return "（号码略）";
  }
}
