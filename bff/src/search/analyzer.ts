import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { pinyin } from "pinyin-pro";
import { isHan, normalize } from "./normalize";

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  // The dictionary takes ~100 ms to load; do it once, on first use.
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Words that carry no meaning for matching business activities and questions. */
export const STOP_WORDS = new Set([
  "我", "我们", "你", "想", "想要", "要", "开", "开个", "开一个", "一个", "个", "家", "做", "搞", "弄", "干", "办", "怎么", "怎样",
  "如何", "需要", "什么", "哪些", "吗", "呢", "吧", "的", "了", "和", "与", "及", "或", "等", "在", "去", "能", "能否", "可以", "可不可以",
  "不", "是", "有", "没有", "一下", "请问", "问", "相关", "方面", "这个", "那个", "自己", "一家", "小", "点", "些",
]);

/**
 * Chinese words of a text, as the search index sees them: jieba's search-mode segmentation of the
 * normalised text (overlapping sub-words included), without stop words and single Latin letters.
 * @param text the text.
 * @returns its words, in order of appearance (duplicates kept).
 */
export function words(text: string): string[] {
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
