import { Int32, Long, type ObjectId, type Timestamp } from "bson";
import { isPlainObject, toNumber, isNumberType, typeOf, type Doc, type Value } from "../../bson/types";
import { ErrorCodes, fail } from "../../errors";
import { fromLocal, parseDateString, tzOffsetMs } from "./dateParsing";
import { isNullish, num, type OpContext, type Operator } from "./context";

const DAY = 86_400_000;
const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: DAY, week: 7 * DAY };
const UNITS = ["year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond"];
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const ABBREV = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** A date operand: Date, or the time of an ObjectId / Timestamp, as mongod accepts. */
export function dateOf(v: Value, op: string): Date {
  if (v instanceof Date) return v;
  if (typeOf(v) === "objectId") return (v as ObjectId).getTimestamp();
  if (typeOf(v) === "timestamp") return new Date((v as Timestamp).high * 1000);
  return fail(16006, `can't convert from BSON type ${typeOf(v)} to Date (${op})`);
}

/** Calendar fields of an instant in a time zone. */
function parts(d: Date, tz: Value) {
  const offsetMs = tzOffsetMs(d, tz);
  const local = new Date(d.getTime() + offsetMs);
  const year = local.getUTCFullYear();
  const yday0 = Math.floor((Date.UTC(year, local.getUTCMonth(), local.getUTCDate()) - Date.UTC(year, 0, 1)) / DAY);
  const wday = local.getUTCDay();
  const iso = isoWeek(local);
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    dayOfWeek: wday + 1,
    dayOfYear: yday0 + 1,
    week: Math.floor((yday0 + 7 - wday) / 7),
    isoDayOfWeek: wday === 0 ? 7 : wday,
    isoWeek: iso.week,
    isoWeekYear: iso.year,
    offsetMs,
    localMs: local.getTime(),
  };
}

function isoWeek(local: Date): { week: number; year: number } {
  const day = local.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - day));
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY + 1) / 7);
  return { week, year };
}

/** The date and timezone of `{ date, timezone }`, `[date]` or a bare date expression. */
function dateArg(arg: unknown, c: OpContext): { date: Value; tz: Value } {
  if (isPlainObject(arg) && "date" in arg) {
    for (const k of Object.keys(arg)) if (k !== "date" && k !== "timezone") fail(40535, `unrecognized option to ${c.op}: "${k}"`);
    return { date: c.ev(arg.date), tz: arg.timezone === undefined ? undefined : c.ev(arg.timezone) };
  }
  if (Array.isArray(arg)) {
    if (arg.length !== 1) fail(40536, `${c.op} accepts exactly one argument if given an array, but was given ${arg.length}`);
    return { date: c.ev(arg[0]), tz: undefined };
  }
  return { date: c.ev(arg), tz: undefined };
}

