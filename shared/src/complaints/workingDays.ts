/**
 * Working-day arithmetic on an official calendar (data: holidays and 调休 working weekends),
 * in China Standard Time (UTC+8, no daylight saving).
 */
export interface WorkCalendar {
  /** Dates (YYYY-MM-DD) that are days off although they may fall on weekdays. */
  holidays: ReadonlySet<string>;
  /** Weekend dates that are working days (调休上班). */
  workdays: ReadonlySet<string>;
}

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The CST calendar date of an instant, as YYYY-MM-DD. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a CST date is a working day. */
export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function nextDate(date: string): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a CST date. */
export function endOfCstDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS - OFFSET_MS - 1);
}

/**
 * The deadline `days` working days after `start`: the day of `start` does not count, so 1 working
 * day after a Friday afternoon (or a holiday) is the end of the next working day.
 * @param start when the clock starts.
 * @param days working days allowed (≥ 1).
 * @param calendar the working-day calendar.
 * @returns the end (23:59:59.999 CST) of the last allowed working day.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkCalendar): Date {
  if (!Number.isInteger(days) || days < 1) throw new Error("days must be a positive integer");
  let date = cstDate(start);
  let counted = 0;
  for (let guard = 0; guard < 3_660; guard++) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) {
      counted++;
      if (counted === days) return endOfCstDay(date);
    }
  }
  throw new Error("calendar has no working days");
}

/**
 * Working hours between two instants, counting 8 hours per working day pro rata (for efficiency
 * statistics: time to accept/reply/close in working hours).
 * @param from start.
 * @param to end.
 * @param calendar the working-day calendar.
 * @returns elapsed working hours (0 when to ≤ from).
 */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  if (to <= from) return 0;
  let hours = 0;
  let cursor = from.getTime();
  const end = to.getTime();
  while (cursor < end) {
    const date = cstDate(new Date(cursor));
    const dayEnd = endOfCstDay(date).getTime() + 1;
    const sliceEnd = Math.min(dayEnd, end);
    if (isWorkingDay(date, calendar)) hours += ((sliceEnd - cursor) / DAY_MS) * 8;
    cursor = sliceEnd;
  }
  return Math.round(hours * 100) / 100;
}
