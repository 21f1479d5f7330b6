import { bigrams, fullPinyin, isLatinToken, pinyinInitials, words } from "./analyzer";
import { highlight, type Segment } from "./highlight";
import { Lru } from "./lru";
import { isHan, normalize } from "./normalize";
import { expand, type SynonymTable } from "./synonyms";

export interface FieldSpec<D> {
  name: string;
  /** How much a match in this field counts. */
  weight: number;
  values(doc: D): string[];
}

export interface FacetSpec<D> {
  name: string;
  values(doc: D): string[];
}

export interface IndexOptions<D> {
  fields: FieldSpec<D>[];
  facets?: FacetSpec<D>[];
  /** Identifiers (e.g. 事项编码) that put their document first when typed exactly. */
  exact?(doc: D): string[];
  /** Deterministic order for equal scores and for browsing without a query. */
  order(a: D, b: D): number;
  synonyms: SynonymTable;
  /** Phrases offered by type-ahead, with a weight (higher first). */
  suggestions?(doc: D): { text: string; weight: number }[];
}

export interface SearchOptions {
  /** Facet name → accepted values (a document passes when it has one of them). */
  filters?: Record<string, string[] | undefined>;
  page?: number;
  pageSize?: number;
}

export interface SearchHit<D> {
  doc: D;
  score: number;
  /** Field name → highlighted value (the best-matching value of multi-valued fields). */
  highlights: Record<string, Segment[]>;
  /** How much of the query this document covers (0–1). */
  coverage: number;
  /** Words of the document that matched. */
  matched: string[];
}

export interface SearchResult<D> {
  hits: SearchHit<D>[];
  total: number;
  facets: Record<string, { value: string; count: number }[]>;
  /** A corrected query when the one typed matched only approximately or not at all. */
  didYouMean: string | null;
}

interface Posting {
  doc: number;
  field: number;
  tf: number;
}

interface Alternative {
  term: string;
  /** How good a match through this term is (exact word 1, pinyin 0.9, synonym 0.85, typo 0.7, gram 0.5). */
  quality: number;
  /** The text to highlight when it matches. */
  display: string;
}

interface Unit {
  label: string;
  alternatives: Alternative[];
  weight: number;
  /** The closest known word when this one was not found as typed. */
  correction?: string;
}

interface Suggestion {
  text: string;
  norm: string;
  py: string;
  ini: string;
  weight: number;
}

const W = "w:";
const G = "g:";

/**
 * An in-memory Chinese full-text index over documents with weighted fields: jieba words,
 * character-bigram fallback, pinyin and initials, synonyms from data, one-character typo
 * tolerance, facets, highlights and type-ahead. Built once per document set (immutable); results
 * are cached per normalised query.
 */
export class SearchIndex<D> {
  private readonly docs: D[];
  private readonly texts: string[][][];
  /** Normalised field values, computed once (normalising is the costly part of a query). */
  private readonly normTexts: string[][][];
  private readonly postings = new Map<string, Posting[]>();
  private readonly typo = new Map<string, Set<string>>();
  private readonly byPinyin = new Map<string, Set<string>>();
  private readonly byInitials = new Map<string, Set<string>>();
  private readonly exact = new Map<string, number>();
  private readonly dfs = new Map<string, number>();
  private readonly facetValues: string[][][];
  /** Per facet: the distinct values, and each document's values as indexes into them. */
  private readonly facetDict: string[][];
  private readonly facetIds: Int32Array[][];
  private readonly suggestByFirst = new Map<string, Suggestion[]>();
  private readonly cache = new Lru<string, SearchResult<D>>(1_000);
  private readonly browseOrder: number[];
  private readonly scores: Float64Array;
  private readonly unitMask: Uint32Array;
  private readonly unitBest: Float64Array;

