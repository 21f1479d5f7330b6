import { parse as parseCsv } from "csv-parse/sync";
import type { CellValue } from "exceljs";

/**
 * Reads the first worksheet of an .xlsx file into rows of cell texts; merged cells repeat their value.
 * exceljs is loaded on first use: it is only needed by an import, and loading it with the BFF cost
 * about a seventh of the start-to-ready time.
 */
export async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      // A merged cell reads its master's value, as the published table means it.
      const source = cell.isMerged ? cell.master : cell;
      cells.push(cellText(source.value));
    }
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return grid;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value && value.result !== undefined) return cellText(value.result as CellValue);
  }
  return String(value);
}

/** Reads CSV (UTF-8 with or without BOM, or GB18030 as exported by Excel in Chinese locales). */
export function readCsv(buffer: Buffer): string[][] {
  let text = buffer.toString("utf8");
  if (text.includes("\uFFFD")) text = new TextDecoder("gb18030").decode(buffer);
  return parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}
