/**
 * WeChat subscribe-message field types and their limits. A value breaking a limit makes the whole
 * send fail with 47003, so every value is formatted here before sending.
 */
export type FieldType = "thing" | "phrase" | "character_string" | "time" | "date" | "number" | "letter" | "symbol" | "name" | "phone_number";

const LIMITS: Record<Exclude<FieldType, "time" | "date" | "name">, number> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
};

const HAN = /\p{Script=Han}/u;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Cuts to `max` characters (code points), ending with an ellipsis when something was cut. */
function cut(value: string, max: number): string {
  const chars = [...value];
  if (chars.length <= max) return value;
  return `${chars.slice(0, max - 1).join("")}…`;
}

function singleLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Wall-clock parts in 北京时间 (China has no daylight saving time). */
function shanghai(at: Date): { y: number; m: number; d: number; hh: string; mm: string } {
  const t = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: String(t.getUTCHours()).padStart(2, "0"),
    mm: String(t.getUTCMinutes()).padStart(2, "0"),
  };
}

/**
 * Formats one template value for its field type:
 * `thing` ≤ 20 characters (cut with …), `phrase` ≤ 5 Chinese characters only, `character_string`
 * ≤ 32 letters, digits and symbols (no Chinese), `time` as `2026年11月24日 15:01`, `date` as
 * `2026年11月24日` (北京时间), `number` ≤ 32 digits, `name` ≤ 10 Chinese characters or 20 letters.
 * Empty values are replaced by a placeholder WeChat accepts (it refuses empty fields).
 * @param type the field type (the letters of the key, e.g. `thing` for `thing1`).
 * @param value the raw value.
 * @returns the value WeChat will accept.
 */
export function formatField(type: FieldType, value: string | number | Date): string {
  if (type === "time" || type === "date") {
    const at = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(at.getTime())) throw new Error(`invalid ${type} value`);
    const p = shanghai(at);
    const day = `${p.y}年${p.m}月${p.d}日`;
    return type === "date" ? day : `${day} ${p.hh}:${p.mm}`;
  }
  const text = singleLine(value instanceof Date ? value.toISOString() : String(value));
  switch (type) {
    case "thing":
      return cut(text, LIMITS.thing) || "无";
    case "phrase": {
      // Only Chinese characters are allowed; anything else is dropped rather than rejected.
      const han = [...text].filter((c) => HAN.test(c)).join("");
      return [...han].slice(0, LIMITS.phrase).join("") || "有更新";
    }
    case "character_string": {
      const ascii = text.replace(/[^\x21-\x7e]/g, "");
      return ascii.slice(0, LIMITS.character_string) || "-";
    }
    case "number": {
      const digits = text.replace(/[^\d.]/g, "");
      return digits.slice(0, LIMITS.number) || "0";
    }
    case "letter":
      return text.replace(/[^A-Za-z]/g, "").slice(0, LIMITS.letter) || "A";
    case "symbol":
      return [...text.replace(/[\p{L}\p{N}\s]/gu, "")].slice(0, LIMITS.symbol).join("") || "-";
    case "phone_number":
      return text.replace(/[^\d+\-() ]/g, "").slice(0, LIMITS.phone_number) || "-";
    case "name": {
      const chars = [...text];
      const limit = chars.some((c) => HAN.test(c)) ? 10 : 20;
      return chars.slice(0, limit).join("") || "用户";
    }
  }
}

/**
 * The field type of a template key such as `thing1` or `character_string12`.
 * @param key the key from the template's detail.
 * @returns its type.
 */
export function fieldTypeOf(key: string): FieldType {
  const type = key.replace(/\d+$/, "");
  const known: FieldType[] = ["thing", "phrase", "character_string", "time", "date", "number", "letter", "symbol", "name", "phone_number"];
  if (!known.includes(type as FieldType)) throw new Error(`unsupported template field ${key}`);
  return type as FieldType;
}

/**
 * Builds the `data` object of subscribeMessage.send, formatting each value by its key's type.
 * @param values key (e.g. `thing1`) → raw value.
 * @returns `{ thing1: { value } , … }`.
 */
export function templateData(values: Record<string, string | number | Date>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, raw] of Object.entries(values)) out[key] = { value: formatField(fieldTypeOf(key), raw) };
  return out;
}