  constructor(
    docs: readonly D[],
    private readonly options: IndexOptions<D>,
  ) {
    this.docs = [...docs];
    const n = this.docs.length;
    this.scores = new Float64Array(n);
    this.unitMask = new Uint32Array(n);
    this.unitBest = new Float64Array(n);
    this.texts = this.docs.map((d) => options.fields.map((f) => f.values(d)));
    this.normTexts = this.texts.map((fields) => fields.map((values) => values.map((v) => normalize(v))));
    this.facetValues = this.docs.map((d) => (options.facets ?? []).map((f) => f.values(d)));
    this.facetDict = (options.facets ?? []).map(() => []);
    const lookup = this.facetDict.map(() => new Map<string, number>());
    this.facetIds = this.facetValues.map((perFacet) =>
      perFacet.map((values, fi) =>
        Int32Array.from(new Set(values), (v) => {
          let id = lookup[fi].get(v);
          if (id === undefined) {
            id = this.facetDict[fi].length;
            this.facetDict[fi].push(v);
            lookup[fi].set(v, id);
          }
          return id;
        }),
      ),
    );
    const indexed = new Set<string>();
    this.docs.forEach((doc, i) => {
      for (const code of options.exact?.(doc) ?? []) this.exact.set(normalize(code), i);
      options.fields.forEach((_, fi) => {
        const counts = new Map<string, number>();
        for (const value of this.texts[i][fi]) {
          for (const w of words(value)) {
            counts.set(W + w, (counts.get(W + w) ?? 0) + 1);
            indexed.add(w);
          }
          for (const g of bigrams(value)) counts.set(G + g, (counts.get(G + g) ?? 0) + 1);
        }
        for (const [term, tf] of counts) {
          let list = this.postings.get(term);
          if (!list) {
            list = [];
            this.postings.set(term, list);
          }
          list.push({ doc: i, field: fi, tf });
        }
      });
    });
    for (const [term, list] of this.postings) this.dfs.set(term, new Set(list.map((p) => p.doc)).size);
    for (const w of indexed) {
      if (![...w].every(isHan)) continue;
      const chars = [...w];
      if (chars.length >= 2) {
        add(this.byPinyin, fullPinyin(w), w);
        add(this.byInitials, pinyinInitials(w), w);
      }
      if (chars.length >= 2 && chars.length <= 8) {
        for (let k = 0; k < chars.length; k++) add(this.typo, typoKey(chars, k), w);
      }
    }
    const seen = new Set<string>();
    for (const doc of this.docs) {
      for (const s of options.suggestions?.(doc) ?? []) this.addSuggestion(s.text, s.weight, seen);
    }
    for (const key of options.synonyms.keys) this.addSuggestion(key, 1, seen);
    for (const list of this.suggestByFirst.values()) list.sort((a, b) => b.weight - a.weight || a.text.length - b.text.length || a.text.localeCompare(b.text));
    this.browseOrder = this.docs.map((_, i) => i).sort((a, b) => options.order(this.docs[a], this.docs[b]));
  }

  get size(): number {
    return this.docs.length;
  }

  /** All documents in browse order. */
  all(): D[] {
    return this.browseOrder.map((i) => this.docs[i]);
  }

  private addSuggestion(text: string, weight: number, seen: Set<string>): void {
    const norm = normalize(text);
    if (!norm || seen.has(norm)) return;
    seen.add(norm);
    const s: Suggestion = { text, norm, py: fullPinyin(norm), ini: pinyinInitials(norm), weight };
    for (const first of new Set([norm[0], s.py[0], s.ini[0]])) {
      if (!first) continue;
      let list = this.suggestByFirst.get(first);
      if (!list) {
        list = [];
        this.suggestByFirst.set(first, list);
      }
      list.push(s);
    }
  }

