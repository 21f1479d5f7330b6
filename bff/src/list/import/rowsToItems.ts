import type { ListCategory, ListItemData, Measure } from "../listItem";
import { COLUMNS, type TableRow } from "./table";

export interface ImportProblem {
  row: number;
  message: string;
}

export interface ImportResult {
  items: Omit<ListItemData, "editionCode" | "sample">[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

const CODE = /^(?:\d{6}|S\d{4})$/;
const FLAG_YES = /^(是|√|✓|y|yes|有|地方性)$/i;
const FLAG_NO = /^(否|×|n|no|无|-|—|\/)?$/i;

/**
 * Splits a measure cell into measures. When lines are numbered ("1．…", "（二）…") the numbers
 * delimit measures and unnumbered lines continue the previous one (wrapped text); otherwise each
 * line is one measure, except lines that only continue the one before (a remark in parentheses).
 */
export function splitMeasures(cell: string): string[] {
  const lines = cell
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const NUMBERED = /^(?:\d+|[一二三四五六七八九十]+)[.．、)）]\s*|^[（(](?:\d+|[一二三四五六七八九十]+)[）)]\s*/;
  // A line that only adds a remark ("（仅销售预包装食品的实行备案）") or carries on a sentence belongs to the line before.
  const CONTINUES = /^[（(，,、；;）)]/;
  const out: string[] = [];
  const numbered = lines.some((l) => NUMBERED.test(l));
  for (const line of lines) {
    const starts = numbered ? NUMBERED.test(line) : !CONTINUES.test(line) || NUMBERED.test(line);
    if (starts || out.length === 0) out.push(numbered ? line.replace(NUMBERED, "") : line);
    else out[out.length - 1] += line;
  }
  return out;
}

function categoryOf(code: string, section: ListCategory | null): ListCategory | null {
  if (section) return section;
  if (/^1\d{5}$/.test(code) || /^S1/.test(code)) return "禁止准入类";
  if (/^2\d{5}$/.test(code) || /^S2/.test(code)) return "许可准入类";
  return null;
}

/**
 * Turns table rows into list items. Rows of one item are grouped by code: cells left empty under
 * a vertically merged cell inherit from the row above, each row adds its measures, and section
 * rows (一、禁止准入类 / 二、许可准入类) set the category. Every problem names its row.
 * @param rows keyed rows of the table.
 * @param onProgress called every 100 rows.
 * @returns items, errors (blocking) and warnings.
 */
export function rowsToItems(rows: TableRow[], onProgress?: (done: number, total: number) => void): ImportResult {
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const items = new Map<string, ImportResult["items"][number] & { firstRow: number }>();
  let section: ListCategory | null = null;
  let carry: Record<string, string> = {};
  rows.forEach((r, i) => {
    if (i % 100 === 0) onProgress?.(i, rows.length);
    const c = r.cells;
    const joined = Object.values(c).join("");
    if (!joined.trim()) return;
    // A section heading (一、禁止准入类) fills one merged row: every non-empty cell says the same.
    const distinct = new Set(Object.values(c).filter(Boolean));
    const heading = distinct.size === 1 ? [...distinct][0] : c[COLUMNS.code] ? "" : joined;
    if (/禁止准入类/.test(heading) && !CODE.test(c[COLUMNS.code] ?? "")) {
      section = "禁止准入类";
      return;
    }
    if (/许可准入类/.test(heading) && !CODE.test(c[COLUMNS.code] ?? "")) {
      section = "许可准入类";
      return;
    }
    // Item-level columns continue down a vertically merged block (exported as empty cells).
    const startsNew = Boolean(c[COLUMNS.code]) || Boolean(c[COLUMNS.no]);
    const itemCells = startsNew ? c : { ...carry, ...Object.fromEntries(Object.entries(c).filter(([, v]) => v)) };
    if (startsNew) carry = c;
    const code = (itemCells[COLUMNS.code] ?? "").replace(/\s+/g, "");
    const name = (itemCells[COLUMNS.name] ?? "").replace(/\s+/g, " ").trim();
    if (!code) {
      errors.push({ row: r.row, message: `第 ${r.row} 行：缺少事项编码` });
      return;
    }
    if (!CODE.test(code)) {
      errors.push({ row: r.row, message: `第 ${r.row} 行：事项编码“${code}”格式不正确（应为 6 位数字）` });
      return;
    }
    if (!name) {
      errors.push({ row: r.row, message: `第 ${r.row} 行：缺少禁止或许可事项名称` });
      return;
    }
    const category = categoryOf(code, section);
    if (!category) {
      errors.push({ row: r.row, message: `第 ${r.row} 行：无法判断事项“${name}”属于禁止准入类还是许可准入类` });
      return;
    }
    let item = items.get(code);
    if (!item) {
      const noText = itemCells[COLUMNS.no] ?? "";
      const no = Number.parseInt(noText, 10);
      if (noText && Number.isNaN(no)) warnings.push({ row: r.row, message: `第 ${r.row} 行：项目号“${noText}”不是数字，已按顺序编号` });
      item = {
        no: Number.isNaN(no) ? items.size + 1 : no,
        code,
        name,
        category,
        industry: itemCells[COLUMNS.industry] || "未分类",
        measures: [],
        departments: splitList(itemCells[COLUMNS.departments] ?? ""),
        keywords: splitList(itemCells[COLUMNS.keywords] ?? ""),
        firstRow: r.row,
      };
      items.set(code, item);
    } else if (item.name !== name) {
      errors.push({ row: r.row, message: `第 ${r.row} 行：事项编码 ${code} 已在第 ${item.firstRow} 行用于“${item.name}”，此处名称为“${name}”` });
      return;
    }
    const measureCell = c[COLUMNS.measure] ?? "";
    const localCell = c[COLUMNS.local] ?? "";
    const localFlag = FLAG_YES.test(localCell);
    const measures: Measure[] = splitMeasures(measureCell).map((text) => ({ text, local: localFlag }));
    if (localCell && !localFlag && !FLAG_NO.test(localCell)) {
      // The column holds the text of a local measure.
      for (const text of splitMeasures(localCell)) measures.push({ text, local: true });
    }
    for (const m of measures) if (!item.measures.some((x) => x.text === m.text)) item.measures.push(m);
  });
  onProgress?.(rows.length, rows.length);
  const list = [...items.values()];
  for (const item of list) {
    if (item.measures.length === 0) errors.push({ row: item.firstRow, message: `第 ${item.firstRow} 行：事项“${item.name}”没有准入措施描述` });
    if (item.departments.length === 0) warnings.push({ row: item.firstRow, message: `第 ${item.firstRow} 行：事项“${item.name}”未填写主管部门` });
  }
  const seenNo = new Map<number, string>();
  for (const item of list) {
    const other = seenNo.get(item.no);
    if (other) warnings.push({ row: item.firstRow, message: `第 ${item.firstRow} 行：项目号 ${item.no} 与事项 ${other} 重复` });
    seenNo.set(item.no, item.code);
  }
  return { items: list.map(({ firstRow: _f, ...rest }) => rest), errors, warnings };
}

function splitList(cell: string): string[] {
  return cell
    .split(/[、，,；;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
