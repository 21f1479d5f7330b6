import { fail } from "../../errors";
import type { Value } from "../../bson/types";

/**
 * The offset of a time zone from UTC at an instant, in ms. Accepts Olson names (`Asia/Shanghai`),
 * offsets (`+08`, `+0800`, `+08:00`) and UTC; anything else fails with 40485 as in mongod.
 */
export function tzOffsetMs(d: Date, tz: Value): number {
  if (tz === undefined || tz === null || tz === "UTC" || tz === "GMT" || tz === "Z") return 0;
  if (typeof tz !== "string") return fail(40517, `timezone must evaluate to a string, found ${typeof tz}`);
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (m) return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  const fmt = formatterFor(tz);
  const p: Record<string, string> = {};
  for (const x of fmt.formatToParts(d)) p[x.type] = x.value;
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(d.getTime() / 1000) * 1000;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    } catch {
      return fail(40485, `unrecognized time zone identifier: "${tz}"`);
    }
    FORMATTERS.set(tz, f);
  }
  return f;
}

/** The UTC instant of a wall-clock time (given as if it were UTC) in a time zone. */
export function fromLocal(localAsUtcMs: number, tz: Value): Date {
  // Two passes settle the offset around DST changes.
  let guess = new Date(localAsUtcMs - tzOffsetMs(new Date(localAsUtcMs), tz));
  guess = new Date(localAsUtcMs - tzOffsetMs(guess, tz));
  return guess;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses a date string as `$dateFromString` / `$toDate` do: ISO 8601 forms or a `format` with
 * %Y %m %d %H %M %S %L %j %z %Z. A string without an offset is read in `timezone` (default UTC).
 * @returns the date, or null when the string does not parse.
 */
export function parseDateString(s: string, format: string | undefined, timezone: Value): Date | null {
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, ms = 0;
  let offset: string | undefined;
  if (format === undefined) {
    const m = ISO.exec(s.trim());
    if (!m) return null;
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4] !== undefined) [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (m[7]) ms = Number(m[7].slice(0, 3).padEnd(3, "0"));
    offset = m[8];
  } else {
    const fields: Record<string, number> = { Y: 1970, m: 1, d: 1, H: 0, M: 0, S: 0, L: 0 };
    let re = "^";
    const order: string[] = [];
    for (let i = 0; i < format.length; i++) {
      const ch = format[i];
      if (ch === "%" && i + 1 < format.length) {
        const spec = format[++i];
        const widths: Record<string, string> = { Y: "(\\d{4})", m: "(\\d{1,2})", d: "(\\d{1,2})", H: "(\\d{1,2})", M: "(\\d{1,2})", S: "(\\d{1,2})", L: "(\\d{1,3})", j: "(\\d{1,3})", z: "([+-]\\d{4})", Z: "([+-]?\\d+)" };
        if (spec === "%") re += "%";
        else if (widths[spec]) {
          re += widths[spec];
          order.push(spec);
        } else return fail(18536, `Invalid format character '%${spec}' in format string`);
      } else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    const m = new RegExp(`${re}$`).exec(s);
    if (!m) return null;
    let dayOfYear: number | null = null;
    order.forEach((spec, i) => {
      const v = m[i + 1];
      if (spec === "z") offset = `${v.slice(0, 3)}:${v.slice(3)}`;
      else if (spec === "Z") {
        const mins = Number(v);
        offset = `${mins < 0 ? "-" : "+"}${String(Math.floor(Math.abs(mins) / 60)).padStart(2, "0")}:${String(Math.abs(mins) % 60).padStart(2, "0")}`;
      } else if (spec === "j") dayOfYear = Number(v);
      else fields[spec] = Number(v);
    });
    [y, mo, d, h, mi, sec, ms] = [fields.Y, fields.m, fields.d, fields.H, fields.M, fields.S, fields.L];
    if (dayOfYear !== null) [mo, d] = [1, dayOfYear];
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (offset !== undefined) {
    if (timezone !== undefined && timezone !== null) fail(40554, "you cannot pass in a date/time string with GMT offset together with a timezone argument");
    if (/^z$/i.test(offset)) return new Date(local);
    return new Date(local - tzOffsetMs(new Date(local), offset.length === 3 ? `${offset}:00` : offset));
  }
  return fromLocal(local, timezone);
}

