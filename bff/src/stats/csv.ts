/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel opens Chinese text correctly), CRLF line
 * ends and RFC 4180 quoting. Written here because the output is a handful of flat tables; the
 * product already parses CSV with csv-parse, and adding csv-stringify for twenty lines was not
 * worth a new dependency. Cells that Excel would run as formulas (=, +, -, @ at the start of
 * text) are prefixed with an apostrophe (CSV injection); plain numbers are written as numbers.
 */
export type Cell = string | number | boolean | null | undefined;

const BOM = "\uFEFF";

function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "是" : "否";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Serialises a header row and data rows.
 * @param header column titles.
 * @param rows the rows, each as long as the header.
 * @returns the CSV text with BOM.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** A rate in [0, 1] as a percentage Excel reads as a number (87.5%), empty when unknown. */
export function percent(rate: number | null): string {
  return rate === null ? "" : `${Math.round(rate * 1000) / 10}%`;
}
