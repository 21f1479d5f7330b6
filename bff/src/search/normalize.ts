import { TextMemo } from "./textMemo";

type Convert = (text: string) => string;

let converters: { toSimplified: Convert; hkToSimplified: Convert } | null = null;

/**
 * Traditional (Taiwan, Hong Kong and OpenCC standard forms) → simplified, character by
 * character. opencc-js builds its dictionaries when loaded (~70 ms with their garbage), so it is
 * loaded on the first text to convert rather than before the server can answer.
 */
function openCC(): { toSimplified: Convert; hkToSimplified: Convert } {
  if (!converters) {
    // opencc-js declares itself an ES module but its "main" is a UMD build that require() loads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const OpenCC = require("opencc-js") as { Converter(options: { from: string; to: string }): Convert };
    converters = { toSimplified: OpenCC.Converter({ from: "t", to: "cn" }), hkToSimplified: OpenCC.Converter({ from: "hk", to: "cn" }) };
  }
  return converters;
}

/**
 * Brings user text and document text into one comparable form: simplified Chinese, half-width
 * letters and digits, lower case, punctuation as spaces, single spaces.
 * @param text any text.
 * @returns the normalised text (same meaning, searchable form).
 */
export function normalize(text: string): string {
  return memo.get(text, convert);
}

// Queries and document words repeat a lot; conversion is the costly part (about 30 µs).
const memo = new TextMemo<string>(50_000);

function convert(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0x3000) out += " ";
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else out += ch;
  }
  const { toSimplified, hkToSimplified } = openCC();
  out = hkToSimplified(toSimplified(out)).toLowerCase();
  return out
    .replace(/[\s\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const CJK = /\p{Script=Han}/u;

/** Whether a character is a Chinese character. */
export function isHan(ch: string): boolean {
  return CJK.test(ch);
}
