import { addVocabulary, bigrams, cut, fullPinyin, fuzzyPinyin, isLatinToken, pinyinInitials, STOP_WORDS, wordBoundaries, words } from "./analyzer";
import { highlight, type Segment } from "./highlight";
import { Lru } from "./lru";
import { isHan, normalize } from "./normalize";
import { findPhrases, type SynonymTable } from "./synonyms";

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
  /** Values indexed as whole phrases too (everyday keywords), so pinyin and typos reach them. */
  phrases?(doc: D): string[];
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
  /** How good a match through this term is (exact 1, pinyin 0.9, synonym 0.85, typo 0.7, gram 0.5). */
  quality: number;
  /** The text to highlight when it matches. */
  display: string;
}

interface Unit {
  label: string;
  /** Empty when nothing in the index matches this part of the query (it still counts against coverage). */
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

/** Namespaces of index terms: segmented words, character bigrams, whole phrases. */
const W = "w:";
const G = "g:";
const P = "p:";

/** Units lighter than this (single characters) cannot make a document a result on their own. */
const SUBSTANTIVE = 1;
/** Below this idf (in about nine documents of ten) a word is treated as present everywhere. */
const UBIQUITOUS_IDF = 0.1;
/** How many leading results are checked for the whole-phrase bonus. */
const BONUS_CANDIDATES = 200;

let fillers: Set<string> | null = null;

/** The pinyin of the stop words (开 kai, 个 ge, 想 xiang…), which people type around the words that matter. */
function fillerPinyin(): Set<string> {
  fillers ??= new Set([...STOP_WORDS].map((w) => fullPinyin(w)).filter((p) => isLatinToken(p)));
  return fillers;
}

/**
 * An in-memory Chinese full-text index over documents with weighted fields: jieba words,
 * character-bigram fallback, whole phrases of the domain vocabulary (synonym table, keywords),
 * pinyin and initials, synonyms from data, one-character typo tolerance, facets, highlights and
 * type-ahead. Built once per document set (immutable); results are cached per normalised query.
 */
export class SearchIndex<D> {
  private readonly docs: D[];
  private readonly texts: string[][][];
  /** Normalised field values, computed once (normalising is the costly part of a query). */
  private readonly normTexts: string[][][];
  private readonly postings = new Map<string, Posting[]>();
  private readonly typo = new Map<string, Set<string>>();
  /** Pinyin (full, initials) → Chinese words and phrases that the index or the synonym table knows. */
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
  private readonly substantiveMask: Uint8Array;

