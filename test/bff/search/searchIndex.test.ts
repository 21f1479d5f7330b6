import { SearchIndex } from "../../../bff/src/search/searchIndex";
import { synonymTable } from "../../../bff/src/search/synonyms";
import { normalize } from "../../../bff/src/search/normalize";
import { sampleIndex } from "./support";

describe("SearchIndex", () => {
  const { index } = sampleIndex();

  it("normalises traditional characters, full-width letters and case", () => {
    expect(normalize("開藥店　ＫＴＶ")).toBe("开药店 ktv");
  });

  it("finds items by everyday words, pinyin, initials, traditional characters and codes", () => {
    expect(index.search("网咖").hits[0].doc.code).toBe("S2085");
    expect(index.search("kuaidi").hits[0].doc.code).toBe("S2047");
    expect(index.search("wyc").hits[0].doc.code).toBe("S2042");
    expect(index.search("網約車").hits[0].doc.code).toBe("S2042");
    expect(index.search("s2048").hits[0].doc.code).toBe("S2048");
  });

  it("splits pinyin typed without spaces and drops the filler words around it", () => {
    // A greedy longest-first split took "kaisha" and could not place "okaodian".
    expect(index.search("kaishaokaodian").hits[0].doc.code).toBe("S2048");
    expect(index.search("woxiangkaiwangka").hits[0].doc.code).toBe("S2085");
    expect(index.search("xiangkaijiayouzhan").hits[0].doc.code).toBe("S2038");
    // Fillers alone, or letters that are nobody's pinyin, find nothing rather than anything.
    expect(index.search("woxiangkai").total).toBe(0);
    expect(index.search("zzzz").total).toBe(0);
  });

  it("tolerates one wrong character and says what it understood", () => {
    const r = index.search("旅形社");
    expect(r.hits[0].doc.code).toBe("S2064");
    expect(r.didYouMean).toBe("旅行社");
  });

  it("offers a suggestion instead of results for gibberish, and no correction for exact queries", () => {
    const none = index.search("量子纠缠超导体");
    expect(none.total).toBe(0);
    expect(index.search("旅行社").didYouMean).toBeNull();
  });

  it("highlights matched words in the name and returns facet counts", () => {
    const r = index.search("药店");
    const hit = r.hits[0];
    expect(Object.values(hit.highlights).some((segments) => segments.some((s) => s.hit))).toBe(true);
    expect(r.facets.category.length).toBeGreaterThan(0);
    const total = r.facets.category.reduce((n, f) => n + f.count, 0);
    expect(total).toBe(r.total);
  });

  it("filters by facet and keeps other facets' counts relative to the filter", () => {
    const all = index.search("");
    expect(all.total).toBe(95);
    const prohibited = index.search("", { filters: { category: ["禁止准入类"] } });
    expect(prohibited.total).toBe(6);
    expect(prohibited.hits.every((h) => h.doc.category === "禁止准入类")).toBe(true);
    expect(prohibited.facets.category.find((f) => f.value === "许可准入类")!.count).toBe(89);
  });

  it("ranks deterministically and pages without overlap", () => {
    const a = index.search("经营", { page: 1, pageSize: 5 }).hits.map((h) => h.doc.code);
    const b = index.search("经营", { page: 2, pageSize: 5 }).hits.map((h) => h.doc.code);
    expect(index.search("经营", { page: 1, pageSize: 5 }).hits.map((h) => h.doc.code)).toEqual(a);
    expect(a.filter((c) => b.includes(c))).toEqual([]);
  });

  it("suggests by Chinese prefix, pinyin and initials", () => {
    expect(index.suggest("网约")).toContain("网约车");
    expect(index.suggest("wangy")).toContain("网约车");
    expect(index.suggest("yd").some((s) => s.includes("药店") || s === "药店")).toBe(true);
  });

  it("ranks a large edition by its rarer words when one word is in nearly every item", () => {
    const objects = ["燃气", "药品", "食品", "建材", "出版物"];
    const docs = Array.from({ length: 1_200 }, (_, i) => ({ id: String(i), title: `未获得许可，不得从事第${i}号${objects[i % objects.length]}经营` }));
    const big = new SearchIndex(docs, {
      fields: [{ name: "title", weight: 1, values: (d: (typeof docs)[0]) => [d.title] }],
      order: (a, b) => Number(a.id) - Number(b.id),
      synonyms: synonymTable({}),
    });
    const r = big.search("燃气经营许可", { pageSize: 5 });
    expect(r.total).toBe(240);
    expect(r.hits.every((h) => h.doc.title.includes("燃气"))).toBe(true);
    expect(big.search("许可").total).toBe(1_200);
  });

  it("uses the synonym table it is given (data, not code)", () => {
    const docs = [{ id: "1", title: "互联网上网服务营业场所" }];
    const opts = { fields: [{ name: "title", weight: 1, values: (d: (typeof docs)[0]) => [d.title] }], order: () => 0 };
    const without = new SearchIndex(docs, { ...opts, synonyms: synonymTable({}) });
    const withSyn = new SearchIndex(docs, { ...opts, synonyms: synonymTable({ 黑网吧: ["上网服务"] }) });
    expect(withSyn.search("黑网吧").total).toBe(1);
    expect(without.search("黑网吧").hits[0]?.coverage ?? 0).toBeLessThan(withSyn.search("黑网吧").hits[0].coverage);
  });
});
