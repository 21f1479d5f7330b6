import { readFileSync } from "node:fs";
import path from "node:path";
import { checkActivity } from "../../../bff/src/selfCheck/checker";
import { sampleIndex } from "./support";

interface RelevanceSet {
  search: { q: string; expected: string[] }[];
  searchNoMatch: string[];
  selfCheck: { activity: string; verdict: "prohibited" | "licensed" | "not_listed"; expected: string[] }[];
}

const set = JSON.parse(readFileSync(path.join(__dirname, "relevance-set.json"), "utf8")) as RelevanceSet;

// Thresholds sit a little below the values measured when the set was last extended (recall@3
// 0.977, MRR 0.956, no-match 0.80, self-check accuracy 0.960, unlisted called licensed 1.4 %,
// unlisted called prohibited 0), so a regression fails while small wording changes in the data do not.
// About a third of the set was written after the engine and scored before any tuning on it.
const MIN_RECALL_AT_3 = 0.96;
const MIN_MRR = 0.94;
const MIN_NO_MATCH = 0.75;
const MIN_SELF_CHECK_ACCURACY = 0.94;
const MAX_UNLISTED_CALLED_LICENSED = 0.03;

describe("relevance on the in-repo query set", () => {
  const { index, synonyms } = sampleIndex();

  it("has at least 80 search queries and 20 unlisted activities", () => {
    expect(set.search.length).toBeGreaterThanOrEqual(80);
    expect(set.selfCheck.filter((c) => c.verdict === "not_listed").length).toBeGreaterThanOrEqual(20);
  });

  it(`search recall@3 ≥ ${MIN_RECALL_AT_3} and MRR ≥ ${MIN_MRR}`, () => {
    let inTop3 = 0;
    let reciprocal = 0;
    const misses: string[] = [];
    for (const { q, expected } of set.search) {
      const hits = index.search(q, { pageSize: 10 }).hits;
      const rank = hits.findIndex((h) => expected.includes(h.doc.code));
      if (rank >= 0 && rank < 3) inTop3++;
      else misses.push(`${q} → ${hits.slice(0, 3).map((h) => h.doc.code).join(",") || "无结果"}（应为 ${expected.join("/")}）`);
      if (rank >= 0) reciprocal += 1 / (rank + 1);
    }
    const recall = inTop3 / set.search.length;
    const mrr = reciprocal / set.search.length;
    console.log(`search: recall@3=${recall.toFixed(3)} MRR=${mrr.toFixed(3)} over ${set.search.length} queries${misses.length ? `\nmisses:\n${misses.join("\n")}` : ""}`);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL_AT_3);
    expect(mrr).toBeGreaterThanOrEqual(MIN_MRR);
  });

  it(`returns nothing (rather than a far-fetched item) for ≥ ${MIN_NO_MATCH} of unlisted queries`, () => {
    const noisy = set.searchNoMatch.filter((q) => index.search(q).total > 0);
    const rate = 1 - noisy.length / set.searchNoMatch.length;
    console.log(`search no-match: ${rate.toFixed(3)} over ${set.searchNoMatch.length} queries${noisy.length ? `; with results: ${noisy.join("、")}` : ""}`);
    expect(rate).toBeGreaterThanOrEqual(MIN_NO_MATCH);
  });

  it(`self-check accuracy ≥ ${MIN_SELF_CHECK_ACCURACY}; unlisted activities are rarely called licensed and never prohibited`, () => {
    let correct = 0;
    let unlisted = 0;
    let calledLicensed = 0;
    const calledProhibited: string[] = [];
    const wrong: string[] = [];
    for (const c of set.selfCheck) {
      const r = checkActivity(c.activity, index, synonyms);
      const ok = r.verdict === c.verdict && (c.expected.length === 0 || r.matches.some((m) => c.expected.includes(m.item.code)));
      if (ok) correct++;
      else wrong.push(`${c.activity}: ${r.verdict}（应为 ${c.verdict}）${r.matches.map((m) => m.item.code).join(",")}`);
      if (c.verdict === "not_listed") {
        unlisted++;
        if (r.verdict === "licensed") calledLicensed++;
        if (r.verdict === "prohibited") calledProhibited.push(c.activity);
      }
    }
    const accuracy = correct / set.selfCheck.length;
    const falseLicensed = calledLicensed / unlisted;
    console.log(
      `self-check: accuracy=${accuracy.toFixed(3)} over ${set.selfCheck.length} activities; unlisted called licensed ${(falseLicensed * 100).toFixed(1)} % of ${unlisted}${wrong.length ? `\nwrong:\n${wrong.join("\n")}` : ""}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(MIN_SELF_CHECK_ACCURACY);
    expect(falseLicensed).toBeLessThanOrEqual(MAX_UNLISTED_CALLED_LICENSED);
    expect(calledProhibited).toEqual([]);
  });

  it("keeps the activities the data notes as outside the list outside it", () => {
    for (const activity of ["健身服务", "生活美容服务", "机动车维修", "二手车经营", "公章刻制", "酒类零售"]) {
      const r = checkActivity(activity, index, synonyms);
      expect([activity, r.verdict]).toEqual([activity, "not_listed"]);
    }
  });
});
