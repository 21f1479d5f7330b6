import path from "node:path";
import type { ListItemData } from "../listItem";
import { readCsv, readXlsx } from "./readers";
import { rowsToItems, type ImportResult } from "./rowsToItems";
import { keyRows } from "./table";

interface SampleFile {
  items: (Omit<ListItemData, "editionCode" | "sample"> & { verified?: boolean })[];
  notice?: string;
}

/**
 * Parses an edition file: the official table as .xlsx or .csv, or JSON in the sample's format.
 * @param buffer the file contents.
 * @param filename its name (the extension decides the format).
 * @param onProgress progress callback for long files.
 * @returns items with row-numbered errors and warnings.
 */
export async function parseEditionFile(
  buffer: Buffer,
  filename: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult & { notice?: string }> {
  const ext = path.extname(filename).toLowerCase();
  if (ext === ".json") return parseJson(buffer);
  let grid: string[][];
  try {
    grid = ext === ".xlsx" ? await readXlsx(buffer) : ext === ".csv" ? readCsv(buffer) : [];
  } catch {
    // The parsers' own messages are English internals ("Can't find end of central directory").
    const what = ext === ".xlsx" ? "不是有效的 Excel（.xlsx）文件，可能已损坏或实为其他格式，请用 Excel 另存为 .xlsx 后重试" : "无法按 CSV 读取，请确认是 UTF-8 或 GBK 编码的逗号分隔文件";
    return { items: [], errors: [{ row: 0, message: `无法读取文件：${what}` }], warnings: [] };
  }
  if (ext !== ".xlsx" && ext !== ".csv") {
    return { items: [], errors: [{ row: 0, message: "只支持 .xlsx、.csv 或 .json 文件" }], warnings: [] };
  }
  const { rows, missing } = keyRows(grid);
  if (missing.length) {
    return { items: [], errors: [{ row: 0, message: `找不到表头列：${missing.join("、")}（应包含 项目号、禁止或许可事项、事项编码、禁止或许可准入措施描述、主管部门、地方性许可事项）` }], warnings: [] };
  }
  return rowsToItems(rows, onProgress);
}

function parseJson(buffer: Buffer): ImportResult & { notice?: string } {
  let data: SampleFile;
  try {
    data = JSON.parse(buffer.toString("utf8")) as SampleFile;
  } catch {
    return { items: [], errors: [{ row: 0, message: "JSON 格式不正确" }], warnings: [] };
  }
  if (!Array.isArray(data.items)) return { items: [], errors: [{ row: 0, message: "JSON 中缺少 items 数组" }], warnings: [] };
  const rows = data.items.map((item, i) => ({
    row: i + 1,
    cells: {
      项目号: String(item.no ?? ""),
      禁止或许可事项: item.name ?? "",
      事项编码: item.code ?? "",
      禁止或许可准入措施描述: (item.measures ?? []).filter((m) => !m.local).map((m, k) => `${k + 1}．${m.text}`).join("\n"),
      主管部门: (item.departments ?? []).join("、"),
      地方性许可事项: (item.measures ?? []).filter((m) => m.local).map((m) => m.text).join("\n"),
      行业: item.industry ?? "",
      关键词: (item.keywords ?? []).join("、"),
    },
  }));
  const result = rowsToItems(rows);
  // JSON carries the category and notes explicitly.
  const byCode = new Map(data.items.map((i) => [i.code, i]));
  for (const item of result.items) {
    const src = byCode.get(item.code);
    if (src?.category) item.category = src.category;
    if (src?.note) item.note = src.note;
  }
  return { ...result, notice: data.notice };
}
