import { coreOf, splitScope } from "../../../bff/src/selfCheck/splitScope";

describe("splitScope", () => {
  it("splits a business scope into activities and drops registration boilerplate", () => {
    expect(
      splitScope(
        "许可项目：餐饮服务；住宿服务（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）一般项目：预包装食品销售（不含冷藏冷冻食品）；健身服务；广告设计、代理；药品零售、医疗器械销售（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
      ),
    ).toEqual(["餐饮服务", "住宿服务", "预包装食品销售（不含冷藏冷冻食品）", "健身服务", "广告设计、代理", "药品零售", "医疗器械销售"]);
  });

  it("accepts line breaks, ASCII separators and duplicates", () => {
    expect(splitScope("餐饮服务\n餐饮服务;快递服务,旅行社服务")).toEqual(["餐饮服务", "快递服务", "旅行社服务"]);
  });

  it("splits activities joined by 及/和 when both sides stand alone", () => {
    expect(splitScope("理发及美容服务；会议及展览服务；药品和医疗器械零售（不含处方药）")).toEqual(["理发", "美容服务", "会议", "展览服务", "药品和医疗器械零售（不含处方药）"]);
  });

  it("ignores empty input and caps the number of activities", () => {
    expect(splitScope(" ；；、 ")).toEqual([]);
    expect(splitScope(Array.from({ length: 80 }, (_, i) => `业务${i}服务`).join("；"))).toHaveLength(50);
  });

  it("strips parenthetical clarifications for matching", () => {
    expect(coreOf("道路货物运输（不含危险货物）")).toBe("道路货物运输");
  });
});
