import { readFileSync } from "node:fs";
import path from "node:path";
import { checkActivity } from "../../../bff/src/selfCheck/checker";
import { sampleIndex } from "./support";

interface RelevanceSet {
  search: { q: string; expected: string[] }[];
  selfCheck: { activity: string; verdict: string; expected: string[] }[];
}

const set = JSON.parse(readFileSync(path.join(__dirname, "relevance-set.json"), "utf8")) as RelevanceSet;

// Thresholds sit just below the measured values (recall@3 1.00, MRR 0.996, accuracy 1.00 when
// written), so a regression fails while small wording changes in the data do not.
const MIN_RECALL_AT_3 = 0.97;
const MIN_MRR = 0.95;
const MIN_SELF_CHECK_ACCURACY = 0.96;

describe("relevance on the in-repo query set", () => {
  const { index, synonyms } = sampleIndex();

  it(`has at least 80 search queries and 20 unlisted activities`, () => {
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

  it(`self-check accuracy ≥ ${MIN_SELF_CHECK_ACCURACY}`, () => {
    let correct = 0;
    const wrong: string[] = [];
    for (const c of set.selfCheck) {
      const r = checkActivity(c.activity, index, synonyms);
      const ok = r.verdict === c.verdict && (c.expected.length === 0 || r.matches.some((m) => c.expected.includes(m.item.code)));
      if (ok) correct++;
      else wrong.push(`${c.activity}: ${r.verdict}（应为 ${c.verdict}）`);
    }
    const accuracy = correct / set.selfCheck.length;
    console.log(`self-check: accuracy=${accuracy.toFixed(3)} over ${set.selfCheck.length} activities${wrong.length ? `\nwrong:\n${wrong.join("\n")}` : ""}`);
    expect(accuracy).toBeGreaterThanOrEqual(MIN_SELF_CHECK_ACCURACY);
  });

  it("never calls an unlisted activity licensed", () => {
    for (const c of set.selfCheck.filter((x) => x.verdict === "not_listed")) {
      expect([c.activity, checkActivity(c.activity, index, synonyms).verdict]).toEqual([c.activity, "not_listed"]);
    }
  });
});