function field(name: keyof ReturnType<typeof parts>): Operator {
  return (arg, c) => {
    const { date, tz } = dateArg(arg, c);
    if (isNullish(date) || (tz === null)) return null;
    return new Int32(parts(dateOf(date, c.op), tz)[name]);
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `$dateToString` formatting. */
export function formatDate(d: Date, format: string, tz: Value): string {
  const p = parts(d, tz);
  return format.replace(/%(.)/g, (_, ch: string) => {
    switch (ch) {
      case "Y":
        return pad(p.year, 4);
      case "m":
        return pad(p.month);
      case "d":
        return pad(p.day);
      case "H":
        return pad(p.hour);
      case "M":
        return pad(p.minute);
      case "S":
        return pad(p.second);
      case "L":
        return pad(p.millisecond, 3);
      case "j":
        return pad(p.dayOfYear, 3);
      case "w":
        return String(p.dayOfWeek);
      case "u":
        return String(p.isoDayOfWeek);
      case "U":
        return pad(p.week);
      case "V":
        return pad(p.isoWeek);
      case "G":
        return pad(p.isoWeekYear, 4);
      case "z": {
        const m = p.offsetMs / 60_000;
        return `${m < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(m) / 60))}${pad(Math.abs(m) % 60)}`;
      }
      case "Z":
        return String(p.offsetMs / 60_000);
      case "%":
        return "%";
      default:
        return fail(18536, `Invalid format character '%${ch}' in format string`);
    }
  });
}

function unitArg(v: Value, op: string): string {
  if (typeof v !== "string" || !UNITS.includes(v)) fail(ErrorCodes.FailedToParse, `${op} parameter 'unit' value cannot be recognized as a time unit: ${String(v)}`);
  return v as string;
}

function startOfWeekArg(v: Value, op: string): number {
  if (v === undefined || v === null) return 0;
  const s = String(v).toLowerCase();
  const i = DAYS.indexOf(s) >= 0 ? DAYS.indexOf(s) : ABBREV.indexOf(s);
  if (i < 0) fail(ErrorCodes.FailedToParse, `${op} parameter 'startOfWeek' value cannot be recognized as a day of a week: ${String(v)}`);
  return i;
}

/** Adds calendar units in a time zone (months clamp to the month's last day, as mongod does). */
function addUnits(d: Date, unit: string, amount: number, tz: Value): Date {
  if (unit !== "day" && unit in UNIT_MS) return new Date(d.getTime() + amount * UNIT_MS[unit]);
  const off = tzOffsetMs(d, tz);
  const local = new Date(d.getTime() + off);
  if (unit === "day") return fromLocal(local.getTime() + amount * DAY, tz);
  const months = unit === "month" ? amount : unit === "quarter" ? amount * 3 : amount * 12;
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const target = Date.UTC(y, m, Math.min(local.getUTCDate(), lastDay), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds());
  return fromLocal(target, tz);
}

/** Local midnight (as UTC ms) of the week containing `localMs`, weeks starting on `startDow`. */
function weekStart(localMs: number, startDow: number): number {
  const dayStart = Math.floor(localMs / DAY) * DAY;
  const dow = new Date(dayStart).getUTCDay();
  return dayStart - ((dow - startDow + 7) % 7) * DAY;
}

function dateSpec(arg: unknown, op: string, allowed: string[], required: string[]): Doc {
  if (!isPlainObject(arg)) return fail(ErrorCodes.FailedToParse, `${op} only supports an object as its argument`);
  for (const k of Object.keys(arg)) if (!allowed.includes(k)) fail(ErrorCodes.FailedToParse, `Unrecognized argument to ${op}: ${k}. Expected arguments are ${allowed.join(", ")}`);
  for (const k of required) if (!(k in arg)) fail(ErrorCodes.FailedToParse, `Missing '${k}' parameter to ${op}`);
  return arg;
}

/** Date operators. */
export const DATES: Record<string, Operator> = {
  $year: field("year"),
  $month: field("month"),
  $dayOfMonth: field("day"),
  $hour: field("hour"),
  $minute: field("minute"),
  $second: field("second"),
  $millisecond: field("millisecond"),
  $dayOfWeek: field("dayOfWeek"),
  $dayOfYear: field("dayOfYear"),
  $week: field("week"),
  $isoWeek: field("isoWeek"),
  $isoWeekYear: field("isoWeekYear"),
  $isoDayOfWeek: field("isoDayOfWeek"),
  $dateToString(arg, c) {
    const spec = dateSpec(arg, "$dateToString", ["date", "format", "timezone", "onNull"], ["date"]);
    const v = c.ev(spec.date);
    if (isNullish(v)) return "onNull" in spec ? c.ev(spec.onNull) : null;
    const fmt = spec.format === undefined ? "%Y-%m-%dT%H:%M:%S.%LZ" : c.ev(spec.format);
    if (typeof fmt !== "string") return fail(18533, `$dateToString requires that 'format' be a string, found: ${typeOf(fmt)}`);
    const tz = spec.timezone === undefined ? undefined : c.ev(spec.timezone);
    if (tz === null) return null;
    return formatDate(dateOf(v, "$dateToString"), fmt, tz);
  },
  $dateFromString(arg, c) {
    const spec = dateSpec(arg, "$dateFromString", ["dateString", "format", "timezone", "onError", "onNull"], ["dateString"]);
    const v = c.ev(spec.dateString);
    if (isNullish(v)) return "onNull" in spec ? c.ev(spec.onNull) : null;
    const tz = spec.timezone === undefined ? undefined : c.ev(spec.timezone);
    const format = spec.format === undefined ? undefined : c.ev(spec.format);
    if (typeof v !== "string") {
      if ("onError" in spec) return c.ev(spec.onError);
      return fail(241, `$dateFromString requires that 'dateString' be a string, found: ${typeOf(v)} with value ${String(v)}`);
    }
    const d = parseDateString(v, format === undefined || format === null ? undefined : String(format), tz);
    if (!d) {
      if ("onError" in spec) return c.ev(spec.onError);
      return fail(241, `Error parsing date string '${v}'`);
    }
    return d;
  },
  $dateToParts(arg, c) {
    const spec = dateSpec(arg, "$dateToParts", ["date", "timezone", "iso8601"], ["date"]);
    const v = c.ev(spec.date);
    if (isNullish(v)) return null;
    const p = parts(dateOf(v, "$dateToParts"), spec.timezone === undefined ? undefined : c.ev(spec.timezone));
    const tail = { hour: p.hour, minute: p.minute, second: p.second, millisecond: p.millisecond };
    if (spec.iso8601 === true) return { isoWeekYear: p.isoWeekYear, isoWeek: p.isoWeek, isoDayOfWeek: p.isoDayOfWeek, ...tail };
    return { year: p.year, month: p.month, day: p.day, ...tail };
  },
  $dateFromParts(arg, c) {
    const allowed = ["year", "month", "day", "hour", "minute", "second", "millisecond", "isoWeekYear", "isoWeek", "isoDayOfWeek", "timezone"];
    const spec = dateSpec(arg, "$dateFromParts", allowed, []);
    const get = (k: string, def: number) => {
      if (spec[k] === undefined) return def;
      const v = c.ev(spec[k]);
      if (isNullish(v)) return null;
      if (!isNumberType(typeOf(v)) || !Number.isInteger(toNumber(v))) fail(40515, `'${k}' must evaluate to an integer, found ${typeOf(v)} with value ${String(v)}`);
      return toNumber(v);
    };
    const tz = spec.timezone === undefined ? undefined : c.ev(spec.timezone);
    const time = [get("hour", 0), get("minute", 0), get("second", 0), get("millisecond", 0)];
    if ("isoWeekYear" in spec) {
      if ("year" in spec) fail(40489, "$dateFromParts does not allow mixing natural dates with ISO dates");
      const [wy, w, wd] = [get("isoWeekYear", 1970), get("isoWeek", 1), get("isoDayOfWeek", 1)];
      if ([wy, w, wd, ...time].some((x) => x === null)) return null;
      const jan4 = Date.UTC(wy!, 0, 4);
      const week1Monday = jan4 - (((new Date(jan4).getUTCDay() || 7) - 1) * DAY);
      const local = week1Monday + ((w! - 1) * 7 + (wd! - 1)) * DAY + time[0]! * 3_600_000 + time[1]! * 60_000 + time[2]! * 1000 + time[3]!;
      return fromLocal(local, tz);
    }
    if (!("year" in spec)) fail(40516, "$dateFromParts requires either 'year' or 'isoWeekYear' to be present");
    const [y, m, d] = [get("year", 1970), get("month", 1), get("day", 1)];
    if ([y, m, d, ...time].some((x) => x === null)) return null;
    if (y! < 1 || y! > 9999) fail(40523, `'year' must evaluate to an integer in the range 1 to 9999, found ${y}`);
    const local = Date.UTC(y!, m! - 1, d!, time[0]!, time[1]!, time[2]!, time[3]!);
    return fromLocal(new Date(local).setUTCFullYear(y!, m! - 1, d!), tz);
  },
  $dateAdd: (arg, c) => dateAdd(arg, c, 1),
  $dateSubtract: (arg, c) => dateAdd(arg, c, -1),
  $dateDiff(arg, c) {
    const spec = dateSpec(arg, "$dateDiff", ["startDate", "endDate", "unit", "timezone", "startOfWeek"], ["startDate", "endDate", "unit"]);
    const a = c.ev(spec.startDate);
    const b = c.ev(spec.endDate);
    const unitV = c.ev(spec.unit);
    const tz = spec.timezone === undefined ? undefined : c.ev(spec.timezone);
    if (isNullish(a) || isNullish(b) || isNullish(unitV) || tz === null) return null;
    const unit = unitArg(unitV, "$dateDiff");
    const s = parts(dateOf(a, "$dateDiff"), tz);
    const e = parts(dateOf(b, "$dateDiff"), tz);
    let n: number;
    if (unit === "week") {
      const dow = startOfWeekArg(spec.startOfWeek === undefined ? undefined : c.ev(spec.startOfWeek), "$dateDiff");
      n = (weekStart(e.localMs, dow) - weekStart(s.localMs, dow)) / (7 * DAY);
    } else if (unit in UNIT_MS) n = Math.floor(e.localMs / UNIT_MS[unit]) - Math.floor(s.localMs / UNIT_MS[unit]);
    else if (unit === "month") n = (e.year - s.year) * 12 + (e.month - s.month);
    else if (unit === "quarter") n = (e.year - s.year) * 4 + (Math.floor((e.month - 1) / 3) - Math.floor((s.month - 1) / 3));
    else n = e.year - s.year;
    return Long.fromNumber(n);
  },
  $dateTrunc(arg, c) {
    const spec = dateSpec(arg, "$dateTrunc", ["date", "unit", "binSize", "timezone", "startOfWeek"], ["date", "unit"]);
    const v = c.ev(spec.date);
    const unitV = c.ev(spec.unit);
    const binV = spec.binSize === undefined ? 1 : c.ev(spec.binSize);
    const tz = spec.timezone === undefined ? undefined : c.ev(spec.timezone);
    if (isNullish(v) || isNullish(unitV) || isNullish(binV) || tz === null) return null;
    const unit = unitArg(unitV, "$dateTrunc");
    const bin = num(binV, "$dateTrunc");
    if (!Number.isInteger(bin) || bin <= 0) fail(5439017, `$dateTrunc requires 'binSize' to be a positive 64-bit integer, found: ${bin}`);
    const p = parts(dateOf(v, "$dateTrunc"), tz);
    // Bins count from 2000-01-01 in the time zone, as mongod's reference point.
    const ref = Date.UTC(2000, 0, 1);
    let local: number;
    if (unit === "week") {
      const dow = startOfWeekArg(spec.startOfWeek === undefined ? undefined : c.ev(spec.startOfWeek), "$dateTrunc");
      const refWeek = weekStart(ref, dow) + (weekStart(ref, dow) < ref ? 7 * DAY : 0);
      const size = bin * 7 * DAY;
      local = refWeek + Math.floor((weekStart(p.localMs, dow) - refWeek) / size) * size;
    } else if (unit in UNIT_MS) {
      const size = bin * UNIT_MS[unit];
      local = ref + Math.floor((p.localMs - ref) / size) * size;
    } else {
      const per = unit === "month" ? 1 : unit === "quarter" ? 3 : 12;
      const months = (p.year - 2000) * 12 + (p.month - 1);
      const start = Math.floor(months / (bin * per)) * bin * per;
      local = Date.UTC(2000, start, 1);
    }
    return fromLocal(local, tz);
  },
  $tsSecond(arg, c) {
    const [v] = c.args(arg);
    if (isNullish(v)) return null;
    if (typeOf(v) !== "timestamp") fail(5687301, `$tsSecond requires a timestamp argument, found: ${typeOf(v)}`);
    return Long.fromNumber((v as Timestamp).high >>> 0);
  },
  $tsIncrement(arg, c) {
    const [v] = c.args(arg);
    if (isNullish(v)) return null;
    if (typeOf(v) !== "timestamp") fail(5687302, `$tsIncrement requires a timestamp argument, found: ${typeOf(v)}`);
    return Long.fromNumber((v as Timestamp).low >>> 0);
  },
};

function dateAdd(arg: unknown, c: OpContext, sign: number): Value {
  const spec = dateSpec(arg, c.op, ["startDate", "unit", "amount", "timezone"], ["startDate", "unit", "amount"]);
  const start = c.ev(spec.startDate);
  const unitV = c.ev(spec.unit);
  const amount = c.ev(spec.amount);
  const tz = spec.timezone === undefined ? undefined : c.ev(spec.timezone);
  if (isNullish(start) || isNullish(unitV) || isNullish(amount) || tz === null) return null;
  const unit = unitArg(unitV, c.op);
  const n = num(amount, c.op);
  if (!Number.isInteger(n)) fail(5166405, `${c.op} expects integer amount of time units`);
  return addUnits(dateOf(start, c.op), unit, sign * n, tz);
}
