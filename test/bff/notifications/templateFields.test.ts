import { fieldTypeOf, formatField, templateData } from "../../../bff/src/notifications/templateFields";
import { TEMPLATE_LAYOUTS } from "../../../bff/src/notifications/templates";

const len = (s: string) => [...s].length;

describe("formatField", () => {
  it("cuts thing to 20 characters with an ellipsis", () => {
    const v = formatField("thing", "关于进一步优化市场准入环境、破除隐性壁垒的若干措施解读");
    expect(len(v)).toBe(20);
    expect(v.endsWith("…")).toBe(true);
    expect(formatField("thing", "清单更新")).toBe("清单更新");
  });

  it("keeps thing on one line and never empty", () => {
    expect(formatField("thing", "第一行\n第二行")).toBe("第一行 第二行");
    expect(formatField("thing", "   ")).toBe("无");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(len(formatField("thing", "𠀀".repeat(25)))).toBe(20);
  });

  it("keeps only up to 5 Chinese characters in a phrase", () => {
    expect(formatField("phrase", "已答复待评价")).toBe("已答复待评");
    expect(formatField("phrase", "OK已受理!")).toBe("已受理");
    expect(formatField("phrase", "done")).toBe("有更新");
  });

  it("limits character_string to 32 printable ASCII characters", () => {
    expect(formatField("character_string", "LS202611240001")).toBe("LS202611240001");
    expect(formatField("character_string", "编号LS2026")).toBe("LS2026");
    expect(formatField("character_string", "A".repeat(40))).toHaveLength(32);
  });

  it("formats time and date in 北京时间", () => {
    const at = new Date("2026-11-24T07:01:00Z");
    expect(formatField("time", at)).toBe("2026年11月24日 15:01");
    expect(formatField("date", at)).toBe("2026年11月24日");
    expect(formatField("time", "2026-12-31T16:30:00.000Z")).toBe("2027年1月1日 00:30");
    expect(() => formatField("time", "not a date")).toThrow();
  });

  it("limits numbers, names and phone numbers", () => {
    expect(formatField("number", "共 1,234 项")).toBe("1234");
    expect(formatField("name", "欧阳一二三四五六七八九")).toBe("欧阳一二三四五六七八");
    expect(formatField("name", "Alexander Hamilton Jr. III")).toHaveLength(20);
    expect(formatField("phone_number", "0792-12345 转 8")).toBe("0792-12345  8");
  });
});

describe("fieldTypeOf and templateData", () => {
  it("reads the type from the key", () => {
    expect(fieldTypeOf("thing12")).toBe("thing");
    expect(fieldTypeOf("character_string1")).toBe("character_string");
    expect(() => fieldTypeOf("unknown3")).toThrow();
  });

  it("formats every layout's values within WeChat's limits", () => {
    const facts = { title: "市场准入负面清单（2025年版）已启用：新增 3 项、删除 1 项", at: new Date(), category: "典型案例通报", ticketNo: "LS202611240001", status: "已答复待评价", note: "点击查看办理详情和答复内容" };
    for (const layout of Object.values(TEMPLATE_LAYOUTS)) {
      const data = templateData(layout.values(facts));
      for (const [key, { value }] of Object.entries(data)) {
        const type = fieldTypeOf(key);
        if (type === "thing") expect(len(value)).toBeLessThanOrEqual(20);
        if (type === "phrase") expect(value).toMatch(/^\p{Script=Han}{1,5}$/u);
        if (type === "character_string") expect(value.length).toBeLessThanOrEqual(32);
        if (type === "time") expect(value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
        expect(value.length).toBeGreaterThan(0);
      }
    }
  });
});