  private idf(term: string): number {
    const df = this.dfs.get(term) ?? 0;
    const n = this.docs.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Turns a query into units, each satisfied by any of its alternatives. */
  private units(query: string): { units: Unit[]; expansions: string[] } {
    const units: Unit[] = [];
    const normQuery = normalize(query);
    const synonymKeys = this.options.synonyms.keys.filter((k) => normQuery.includes(k));
    const coveredBySynonym = (w: string) => synonymKeys.some((k) => k.includes(w));
    const seen = new Set<string>();
    const push = (label: string, alternatives: Alternative[], weight = 1, correction?: string) => {
      if (alternatives.length === 0 || seen.has(label)) return;
      seen.add(label);
      units.push({ label, alternatives, weight, correction });
    };
    for (const w of mergeUnknownSingles(words(query), (x) => this.postings.has(W + x))) {
      if (isLatinToken(w)) {
        this.latinUnits(w, push);
        continue;
      }
      if (this.postings.has(W + w)) {
        push(w, [{ term: W + w, quality: 1, display: w }]);
        continue;
      }
      const chars = [...w];
      const fixes = chars.length >= 2 && !coveredBySynonym(w) ? this.typoCandidates(chars) : [];
      const grams = bigrams(w).filter((g) => this.postings.has(G + g));
      const alts: Alternative[] = fixes.map((f) => ({ term: W + f, quality: 0.7, display: f }));
      for (const g of grams) alts.push({ term: G + g, quality: [...g].length === 1 ? 0.25 : 0.5, display: g });
      push(w, alts, chars.length === 1 ? 0.5 : 1, fixes[0]);
    }
    // A short query that is one mistyped word ("网巴") may have been split by the segmenter.
    const compact = normalize(query).replace(/ /g, "");
    const compactChars = [...compact];
    if (compactChars.length >= 2 && compactChars.length <= 6 && compactChars.every(isHan) && !this.postings.has(W + compact) && !coveredBySynonym(compact)) {
      const fixes = this.typoCandidates(compactChars);
      if (fixes.length) push(`?${compact}`, fixes.map((f) => ({ term: W + f, quality: 0.75, display: f })), 1.2, fixes[0]);
    }
    const expansions = expand(this.options.synonyms, normalize(query));
    for (const term of expansions) {
      const alts: Alternative[] = [];
      for (const w of words(term)) if (this.postings.has(W + w)) alts.push({ term: W + w, quality: 0.85, display: w });
      if (alts.length) push(`~${term}`, alts, 0.8);
    }
    return { units, expansions };
  }

  private latinUnits(token: string, push: (label: string, alts: Alternative[], weight?: number) => void): void {
    const asWord = this.postings.has(W + token) ? [{ term: W + token, quality: 1, display: token }] : [];
    const viaPinyin = [...(this.byPinyin.get(token) ?? [])].map((w) => ({ term: W + w, quality: 0.9, display: w }));
    const viaInitials = token.length >= 2 ? [...(this.byInitials.get(token) ?? [])].map((w) => ({ term: W + w, quality: 0.75, display: w })) : [];
    const direct = [...asWord, ...viaPinyin, ...viaInitials];
    if (direct.length) {
      push(token, direct);
      return;
    }
    // Pinyin typed without spaces ("wangbajingying"): split into known words, longest first.
    let rest = token;
    const parts: string[] = [];
    while (rest.length) {
      let found = "";
      for (let len = Math.min(rest.length, 24); len >= 2; len--) {
        if (this.byPinyin.has(rest.slice(0, len))) {
          found = rest.slice(0, len);
          break;
        }
      }
      if (!found) return;
      parts.push(found);
      rest = rest.slice(found.length);
    }
    for (const p of parts) push(p, [...this.byPinyin.get(p)!].map((w) => ({ term: W + w, quality: 0.85, display: w })));
  }

  /**
   * Indexed words one character away from the typed one. Most typos come from a pinyin input
   * method picking a homophone, so same-pinyin candidates rank first; two-character words only
   * accept homophones (otherwise almost anything is one character away).
   */
  private typoCandidates(chars: string[]): string[] {
    const typed = chars.join("");
    const py = fullPinyin(typed);
    const found = new Map<string, number>();
    for (let k = 0; k < chars.length; k++) {
      for (const w of this.typo.get(typoKey(chars, k)) ?? []) {
        if (w === typed || found.has(w)) continue;
        const homophone = fullPinyin(w) === py;
        if (chars.length === 2 && !homophone) continue;
        found.set(w, (homophone ? 1_000_000 : 0) + (this.dfs.get(W + w) ?? 0));
      }
    }
    return [...found.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([w]) => w);
  }

  /**
   * Searches. An empty query browses all documents in order (with filters and facets).
   * @param query what the user typed.
   * @param options facet filters and page.
   * @returns the page of hits, total, facet counts and a suggestion when relevant.
   */
  search(query: string, options: SearchOptions = {}): SearchResult<D> {
    const page = options.page ?? 1;
    const pageSize = options.pageSize ?? 20;
    const key = JSON.stringify([normalize(query), options.filters ?? {}, page, pageSize]);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.run(query, options.filters ?? {}, page, pageSize);
    this.cache.set(key, result);
    return result;
  }

  private run(query: string, filters: Record<string, string[] | undefined>, page: number, pageSize: number): SearchResult<D> {
    const norm = normalize(query);
    const facetNames = (this.options.facets ?? []).map((f) => f.name);
    let ranked: { doc: number; score: number; coverage: number }[];
    let didYouMean: string | null = null;
    let units: Unit[] = [];
    if (!norm) {
      ranked = this.browseOrder.map((doc) => ({ doc, score: 0, coverage: 1 }));
    } else {
      ({ units } = this.units(query));
      ranked = this.score(norm, units);
      // Offer a correction only when the corrected word is what actually found the best result.
      const topMatched = ranked.length ? new Set(this.matchedIn(ranked[0].doc, units)) : new Set<string>();
      const corrected = units.filter((u) => u.correction && topMatched.has(u.correction));
      if (corrected.length) {
        let fixed = norm;
        for (const u of corrected) fixed = fixed.replace(u.label.replace(/^\?/, ""), u.correction!);
        if (fixed !== norm) didYouMean = fixed;
      }
      if (ranked.length === 0) didYouMean = this.relaxedSuggestion(norm);
    }
    const passes = (doc: number, except: number | null) =>
      facetNames.every((name, fi) => {
        if (fi === except) return true;
        const wanted = filters[name];
        if (!wanted || wanted.length === 0) return true;
        return this.facetValues[doc][fi].some((v) => wanted.includes(v));
      });
    const facets: SearchResult<D>["facets"] = {};
    const anyFilter = facetNames.some((n) => (filters[n]?.length ?? 0) > 0);
    facetNames.forEach((name, fi) => {
      const counts = new Int32Array(this.facetDict[fi].length);
      for (const r of ranked) {
        if (anyFilter && !passes(r.doc, fi)) continue;
        const ids = this.facetIds[r.doc][fi];
        for (let k = 0; k < ids.length; k++) counts[ids[k]]++;
      }
      const list: { value: string; count: number }[] = [];
      counts.forEach((count, id) => {
        if (count > 0) list.push({ value: this.facetDict[fi][id], count });
      });
      facets[name] = list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "zh-CN"));
    });
    const filtered = ranked.filter((r) => passes(r.doc, null));
    const start = (page - 1) * pageSize;
    const order = (a: { doc: number; score: number }, b: { doc: number; score: number }) =>
      b.score - a.score || this.options.order(this.docs[a.doc], this.docs[b.doc]);
    // Only the requested page needs ordering; a browse list is already in order.
    const pageRows = norm ? topK(filtered, start + pageSize, order).slice(start) : filtered.slice(start, start + pageSize);
    const hits = pageRows.map((r) => this.hit(r.doc, r.score, r.coverage, units));
    return { hits, total: filtered.length, facets, didYouMean };
  }

  private score(norm: string, units: Unit[]): { doc: number; score: number; coverage: number }[] {
    const { scores, unitMask, unitBest } = this;
    const touched: number[] = [];
    const exactDoc = this.exact.get(norm);
    const totalWeight = units.reduce((a, u) => a + u.weight, 0) || 1;
    const fieldWeights = this.options.fields.map((f) => f.weight);
    units.forEach((unit, ui) => {
      const bit = 1 << Math.min(ui, 31);
      const unitTouched: number[] = [];
      for (const alt of unit.alternatives) {
        const postings = this.postings.get(alt.term);
        if (!postings) continue;
        const base = this.idf(alt.term) * alt.quality;
        for (let i = 0; i < postings.length; i++) {
          const p = postings[i];
          const s = base * fieldWeights[p.field] * (p.tf === 1 ? 1 : 1 + Math.log(p.tf));
          if (unitBest[p.doc] === 0) unitTouched.push(p.doc);
          if (s > unitBest[p.doc]) unitBest[p.doc] = s;
        }
      }
      for (const doc of unitTouched) {
        if (scores[doc] === 0 && unitMask[doc] === 0) touched.push(doc);
        scores[doc] += unitBest[doc] * unit.weight;
        unitMask[doc] |= bit;
        unitBest[doc] = 0;
      }
    });
    if (exactDoc !== undefined && unitMask[exactDoc] === 0 && scores[exactDoc] === 0) touched.push(exactDoc);
    const out: { doc: number; score: number; coverage: number }[] = [];
    let topBase = 0;
    for (const doc of touched) {
      let covered = 0;
      for (let ui = 0; ui < units.length; ui++) if (unitMask[doc] & (1 << Math.min(ui, 31))) covered += units[ui].weight;
      const coverage = units.length ? covered / totalWeight : 1;
      const score = scores[doc] * (0.35 + 0.65 * coverage);
      out.push({ doc, score, coverage });
      if (score > topBase) topBase = score;
      scores[doc] = 0;
      unitMask[doc] = 0;
    }
    // Phrase bonuses only matter among plausible results; checking every weak match is costly.
    let top = 0;
    for (const r of out) {
      if (r.score >= topBase * 0.1) r.score += this.phraseBonus(r.doc, norm);
      if (r.doc === exactDoc) r.score += 1_000;
      if (r.score > top) top = r.score;
    }
    // Weak tails (a shared common character) are noise next to real matches.
    return out.filter((r) => r.score >= top * 0.2 && (r.coverage >= 0.3 || r.score >= top * 0.6));
  }

  /** The query words (alternatives) found in a document's text, for highlights and corrections. */
  private matchedIn(doc: number, units: Unit[]): string[] {
    const out = new Set<string>();
    const texts = this.normTexts[doc].flat();
    for (const u of units) {
      for (const a of u.alternatives) if (!out.has(a.display) && texts.some((t) => t.includes(a.display))) out.add(a.display);
    }
    return [...out];
  }

  private phraseBonus(doc: number, norm: string): number {
    if ([...norm].length < 2) return 0;
    let bonus = 0;
    this.options.fields.forEach((f, fi) => {
      for (const nv of this.normTexts[doc][fi]) {
        if (nv === norm) bonus = Math.max(bonus, 6 * f.weight);
        else if (nv.includes(norm)) bonus = Math.max(bonus, 3 * f.weight);
      }
    });
    return bonus;
  }

  private hit(doc: number, score: number, coverage: number, units: Unit[]): SearchHit<D> {
    const matched = this.matchedIn(doc, units);
    const highlights: Record<string, Segment[]> = {};
    this.options.fields.forEach((f, fi) => {
      const values = this.texts[doc][fi];
      if (values.length === 0) return;
      let best = values[0];
      let bestHits = -1;
      for (const v of values) {
        const hits = matched.filter((m) => v.toLowerCase().includes(m)).length;
        if (hits > bestHits) {
          best = v;
          bestHits = hits;
        }
      }
      highlights[f.name] = highlight(best, matched);
    });
    return { doc: this.docs[doc], score: Math.round(score * 1000) / 1000, coverage: Math.round(coverage * 100) / 100, highlights, matched };
  }

  /** When nothing matched: the most likely intended phrase, from type-ahead over the query's parts. */
  private relaxedSuggestion(norm: string): string | null {
    const compact = norm.replace(/ /g, "");
    const chars = [...compact];
    for (let len = Math.min(chars.length, 6); len >= 2; len--) {
      for (let i = 0; i + len <= chars.length; i++) {
        const part = chars.slice(i, i + len).join("");
        const s = this.suggestPrefix(part, 1)[0];
        if (s && s !== norm) return s;
      }
    }
    return null;
  }

  /** Phrases starting with the (normalised) prefix, by text, full pinyin or initials. */
  private suggestPrefix(p: string, limit: number): string[] {
    const out: string[] = [];
    for (const s of this.suggestByFirst.get(p[0]) ?? []) {
      if (s.norm.startsWith(p) || (isLatinToken(p) && (s.py.startsWith(p) || s.ini.startsWith(p)))) {
        out.push(s.text);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /**
   * Type-ahead: phrases starting with the prefix (Chinese, full pinyin or initials).
   * @param prefix what has been typed so far.
   * @param limit how many to return.
   * @returns suggestions, best first.
   */
  suggest(prefix: string, limit = 8): string[] {
    const p = normalize(prefix).replace(/ /g, "");
    if (!p) return [];
    const out = this.suggestPrefix(p, limit);
    if (out.length < limit && [...p].length >= 2) {
      for (const list of this.suggestByFirst.values()) {
        for (const s of list) {
          if (out.length >= limit) break;
          if (!out.includes(s.text) && s.norm.includes(p)) out.push(s.text);
        }
      }
    }
    return out;
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  if (!key) return;
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function typoKey(chars: string[], k: number): string {
  return chars.map((c, i) => (i === k ? "?" : c)).join("");
}

/**
 * Joins runs of single Chinese characters that are not indexed words ("网","巴" → "网巴"), so a
 * typo the segmenter split apart can still be matched as one word.
 */
function mergeUnknownSingles(list: string[], known: (w: string) => boolean): string[] {
  const out: string[] = [];
  let run = "";
  const flush = () => {
    if (run) out.push(run);
    run = "";
  };
  for (const w of list) {
    if ([...w].length === 1 && isHan(w) && !known(w)) run += w;
    else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}

/**
 * The first k rows in order, without sorting everything (results can be thousands of rows and
 * only one page is shown).
 */
function topK<T>(rows: T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (rows.length <= k * 4) return [...rows].sort(cmp).slice(0, k);
  const best: T[] = [];
  for (const r of rows) {
    if (best.length < k) {
      best.push(r);
      if (best.length === k) best.sort(cmp);
      continue;
    }
    if (cmp(r, best[k - 1]) < 0) {
      let i = k - 1;
      while (i > 0 && cmp(r, best[i - 1]) < 0) i--;
      best.splice(i, 0, r);
      best.pop();
    }
  }
  return best;
}
