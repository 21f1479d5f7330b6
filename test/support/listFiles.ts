import ExcelJS from "exceljs";

export interface OfficialRow {
  no?: number;
  name: string;
  code: string;
  measures: string[];
  departments: string;
  local?: string;
}

/**
 * An .xlsx laid out like the published table: a title line, the six official columns, section
 * rows, one row per measure with the item's cells merged vertically.
 */
export async function officialXlsx(sections: { title: string; rows: OfficialRow[] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("清单");
  ws.addRow(["市场准入负面清单（2025年版）"]);
  ws.mergeCells(1, 1, 1, 6);
  ws.addRow(["项目号", "禁止或许可事项", "事项编码", "禁止或许可准入措施描述", "主管部门", "地方性许可事项"]);
  for (const section of sections) {
    ws.addRow([section.title]);
    ws.mergeCells(ws.rowCount, 1, ws.rowCount, 6);
    for (const r of section.rows) {
      const first = ws.rowCount + 1;
      r.measures.forEach((m, i) => ws.addRow(i === 0 ? [r.no ?? "", r.name, r.code, m, r.departments, r.local ?? ""] : [null, null, null, m, null, null]));
      const last = ws.rowCount;
      if (last > first) for (const col of [1, 2, 3, 5]) ws.mergeCells(first, col, last, col);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same table as CSV exported from a spreadsheet: merged cells become empty cells. */
export function officialCsv(rows: OfficialRow[]): Buffer {
  const lines = ["项目号,禁止或许可事项,事项编码,禁止或许可准入措施描述,主管部门,地方性许可事项"];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (const r of rows) {
    r.measures.forEach((m, i) => {
      lines.push(i === 0 ? [r.no ?? "", q(r.name), r.code, q(m), q(r.departments), q(r.local ?? "")].join(",") : ["", "", "", q(m), "", ""].join(","));
    });
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}`, "utf8");
}
