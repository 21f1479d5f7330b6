import { api } from "./api";
import { apiUrl, call } from "./request";

/** Period (CST dates, inclusive) and department of the statistics. */
export interface StatsFilters {
  from?: string;
  to?: string;
  department?: string;
}

/**
 * Efficiency statistics over a period, in total and per department (department staff get
 * their own department only).
 * @param filters period and department.
 * @returns the figures.
 */
export function getStaffStats(filters: StatsFilters) {
  return call(api.staffStats.get, { query: { ...filters, format: "json" } });
}

/**
 * The address of the same table as CSV (UTF-8 with BOM, opens in Excel). It needs the
 * caller's access token in the Authorization header, like every staff route.
 * @param filters period and department.
 * @returns the URL.
 */
export function staffStatsCsvUrl(filters: StatsFilters): string {
  return apiUrl(api.staffStats.get.path, undefined, { ...filters, format: "csv" });
}

/**
 * Public aggregate figures (no department, no complaint).
 * @param filters the period.
 * @returns the summary.
 */
export function getPublicStatsSummary(filters: { from?: string; to?: string } = {}) {
  return call(api.publicStats.summary, { query: filters });
}
