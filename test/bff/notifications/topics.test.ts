import { postTopics, subscriptionTopics, Topic } from "../../../bff/src/notifications/topics";

describe("topics", () => {
  it("derives a subscription's topics without duplicates", () => {
    expect(subscriptionTopics({ listAll: true, items: ["S2048", "S2048"], industries: ["餐饮"], categories: ["政策解读"] })).toEqual([
      "list:any",
      "item:S2048",
      "industry:餐饮",
      "category:政策解读",
    ]);
    expect(subscriptionTopics({ listAll: false, items: [], industries: [], categories: [] })).toEqual([]);
  });

  it("sends 清单动态 to everyone following list changes", () => {
    expect(postTopics({ category: "清单动态", industries: [], items: ["S1001"] })).toEqual(["category:清单动态", Topic.anyListChange, "item:S1001"]);
    expect(postTopics({ category: "政策解读", industries: ["住宿"], items: [] })).toEqual(["category:政策解读", "industry:住宿"]);
  });

  it("matches exactly when a subscription and a post share a topic", () => {
    const post = new Set(postTopics({ category: "行业信息", industries: ["餐饮"], items: ["S2048"] }));
    const matches = (s: Parameters<typeof subscriptionTopics>[0]) => subscriptionTopics(s).some((t) => post.has(t));
    expect(matches({ listAll: true, items: [], industries: [], categories: [] })).toBe(false);
    expect(matches({ listAll: false, items: ["S2048"], industries: [], categories: [] })).toBe(true);
    expect(matches({ listAll: false, items: [], industries: ["餐饮"], categories: [] })).toBe(true);
    expect(matches({ listAll: false, items: [], industries: [], categories: ["行业信息"] })).toBe(true);
    expect(matches({ listAll: false, items: ["S9999"], industries: ["住宿"], categories: ["政策解读"] })).toBe(false);
  });
});
