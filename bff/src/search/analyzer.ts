import type { Jieba } from "@node-rs/jieba";
import type { pinyin as Pinyin } from "pinyin-pro";
import { isHan, normalize } from "./normalize";
import { TextMemo } from "./textMemo";

let jieba: Jieba | null = null;
const known = new Set<string>();

// The segmenter with its dictionary and pinyin-pro with its tables are loaded on first use
// (together ~150 ms), so the server is ready before either is needed.
function segmenter(): Jieba {
  if (!jieba) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { Jieba } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    const { dict } = require("@node-rs/jieba/dict") as typeof import("@node-rs/jieba/dict");
    /* eslint-enable @typescript-eslint/no-require-imports */
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

let pinyinFn: ((...args: unknown[]) => unknown) | null = null;

const pinyin = ((...args: unknown[]) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pinyinFn ??= (require("pinyin-pro") as typeof import("pinyin-pro")).pinyin as (...args: unknown[]) => unknown;
  return pinyinFn(...args);
}) as typeof Pinyin;

/**
 * Teaches the segmenter domain words (the synonym table's phrases and the list's terms), so that
 * "开足疗店" is cut as 开 / 足疗店 rather than 开足 / 疗店. Words already taught are skipped; the
 * dictionary only grows, so segmentation stays the same for a given vocabulary.
 * @param vocabulary words of two to eight Chinese characters (others are ignored).
 */
export function addVocabulary(vocabulary: Iterable<string>): void {
  const lines: string[] = [];
  for (const w of vocabulary) {
    const chars = [...w];
    if (known.has(w) || chars.length < 2 || chars.length > 8 || !chars.every(isHan)) continue;
    known.add(w);
    // A modest frequency: enough to keep the word whole, not enough to swallow its neighbours.
    lines.push(`${w} 2000`);
  }
  if (lines.length) {
    segmenter().loadDict(Buffer.from(lines.join("\n"), "utf8"));
    // Texts may now be cut differently.
    segmentation++;
    wordsMemo.clear();
  }
}

let segmentation = 0;

/** Changes whenever the segmenter learns words: results derived from its cuts are then stale. */
export function segmentationVersion(): number {
  return segmentation;
}

// The self-check cuts the same item names and measures for every request (a third of its time
// went to the segmenter); texts repeat, so their cuts are kept.
const wordsMemo = new TextMemo<readonly string[]>(50_000);

/** Words that carry no meaning for matching business activities and questions. */
export const STOP_WORDS = new Set([
  "我", "我们", "你", "想", "想要", "要", "开", "开个", "开一个", "一个", "个", "家", "做", "搞", "弄", "干", "办", "怎么", "怎样",
  "如何", "需要", "什么", "哪些", "吗", "呢", "吧", "的", "了", "和", "与", "及", "或", "等", "在", "去", "能", "能否", "可以", "可不可以",
  "不", "是", "有", "没有", "一下", "请问", "问", "相关", "方面", "这个", "那个", "自己", "一家", "小", "点", "些",
  "开家", "开间", "开店", "搞个", "做个", "办个", "弄个", "想开", "要开", "准备", "打算", "咨询", "手续", "证件", "证照", "执照",
  "办理", "申请", "条件", "流程", "要求", "哪个", "部门", "谁", "管", "么", "啊", "呀", "哪里", "多少", "需不需要", "要不要", "得", "证",
]);

/**
 * Chinese words of a text, as the search index sees them: jieba's search-mode segmentation of the
 * normalised text (overlapping sub-words included), without stop words and single Latin letters.
 * @param text the text.
 * @returns its words, in order of appearance (duplicates kept).
 */
export function words(text: string): readonly string[] {
  return wordsMemo.get(text, segmentWords);
}

function segmentWords(text: string): string[] {
  const norm = normalize(text);
  if (!norm) return [];
  const out: string[] = [];
  for (const w of segmenter().cutForSearch(norm, true)) {
    const t = w.trim();
    if (!t || t === " " || STOP_WORDS.has(t)) continue;
    out.push(t);
  }
  return out;
}

/** Whole-word segmentation (no sub-words), for splitting and highlighting. */
export function cut(text: string): string[] {
  const norm = normalize(text);
  return norm ? segmenter().cut(norm, true).filter((w) => w.trim() !== "") : [];
}

/**
 * Where words start and end in a text without spaces (UTF-16 offsets), so that a phrase found
 * inside it can be checked to be whole words or part of one word (小饭馆 has 饭馆) rather than
 * pieces of two words (蔬菜种植 does not contain 菜种).
 * @param text normalised text without spaces.
 * @returns the offsets of word boundaries, 0 and text.length included.
 */
export function wordBoundaries(text: string): Set<number> {
  const out = new Set<number>([0]);
  let pos = 0;
  for (const w of text ? segmenter().cut(text, true) : []) {
    pos += w.length;
    out.add(pos);
  }
  return out;
}

/**
 * Overlapping two-character grams of each run of Chinese characters: the fallback that finds
 * words jieba does not know.
 */
export function bigrams(text: string): string[] {
  const norm = normalize(text);
  const out: string[] = [];
  let run = "";
  const flush = () => {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    run = "";
  };
  for (const ch of norm) {
    if (isHan(ch)) run += ch;
    else flush();
  }
  flush();
  return out;
}

/** Full pinyin without tones or spaces, e.g. 网吧 → wangba. */
export function fullPinyin(word: string): string {
  // ü is typed as v on pinyin keyboards (旅 → lv).
  return pinyin(word, { toneType: "none", type: "array", nonZh: "consecutive", v: true }).join("").toLowerCase();
}

/** Sounds that speakers of southern Mandarin (and Gan, spoken in Jiangxi) often do not tell apart. */
const FUZZY: [RegExp, string][] = [
  [/^zh/, "z"],
  [/^ch/, "c"],
  [/^sh/, "s"],
  [/^l/, "n"],
  [/^f/, "h"],
  [/^r/, "n"],
  [/ang$/, "an"],
  [/eng$/, "en"],
  [/ing$/, "in"],
];

/**
 * A character's pinyin with the usual confusions folded (zh→z, l→n, ing→in…), so that 旅形社
 * and 旅行社 or 沙石 and 砂石 compare equal.
 * @param ch one Chinese character.
 * @returns the folded syllable.
 */
export function fuzzyPinyin(ch: string): string {
  let py = fuzzyMemo.get(ch);
  if (py === undefined) {
    py = fullPinyin(ch);
    for (const [re, to] of FUZZY) py = py.replace(re, to);
    fuzzyMemo.set(ch, py);
  }
  return py;
}

// One entry per distinct character (a few thousand at most); pinyin-pro takes ~25 µs per call.
const fuzzyMemo = new Map<string, string>();

/** Pinyin initials, e.g. 网吧 → wb. */
export function pinyinInitials(word: string): string {
  return pinyin(word, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" }).join("").toLowerCase();
}

/** Whether a token looks like pinyin or initials typed on a phone keyboard. */
export function isLatinToken(token: string): boolean {
  return /^[a-z]+$/.test(token);
}

/** Warms the segmenter so the first request does not pay for loading the dictionary. */
export function warmUp(): void {
  segmenter().cut("负面清单", false);
}
