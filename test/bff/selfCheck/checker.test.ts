import { checkActivity, checkScope } from "../../../bff/src/selfCheck/checker";
import { sampleIndex } from "../search/support";

describe("checkActivity", () => {
  const { index, synonyms } = sampleIndex();
  const verdict = (activity: string) => checkActivity(activity, index, synonyms).verdict;

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
    const restricted = checkActivity("食品销售（仅销售预包装食品）", index, synonyms);
    expect(restricted.verdict).toBe("not_listed");
    expect(restricted.matches[0].exemption).toContain("预包装食品");
    expect(verdict("散装食品销售")).toBe("licensed");
  });

  it("tells 批发 from 零售 and 生产 from 销售", () => {
    expect(verdict("成品油零售")).toBe("licensed");
    const wholesale = checkActivity("成品油批发", index, synonyms);
    expect(wholesale.verdict).toBe("not_listed");
    expect(wholesale.note).toContain("备案");
    expect(verdict("化妆品生产")).toBe("licensed");
    expect(verdict("化妆品零售")).toBe("not_listed");
    expect(verdict("电子产品销售")).toBe("not_listed");
    expect(verdict("无人机销售")).toBe("not_listed");
  });

  it("keeps close-sounding unlisted activities outside the list, with the reason when it is known", () => {
    expect(verdict("汽车租赁")).toBe("not_listed");
    const repair = checkActivity("机动车维修", index, synonyms);
    expect(repair.verdict).toBe("not_listed");
    expect(repair.note).toContain("备案");
    expect(repair.related.length).toBeGreaterThan(0);
    expect(verdict("宠物服务（不含动物诊疗）")).toBe("not_listed");
    expect(verdict("餐饮管理")).toBe("not_listed");
    expect(verdict("房地产经纪")).toBe("not_listed");
  });

  it("honours what a scope excludes", () => {
    expect(verdict("道路货物运输（不含危险货物）")).toBe("licensed");
    expect(verdict("人力资源服务（不含职业中介活动、劳务派遣服务）")).toBe("not_listed");
    expect(checkActivity("信息咨询服务（不含许可类信息咨询服务）", index, synonyms).note).toContain("不含");
  });

  it("finds prohibitions only where a measure says so", () => {
    expect(verdict("非公有资本投资设立新闻机构")).toBe("prohibited");
    expect(verdict("新闻采编")).toBe("prohibited");
    expect(verdict("互联网信息服务")).toBe("licensed");
    expect(verdict("报刊零售")).toBe("licensed");
    expect(verdict("融资担保业务")).toBe("licensed");
  });

  it("checks every activity of a scope", () => {
    const results = checkScope("餐饮服务；预包装食品销售；住宿服务；健身服务", index, synonyms);
    expect(results.map((r) => r.verdict)).toEqual(["licensed", "not_listed", "licensed", "not_listed"]);
  });

  it("treats generic wording as outside the list rather than guessing", () => {
    expect(verdict("企业管理咨询")).toBe("not_listed");
    expect(checkScope("技术服务、技术开发", index, synonyms).map((r) => r.verdict)).toEqual(["not_listed", "not_listed"]);
    expect(verdict("网络技术服务")).toBe("not_listed");
  });
});
