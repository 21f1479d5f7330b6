/** A piece of text, marked when it matched the query. */
export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits text into segments, marking every occurrence of the given terms (longest first, no
 * overlaps), so clients render highlights without HTML.
 * @param text the original text.
 * @param terms matched words.
 * @returns segments covering the whole text.
 */
export function highlight(text: string, terms: Iterable<string>): Segment[] {
  const marks = new Uint8Array(text.length);
  const lower = text.toLowerCase();
  const sorted = [...new Set(terms)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  for (const term of sorted) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(term, from);
      if (at < 0) break;
      let free = true;
      for (let i = at; i < at + term.length; i++) if (marks[i]) free = false;
      if (free) for (let i = at; i < at + term.length; i++) marks[i] = 1;
      from = at + 1;
    }
  }
  const out: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      out.push({ text: text.slice(start, i), hit: marks[start] === 1 });
      start = i;
    }
  }
  return out.length ? out : [{ text, hit: false }];
}

/**
 * A window of a long text around its first highlight (for measure snippets in result lists).
 * @param segments the highlighted text.
 * @param radius characters kept on each side of the first hit.
 * @returns the trimmed segments, with an ellipsis where text was cut.
 */
export function snippet(segments: Segment[], radius = 40): Segment[] {
  const full = segments.map((s) => s.text).join("");
  if (full.length <= radius * 2) return segments;
  let pos = 0;
  let hitAt = -1;
  for (const s of segments) {
    if (s.hit) {
      hitAt = pos;
      break;
    }
    pos += s.text.length;
  }
  const from = Math.max(0, (hitAt < 0 ? 0 : hitAt) - radius);
  const to = Math.min(full.length, from + radius * 2);
  const out: Segment[] = [];
  pos = 0;
  for (const s of segments) {
    const a = Math.max(from, pos);
    const b = Math.min(to, pos + s.text.length);
    if (a < b) out.push({ text: s.text.slice(a - pos, b - pos), hit: s.hit });
    pos += s.text.length;
  }
  if (from > 0) out.unshift({ text: "…", hit: false });
  if (to < full.length) out.push({ text: "…", hit: false });
  return out;
}
