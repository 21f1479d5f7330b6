/** One data row of an official list table, cells keyed by column title; `row` is 1-based as users see it. */
export interface TableRow {
  row: number;
  cells: Record<string, string>;
}

/** The official table's columns (发改体改规〔2025〕466号 annex), plus optional extras. */
export const COLUMNS = {
  no: "项目号",
  name: "禁止或许可事项",
  code: "事项编码",
  measure: "禁止或许可准入措施描述",
  departments: "主管部门",
  local: "地方性许可事项",
  industry: "行业",
  keywords: "关键词",
} as const;

const ALIASES: Record<string, string> = {
  序号: COLUMNS.no,
  项目号: COLUMNS.no,
  事项名称: COLUMNS.name,
  禁止或许可事项: COLUMNS.name,
  事项编码: COLUMNS.code,
  编码: COLUMNS.code,
  措施描述: COLUMNS.measure,
  禁止或许可准入措施描述: COLUMNS.measure,
  准入措施描述: COLUMNS.measure,
  主管部门: COLUMNS.departments,
  地方性许可事项: COLUMNS.local,
  行业: COLUMNS.industry,
  所属行业: COLUMNS.industry,
  关键词: COLUMNS.keywords,
};

/** Maps a header cell to the canonical column title (whitespace and line breaks ignored). */
export function canonicalColumn(header: string): string | null {
  const h = header.replace(/\s+/g, "");
  return ALIASES[h] ?? null;
}

/**
 * Finds the header row among the first rows (official files start with a title line) and turns
 * the following rows into keyed rows.
 * @param grid the sheet as rows of cell texts.
 * @returns keyed rows, or the reason the header was not found.
 */
export function keyRows(grid: string[][]): { rows: TableRow[]; missing: string[] } {
  let headerIndex = -1;
  let columns: (string | null)[] = [];
  for (let i = 0; i < Math.min(grid.length, 15); i++) {
    const mapped = grid[i].map((c) => canonicalColumn(c ?? ""));
    if (mapped.includes(COLUMNS.code) && mapped.includes(COLUMNS.name)) {
      headerIndex = i;
      columns = mapped;
      break;
    }
  }
  if (headerIndex < 0) return { rows: [], missing: [COLUMNS.name, COLUMNS.code, COLUMNS.measure] };
  const missing = [COLUMNS.name, COLUMNS.code, COLUMNS.measure].filter((c) => !columns.includes(c));
  const rows: TableRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const cells: Record<string, string> = {};
    columns.forEach((col, j) => {
      if (col) cells[col] = (grid[i][j] ?? "").trim();
    });
    rows.push({ row: i + 1, cells });
  }
  return { rows, missing };
}
