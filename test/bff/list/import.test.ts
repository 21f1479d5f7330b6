import { parseEditionFile } from "../../../bff/src/list/import/parseEdition";
import { splitMeasures } from "../../../bff/src/list/import/rowsToItems";
import { officialCsv, officialXlsx } from "../../support/listFiles";

describe("official list import parsing", () => {
  it("reads merged cells, section rows and multi-line measures from .xlsx", async () => {
    const file = await officialXlsx([
      { title: "一、禁止准入类", rows: [{ no: 1, name: "法律法规明确设立的禁止性规定", code: "100001", measures: ["不得违反禁止性规定"], departments: "各有关部门" }] },
      {
        title: "二、许可准入类",
        rows: [
          { no: 2, name: "未获得许可，不得从事食品经营", code: "200101", measures: ["1．食品经营许可\n2．食品添加剂生产许可", "3．保健食品注册"], departments: "市场监管总局" },
          { no: 3, name: "未获得许可，不得从事燃气经营", code: "200102", measures: ["燃气经营许可"], departments: "住房城乡建设部", local: "瓶装燃气供应站点设置许可（地方）" },
        ],
      },
    ]);
    const r = await parseEditionFile(file, "2025.xlsx");
    expect(r.errors).toEqual([]);
    expect(r.items).toHaveLength(3);
    const [prohibited, food, gas] = r.items;
    expect(prohibited.category).toBe("禁止准入类");
    expect(food.category).toBe("许可准入类");
    expect(food.measures.map((m) => m.text)).toEqual(["食品经营许可", "食品添加剂生产许可", "保健食品注册"]);
    expect(food.departments).toEqual(["市场监管总局"]);
    expect(gas.measures).toEqual([
      { text: "燃气经营许可", local: false },
      { text: "瓶装燃气供应站点设置许可（地方）", local: true },
    ]);
  });

  it("reads CSV where merged cells were exported as empty cells", async () => {
    const csv = officialCsv([
      { no: 1, name: "未获得许可，不得从事快递业务", code: "200201", measures: ["快递业务经营许可", "快递末端网点备案（除外）"], departments: "国家邮政局" },
    ]);
    const r = await parseEditionFile(csv, "list.csv");
    expect(r.errors).toEqual([]);
    expect(r.items[0].measures).toHaveLength(2);
  });

  it("reports problems with the row number users see in the spreadsheet", async () => {
    const csv = officialCsv([
      { no: 1, name: "甲事项", code: "20A001", measures: ["甲许可"], departments: "某部" },
      { no: 2, name: "", code: "200002", measures: ["乙许可"], departments: "某部" },
      { no: 3, name: "丙事项", code: "200003", measures: [""], departments: "" },
    ]);
    const r = await parseEditionFile(csv, "bad.csv");
    expect(r.errors.map((e) => e.message)).toEqual([
      "第 2 行：事项编码“20A001”格式不正确（应为 6 位数字）",
      "第 3 行：缺少禁止或许可事项名称",
      "第 4 行：事项“丙事项”没有准入措施描述",
    ]);
    expect(r.warnings[0].message).toContain("第 4 行");
  });

  it("refuses files without the official header or of another format", async () => {
    const r = await parseEditionFile(Buffer.from("a,b\n1,2"), "x.csv");
    expect(r.errors[0].message).toContain("找不到表头列");
    expect((await parseEditionFile(Buffer.from("x"), "x.pdf")).errors[0].message).toContain(".xlsx");
    expect((await parseEditionFile(Buffer.from("not json"), "x.json")).errors[0].message).toContain("JSON");
  });

  it("explains an unreadable spreadsheet in Chinese, without the parser's internals", async () => {
    const r = await parseEditionFile(Buffer.from("这不是表格"), "2025.xlsx");
    expect(r.items).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^无法读取文件：不是有效的 Excel/);
    expect(r.errors[0].message).not.toMatch(/central|directory|Error|undefined/i);
  });

  it("splits numbered measures and keeps wrapped lines together", () => {
    expect(splitMeasures("1.甲许可\n（适用于某情形）\n2.乙许可")).toEqual(["甲许可（适用于某情形）", "乙许可"]);
    expect(splitMeasures("甲许可\n乙许可")).toEqual(["甲许可", "乙许可"]);
    expect(splitMeasures("食品经营许可\n（仅销售预包装食品的实行备案）\n乙许可")).toEqual(["食品经营许可（仅销售预包装食品的实行备案）", "乙许可"]);
  });
});
