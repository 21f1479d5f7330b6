import { checkAnonymity, isValidIdNumber, maskFinding, redact, tradeName, type PrivateFacts } from "../../../bff/src/cases/anonymity";
import { nationalCaseFields, readViolationCases } from "../../../bff/src/seed/typicalCases";
import { validCreditCode } from "../../support/complaintFactories";

const facts: PrivateFacts = {
  names: ["刘建华"],
  phones: ["13912345678"],
  businesses: ["庐山市恒达建材有限公司"],
  creditCodes: [validCreditCode("91360483MA35")],
};

/** A resident ID number with a correct check character. */
function idNumber(first17 = "36042919900101123"): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + "10X98765432"[sum % 11];
}

const kinds = (text: string, f: PrivateFacts = facts) => checkAnonymity({ summary: text }, f).findings.map((x) => x.kind);

describe("anonymity check", () => {
  it("passes an anonymised text and says so in Chinese", () => {
    const r = checkAnonymity({ title: "某窗口要求额外证明材料", summary: "刘某反映，某建材企业在办理许可时被要求提供法规没有规定的证明。市场监管局核实后已责令整改。" }, facts);
    expect(r.passed).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.explanation).toContain("未发现");
  });

  it("finds the complainant's own name, phone (however written), business and credit code", () => {
    const code = validCreditCode("91360483MA35");
    const text = `刘建华（电话 139 1234 5678）经营的庐山市恒达建材有限公司（代码${code}）反映，恒达建材被要求……`;
    const r = checkAnonymity({ summary: text }, facts);
    expect(r.passed).toBe(false);
    expect(r.findings.map((f) => f.kind).sort()).toEqual(["business", "business", "credit_code", "name", "phone"]);
    // The explanation masks what it found.
    expect(r.explanation).not.toContain("13912345678");
    expect(r.explanation).not.toContain(code);
    expect(r.explanation).toContain("139****5678");
    expect(r.explanation).toMatch(/不能发布/);
    expect(r.findings.find((f) => f.kind === "name")!.message).toContain("张某");
  });

  it("finds phone numbers, ID numbers and e-mail addresses by pattern", () => {
    expect(kinds("请联系 13800138000 或 0792-2661234", { names: [], phones: [], businesses: [], creditCodes: [] })).toEqual(["phone", "phone"]);
    expect(kinds(`身份证号${idNumber()}`)).toEqual(["id_number"]);
    expect(kinds("邮箱 zhang.san@example.com")).toEqual(["email"]);
    // Department office phones are public.
    expect(checkAnonymity({ summary: "咨询电话 0792-2661234" }, { ...facts, allowedPhones: ["0792-2661234"] }).passed).toBe(true);
    // Numbers that are not phones.
    expect(kinds("罚款 10000 元，涉及 2022 年 8 月 16 日通报，编号 TS20260101-0001")).toEqual([]);
  });

  it("flags credit codes of market entities but not of public bodies", () => {
    expect(kinds(`某个体户（${validCreditCode("92360429MA39")}）`)).toEqual(["credit_code"]);
    expect(kinds(`市场监管局（${validCreditCode("11360429MB18")}）`)).toEqual([]);
  });

  it("finds names written with honorifics or after labels, not anonymised ones", () => {
    expect(kinds("王先生到窗口办理时")).toEqual(["name"]);
    expect(kinds("欧阳女士反映")).toEqual(["name"]);
    expect(kinds("联系人：陈晓明，")).toEqual(["name"]);
    expect(kinds("法定代表人李大伟称")).toEqual(["name"]);
    expect(kinds("王某先生到窗口办理时，联系人：陈某，法定代表人李某某称")).toEqual([]);
    expect(kinds("市场监管局称已整改，高新区向企业道歉")).toEqual([]);
    expect(kinds("李经理说，张师傅反映")).toEqual(["name", "name"]);
  });

  it("does not take roles, bodies or things for names (no false alarms that would block publication)", () => {
    const sentences = [
      "要求项目经理具有本地社保缴纳记录",
      "安装师傅须持证上岗",
      "，商户反映办理时间过长",
      "，申请人称窗口不予受理",
      "，文件称须在本地注册",
      "，方案称",
      "，单位反映",
      "，高校表示",
      "，施工方称",
      "管理员表示",
      "，钟表店反映",
      "，程序员称",
      "，车主反映",
      "，任何单位不得",
      "，周边商户反映",
    ];
    for (const s of sentences) expect([s, kinds(s)]).toEqual([s, []]);
  });

  it("finds street numbers, buildings and village groups, not towns or roads alone", () => {
    expect(kinds("经营场所位于紫阳路12号")).toEqual(["address"]);
    expect(kinds("住在3栋2单元501室")).toEqual(["address"]);
    expect(kinds("家住新塘村3组")).toEqual(["address"]);
    expect(kinds("庐山市南康镇紫阳路沿线的商户")).toEqual([]);
    expect(redact("经营场所位于紫阳路12号，", facts)).toBe("经营场所位于（地址略），");
  });

  it("checks ID check characters and masks findings", () => {
    expect(isValidIdNumber(idNumber())).toBe(true);
    expect(isValidIdNumber(idNumber().slice(0, 17) + (idNumber().endsWith("0") ? "1" : "0"))).toBe(false);
    expect(maskFinding("phone", "139-1234-5678")).toBe("139****5678");
    expect(maskFinding("name", "刘建华")).toBe("刘**");
    expect(tradeName("庐山市恒达建材有限公司")).toBe("恒达建材");
  });

  it("redacts a first draft so that it passes", () => {
    const text = "刘建华经营的庐山市恒达建材有限公司反映，王先生在窗口要求提供额外证明，电话13912345678。";
    const draft = redact(text, facts);
    expect(draft).toBe("刘某经营的某经营主体反映，王某先生在窗口要求提供额外证明，电话（电话略）。");
    expect(checkAnonymity({ summary: draft }, facts).passed).toBe(true);
  });

  it("lets the 15 national cases through (no false alarms on real 通报 text)", () => {
    const file = readViolationCases();
    expect(file.cases).toHaveLength(15);
    for (const c of file.cases) {
      const f = nationalCaseFields(c, file.source_quality_legend);
      const r = checkAnonymity({ title: f.title, summary: f.summary, handling: f.handling, authority: f.authority });
      expect({ id: c.id, findings: r.findings }).toEqual({ id: c.id, findings: [] });
    }
  });
});
