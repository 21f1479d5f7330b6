import { checkActivity, checkScope } from "../../../bff/src/selfCheck/checker";
import { sampleIndex } from "../search/support";

describe("checkActivity", () => {
  const { index, synonyms } = sampleIndex();

  it("says licensed with the item for a listed activity", () => {
    const r = checkActivity("药品零售", index, synonyms);
    expect(r.verdict).toBe("licensed");
    expect(r.matches[0].item.code).toBe("S2035");
    expect(r.confidence).toBeGreaterThanOrEqual(0.75);
  });

  it("quotes the list's own exemption (备案) instead of claiming a licence", () => {
    const r = checkActivity("预包装食品销售（不含冷藏冷冻食品）", index, synonyms);
    expect(r.verdict).toBe("not_listed");
    expect(r.matches[0].exemption).toContain("预包装食品");
  });

  it("keeps close-sounding unlisted activities outside the list, with related items", () => {
    const rental = checkActivity("汽车租赁", index, synonyms);
    expect(rental.verdict).toBe("not_listed");
    const repair = checkActivity("机动车维修", index, synonyms);
    expect(repair.verdict).toBe("not_listed");
    expect(repair.related.length).toBeGreaterThan(0);
  });

  it("finds prohibitions", () => {
    expect(checkActivity("非公有资本投资设立新闻机构", index, synonyms).verdict).toBe("prohibited");
  });

  it("checks every activity of a scope", () => {
    const results = checkScope("餐饮服务；预包装食品销售；住宿服务；健身服务", index, synonyms);
    expect(results.map((r) => r.verdict)).toEqual(["licensed", "not_listed", "licensed", "not_listed"]);
  });

  it("treats generic wording as outside the list rather than guessing", () => {
    expect(checkActivity("企业管理咨询", index, synonyms).verdict).toBe("not_listed");
    expect(checkActivity("技术服务、技术开发", index, synonyms).verdict).toBe("not_listed");
  });
});