  constructor(
    docs: readonly D[],
    private readonly options: IndexOptions<D>,
  ) {
    this.docs = [...docs];
    const n = this.docs.length;
    this.scores = new Float64Array(n);
    this.unitMask = new Uint32Array(n);
    this.unitBest = new Float64Array(n);
    this.substantiveMask = new Uint8Array(n);
    const docPhrases = this.docs.map((d) => (options.phrases?.(d) ?? []).map((v) => normalize(v).replace(/ /g, "")).filter(Boolean));
    addVocabulary(options.synonyms.vocabulary);
    addVocabulary(docPhrases.flat());
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
        for (const [term, tf] of counts) this.post(term, i, fi, tf);
      });
    });
    const phrases = this.indexPhrases(new Set([...options.synonyms.vocabulary, ...docPhrases.flat()]));
    for (const [term, list] of this.postings) {
      let df = 0;
      let last = -1;
      for (const p of list) {
        if (p.doc === last) continue;
        df++;
        last = p.doc;
      }
      this.dfs.set(term, df);
    }
    for (const w of [...indexed, ...phrases]) {
      const chars = [...w];
      if (!chars.every(isHan)) continue;
      if (chars.length >= 2) {
        add(this.byPinyin, fullPinyin(w), w);
        add(this.byInitials, pinyinInitials(w), w);
      }
      if (chars.length >= 2 && chars.length <= 8) {
        for (let k = 0; k < chars.length; k++) add(this.typo, typoKey(chars, k), w);
      }
    }
    // Everyday words typed as pinyin ("wangka") reach the list through the synonym table.
    for (const key of options.synonyms.keys) {
      const chars = [...key];
      if (!chars.every(isHan) || chars.length < 2) continue;
      add(this.byPinyin, fullPinyin(key), key);
      add(this.byInitials, pinyinInitials(key), key);
      if (chars.length <= 8) for (let k = 0; k < chars.length; k++) add(this.typo, typoKey(chars, k), key);
    }
    const seen = new Set<string>();
    for (const doc of this.docs) {
      for (const s of options.suggestions?.(doc) ?? []) this.addSuggestion(s.text, s.weight, seen);
    }
    for (const key of options.synonyms.keys) this.addSuggestion(key, 1, seen);
    for (const list of this.suggestByFirst.values()) list.sort((a, b) => b.weight - a.weight || a.text.length - b.text.length || a.text.localeCompare(b.text));
    this.browseOrder = this.docs.map((_, i) => i).sort((a, b) => options.order(this.docs[a], this.docs[b]));
  }

  private post(term: string, doc: number, field: number, tf: number): void {
    let list = this.postings.get(term);
    if (!list) {
      list = [];
      this.postings.set(term, list);
    }
    list.push({ doc, field, tf });
  }

  /**
   * Postings for whole phrases ("上网服务营业场所", "网咖"): the documents are narrowed with the
   * phrase's rarest bigram, then checked by substring, so building stays linear in the matches.
   * @returns the phrases found in at least one document.
   */
  private indexPhrases(phrases: Set<string>): string[] {
    const compactTexts = this.normTexts.map((fields) => fields.map((values) => values.map((v) => v.replace(/ /g, ""))));
    const found: string[] = [];
    for (const phrase of phrases) {
      const keys = [...bigrams(phrase).map((g) => G + g), ...(phrase.match(/[a-z0-9]+/g) ?? []).map((t) => W + t)];
      let candidates: Posting[] | undefined;
      for (const k of keys) {
        const list = this.postings.get(k);
        if (!list) {
          candidates = [];
          break;
        }
        if (!candidates || list.length < candidates.length) candidates = list;
      }
      if (!candidates || candidates.length === 0) continue;
      let any = false;
      let lastDoc = -1;
      for (const c of candidates) {
        if (c.doc === lastDoc) continue;
        lastDoc = c.doc;
        compactTexts[c.doc].forEach((values, fi) => {
          let tf = 0;
          for (const v of values) {
            for (let at = v.indexOf(phrase); at >= 0; at = v.indexOf(phrase, at + phrase.length)) tf++;
          }
          if (tf > 0) {
            this.post(P + phrase, c.doc, fi, tf);
            any = true;
          }
        });
      }
      if (any) found.push(phrase);
    }
    return found;
  }

  /**
   * Whether the documents contain a word (as a segmented word, a known phrase or, for two
   * characters, a bigram).
   * @param text the word.
   * @returns true when some document has it.
   */
  knows(text: string): boolean {
    const t = normalize(text).replace(/ /g, "");
    return this.has(W + t) || this.has(P + t) || ([...t].length === 2 && this.has(G + t));
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

  private has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Alternatives for a word or phrase found as such in the index (segmented word or whole phrase). */
  private direct(text: string, quality: number): Alternative[] {
    const out: Alternative[] = [];
    if (this.has(W + text)) out.push({ term: W + text, quality, display: text });
    else if (this.has(P + text)) out.push({ term: P + text, quality, display: text });
    return out;
  }

  /** Alternatives for an everyday phrase of the synonym table: itself, then the list terms it means. */
  private phraseAlternatives(key: string, quality: number): Alternative[] {
    const alts = this.direct(key, quality);
    const entry = this.options.synonyms.entries.get(key);
    for (const t of entry?.terms ?? []) alts.push(...this.direct(t, quality * 0.85));
    return alts;
  }

  /** Turns a query into units, each satisfied by any of its alternatives. */
  private units(query: string): Unit[] {
    const units: Unit[] = [];
    const seen = new Set<string>();
    const push = (label: string, alternatives: Alternative[], weight = 1, correction?: string) => {
      if (seen.has(label)) return;
      seen.add(label);
      units.push({ label, alternatives, weight, correction });
    };
    const chunks = normalize(query).split(" ").filter(Boolean);
    // "wang ba": pinyin typed with spaces is one word.
    if (chunks.length > 1 && chunks.every(isLatinToken) && this.latinCandidates(chunks.join("")).length) chunks.splice(0, chunks.length, chunks.join(""));
    for (const chunk of chunks) {
      if (isLatinToken(chunk)) {
        this.latinUnits(chunk, push);
        continue;
      }
      let rest = "";
      let pos = 0;
      for (const m of findPhrases(this.options.synonyms, chunk, "related", wordBoundaries(chunk))) {
        rest += chunk.slice(pos, m.start) + " ";
        pos = m.end;
        push(m.key, this.phraseAlternatives(m.key, 1));
      }
      rest += chunk.slice(pos);
      this.wordUnits(rest, push);
    }
    // A short query that is one mistyped word ("网巴") may have been split by the segmenter.
    const compactQuery = chunks.join("");
    const compactChars = [...compactQuery];
    const understood = units.length > 0 && units.every((u) => u.alternatives.some((a) => !a.term.startsWith(G) && a.quality >= 0.85));
    if (
      !understood &&
      compactChars.length >= 2 &&
      compactChars.length <= 6 &&
      compactChars.every(isHan) &&
      !this.has(W + compactQuery) &&
      !this.has(P + compactQuery) &&
      !this.options.synonyms.entries.has(compactQuery)
    ) {
      const fixes = this.typoCandidates(compactChars);
      if (fixes.length) push(`?${compactQuery}`, fixes.flatMap((f) => this.fixAlternatives(f, 0.75)), 1.2, fixes[0]);
    }
    return units;
  }

  /** A correction may be an indexed word or an everyday phrase of the synonym table. */
  private fixAlternatives(fix: string, quality: number): Alternative[] {
    return this.options.synonyms.entries.has(fix) ? this.phraseAlternatives(fix, quality) : this.direct(fix, quality);
  }

  private wordUnits(text: string, push: (label: string, alts: Alternative[], weight?: number, correction?: string) => void): void {
    const list = cut(text).filter((w) => w !== " " && !STOP_WORDS.has(w));
    for (const w of mergeUnknownSingles(list, (x) => this.has(W + x) || this.has(P + x))) {
      if (isLatinToken(w)) {
        this.latinUnits(w, push);
        continue;
      }
      const chars = [...w];
      const weight = chars.length === 1 ? 0.5 : 1;
      const exact = this.direct(w, 1);
      if (exact.length) {
        push(w, exact, weight);
        continue;
      }
      // A word the segmenter keeps whole but the documents only contain in parts (电子产品销售).
      const parts = words(w).filter((p) => p !== w && [...p].length >= 2 && this.has(W + p));
      if (parts.length) {
        push(w, parts.map((p) => ({ term: W + p, quality: 0.6, display: p })), weight);
        continue;
      }
      const fixes = chars.length >= 2 ? this.typoCandidates(chars) : [];
      const alts: Alternative[] = fixes.flatMap((f) => this.fixAlternatives(f, 0.7));
      for (const g of bigrams(w)) if (this.has(G + g)) alts.push({ term: G + g, quality: [...g].length === 1 ? 0.25 : 0.5, display: g });
      push(w, alts, weight, fixes[0]);
    }
  }

  /** Chinese words and phrases a Latin token may stand for (pinyin, initials or the token itself). */
  private latinCandidates(token: string): { text: string; quality: number }[] {
    const out: { text: string; quality: number }[] = [];
    const seen = new Set<string>();
    const addAll = (texts: Iterable<string> | undefined, quality: number) => {
      for (const t of texts ?? []) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push({ text: t, quality });
      }
    };
    addAll([token].filter((t) => this.has(W + t) || this.has(P + t) || this.options.synonyms.entries.has(t)), 1);
    addAll(this.byPinyin.get(token), 0.9);
    if (token.length >= 2) addAll(this.byInitials.get(token), 0.75);
    return out;
  }

  private latinUnits(token: string, push: (label: string, alts: Alternative[], weight?: number) => void): void {
    const direct = this.latinCandidates(token);
    if (direct.length) {
      push(token, direct.flatMap((c) => this.fixAlternatives(c.text, c.quality)));
      return;
    }
    const parts = this.splitPinyin(token);
    if (!parts?.length) {
      push(token, []);
      return;
    }
    for (const p of parts) push(p, [...this.byPinyin.get(p)!].flatMap((w) => this.fixAlternatives(w, 0.85)));
  }

  /**
   * Pinyin typed without spaces ("kaishaokaodian", "wangbajingying") split into known words, with
   * the filler words people type around them (开, 个, 想, 的…: the stop words' pinyin) dropped.
   * The split with the fewest pieces wins, fillers counting a little more than words, and among
   * equals the one whose first word is longest. A greedy longest-first split fails on such input:
   * "kaisha" is a word's pinyin too, and what is left ("okaodian") is nobody's.
   * @returns the words' pinyin in order, or null when the token cannot be covered.
   */
  private splitPinyin(token: string): string[] | null {
    const n = token.length;
    if (n > 64) return null;
    const cost = new Array<number>(n + 1).fill(Infinity);
    const next = new Array<{ len: number; word: boolean }>(n + 1);
    cost[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      for (let len = Math.min(n - i, 24); len >= 1; len--) {
        if (cost[i + len] === Infinity) continue;
        const piece = token.slice(i, i + len);
        const word = len >= 2 && this.byPinyin.has(piece);
        if (!word && !fillerPinyin().has(piece)) continue;
        const c = cost[i + len] + (word ? 1 : 1.5);
        if (c < cost[i]) {
          cost[i] = c;
          next[i] = { len, word };
        }
      }
    }
    if (cost[0] === Infinity) return null;
    const parts: string[] = [];
    for (let i = 0; i < n; i += next[i].len) if (next[i].word) parts.push(token.slice(i, i + next[i].len));
    return parts;
  }

  /**
   * Indexed words one character away from the typed one. Most typos come from a pinyin input
   * method picking a homophone (or a near-homophone: z/zh, n/l, an/ang… are often confused in
   * Jiangxi), so those rank first; words of up to three characters only accept such sound-alike
   * characters (otherwise 二手车 would become 二手书).
   */
  private typoCandidates(chars: string[]): string[] {
    const typed = chars.join("");
    const found = new Map<string, number>();
    for (let k = 0; k < chars.length; k++) {
      for (const w of this.typo.get(typoKey(chars, k)) ?? []) {
        if (w === typed || found.has(w)) continue;
        const soundAlike = fuzzyPinyin([...w][k]) === fuzzyPinyin(chars[k]);
        if (chars.length <= 3 && !soundAlike) continue;
        found.set(w, (soundAlike ? 1_000_000 : 0) + (this.dfs.get(W + w) ?? this.dfs.get(P + w) ?? 0));
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
      units = this.units(query);
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
    const { substantiveMask } = this;
    const anySubstantive = units.some((u) => u.weight >= SUBSTANTIVE);
    // A word nearly every document has (许可 in a 10k edition) adds no ranking signal but costs a
    // pass over all documents: when rarer words carry the query, count it as present everywhere.
    const bestIdf = units.map((u) => Math.max(0, ...u.alternatives.filter((a) => this.has(a.term)).map((a) => this.idf(a.term))));
    const ubiquitous = units.map((u, ui) => this.docs.length >= 1_000 && u.alternatives.length > 0 && bestIdf[ui] < UBIQUITOUS_IDF);
    const skip = units.some((u, ui) => !ubiquitous[ui] && u.weight >= SUBSTANTIVE && u.alternatives.length > 0) ? ubiquitous : units.map(() => false);
    const everywhere = units.reduce((a, u, ui) => (skip[ui] ? a + u.weight : a), 0);
    units.forEach((unit, ui) => {
      if (skip[ui]) return;
      const bit = 1 << Math.min(ui, 31);
      const unitTouched: number[] = [];
      const substantive = unit.weight >= SUBSTANTIVE ? 1 : 0;
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
        substantiveMask[doc] |= substantive;
        unitBest[doc] = 0;
      }
    });
    if (exactDoc !== undefined && unitMask[exactDoc] === 0 && scores[exactDoc] === 0) touched.push(exactDoc);
    const out: { doc: number; score: number; coverage: number }[] = [];
    let topBase = 0;
    for (const doc of touched) {
      let covered = everywhere;
      for (let ui = 0; ui < units.length; ui++) if (unitMask[doc] & (1 << Math.min(ui, 31))) covered += units[ui].weight;
      const coverage = units.length ? covered / totalWeight : 1;
      const score = scores[doc] * (0.35 + 0.65 * coverage);
      // A document that only shares a single character (卖 of 卖手机) with the query is not a result.
      if (!anySubstantive || substantiveMask[doc] || doc === exactDoc) {
        out.push({ doc, score, coverage });
        if (score > topBase) topBase = score;
      }
      scores[doc] = 0;
      unitMask[doc] = 0;
      substantiveMask[doc] = 0;
    }
    // Phrase bonuses only matter among the leading results and the documents that contain the
    // query as a known phrase; checking every weak match of a common word is costly.
    const bonusFor = new Set<number>();
    if ([...norm].length >= 2) {
      const byScore = (a: { score: number; doc: number }, b: { score: number; doc: number }) => b.score - a.score || a.doc - b.doc;
      for (const r of out.length > BONUS_CANDIDATES ? topK(out, BONUS_CANDIDATES, byScore) : out) if (r.score >= topBase * 0.1) bonusFor.add(r.doc);
      const compactQuery = norm.replace(/ /g, "");
      const containing = this.postings.get(P + compactQuery) ?? this.postings.get(W + compactQuery) ?? [];
      // A phrase that nearly every document contains sets nobody apart.
      if (containing.length <= BONUS_CANDIDATES * 2) for (const p of containing) bonusFor.add(p.doc);
    }
    // Weak tails (a shared common character) are noise next to real matches; judged on the
    // word scores, so that which documents were checked for the phrase bonus does not matter.
    const kept = out.filter((r) => r.doc === exactDoc || (r.score >= topBase * 0.2 && (r.coverage >= 0.3 || r.score >= topBase * 0.6)));
    for (const r of kept) {
      if (bonusFor.has(r.doc)) r.score += this.phraseBonus(r.doc, norm);
      if (r.doc === exactDoc) r.score += 1_000;
    }
    return kept;
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

  /**
   * When nothing matched: a known phrase one edit away from what was typed (a missing, extra or
   * wrong character), or the phrase a pinyin prefix starts. Never a different concept that merely
   * shares a prefix (二手车 is not 二手书).
   */
  private relaxedSuggestion(norm: string): string | null {
    const compactQuery = norm.replace(/ /g, "");
    if (isLatinToken(compactQuery)) return this.suggestPrefix(compactQuery, 1)[0] ?? null;
    const chars = [...compactQuery];
    if (chars.length < 2) return null;
    for (let len = Math.min(chars.length, 6); len >= 2; len--) {
      for (let i = 0; i + len <= chars.length; i++) {
        for (const s of this.suggestPrefix(chars.slice(i, i + len).join(""), 20)) {
          const target = normalize(s).replace(/ /g, "");
          if (target !== compactQuery && closeEnough(chars, [...target])) return s;
        }
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

/**
 * Whether a known phrase is a plausible intended form of what was typed: short words may differ
 * only by sound-alike characters; longer ones by one or two edits.
 */
function closeEnough(typed: string[], known: string[]): boolean {
  if (typed.length === known.length && typed.length <= 4) {
    return typed.every((c, i) => c === known[i] || fuzzyPinyin(c) === fuzzyPinyin(known[i]));
  }
  return editDistance(typed.join(""), known.join("")) <= (typed.length >= 5 ? 2 : 1);
}

/** Levenshtein distance between two short strings (characters, not UTF-16 units). */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
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
