import fc from "fast-check";
import { BARRIER_TYPE_CODES, LIST_SCOPES, TOWNS } from "@lushan/shared";
import { describeMatch, firstMatch, ruleMatches, type RoutingFacts, type RuleConditions } from "../../../bff/src/complaints/ruleMatcher";

const CODES = ["S2048", "S2085", "S1001", "100004"];
const DEPTS = ["市场监管总局", "商务部", "交通运输部", "文化和旅游部"];
const INDUSTRIES = ["住宿和餐饮业", "交通运输、仓储和邮政业", "制造业"];
const WORDS = ["招标", "景区", "备案", "Permit", "担保"];

const sub = <T>(xs: readonly T[]) => fc.subarray([...xs], { maxLength: 3 });
const conditions: fc.Arbitrary<RuleConditions> = fc.record({
  barrierTypes: sub(BARRIER_TYPE_CODES),
  itemCodes: sub(CODES),
  itemDepartments: sub(DEPTS),
  industries: sub(INDUSTRIES),
  keywords: sub(WORDS),
  towns: sub(TOWNS),
  listScopes: sub(LIST_SCOPES),
});
const noConditions: RuleConditions = { barrierTypes: [], itemCodes: [], itemDepartments: [], industries: [], keywords: [], towns: [], listScopes: [] };
const facts: fc.Arbitrary<RoutingFacts> = fc.record({
  barrierType: fc.constantFrom(...BARRIER_TYPE_CODES),
  listScope: fc.constantFrom(...LIST_SCOPES),
  item: fc.option(fc.record({ code: fc.constantFrom(...CODES), departments: sub(DEPTS), industry: fc.constantFrom(...INDUSTRIES) }), { nil: null }),
  town: fc.constantFrom(...TOWNS),
  text: fc.array(fc.constantFrom(...WORDS, "窗口", "要求", "permit", "。"), { maxLength: 8 }).map((w) => w.join("")),
});
const CONDITION_KEYS = Object.keys(noConditions) as (keyof RuleConditions)[];

describe("routing rule matcher", () => {
  it("a rule without conditions matches every complaint (property)", () => {
    fc.assert(fc.property(facts, (f) => ruleMatches(noConditions, f)));
  });

  it("each condition holds exactly when the complaint has one of its values (property)", () => {
    fc.assert(
      fc.property(conditions, facts, (m, f) => {
        const text = f.text.toLowerCase();
        const holds: Record<keyof RuleConditions, boolean> = {
          barrierTypes: !m.barrierTypes.length || m.barrierTypes.includes(f.barrierType),
          listScopes: !m.listScopes.length || m.listScopes.includes(f.listScope),
          towns: !m.towns.length || m.towns.includes(f.town),
          itemCodes: !m.itemCodes.length || Boolean(f.item && m.itemCodes.includes(f.item.code)),
          itemDepartments: !m.itemDepartments.length || Boolean(f.item && f.item.departments.some((d) => m.itemDepartments.includes(d))),
          industries: !m.industries.length || Boolean(f.item && m.industries.includes(f.item.industry)),
          keywords: !m.keywords.length || m.keywords.some((k) => text.includes(k.toLowerCase())),
        };
        expect(ruleMatches(m, f)).toBe(CONDITION_KEYS.every((k) => holds[k]));
      }),
    );
  });

  it("adding a condition never makes a rule match more complaints (property)", () => {
    fc.assert(
      fc.property(conditions, conditions, fc.constantFrom(...CONDITION_KEYS), facts, (m, extra, key, f) => {
        const narrower = { ...m, [key]: extra[key].length ? extra[key] : m[key] } as RuleConditions;
        // Narrowing replaces one list by another non-empty one or keeps it; only the emptiness matters here.
        const stricter = { ...m, [key]: m[key].length ? m[key] : narrower[key] } as RuleConditions;
        return !ruleMatches(stricter, f) || ruleMatches(m, f);
      }),
    );
  });

  it("conditions on the list item never match a complaint that names none", () => {
    fc.assert(
      fc.property(facts, fc.constantFrom("itemCodes", "itemDepartments", "industries") as fc.Arbitrary<keyof RuleConditions>, (f, key) => {
        const m = { ...noConditions, [key]: key === "itemCodes" ? CODES : key === "itemDepartments" ? DEPTS : INDUSTRIES };
        return ruleMatches(m, { ...f, item: null }) === false;
      }),
    );
  });

  it("matches keywords case-insensitively anywhere in the text", () => {
    const f: RoutingFacts = { barrierType: "B05", listScope: "unsure", item: null, town: "南康镇", text: "办理PERMIT时被要求……" };
    expect(ruleMatches({ ...noConditions, keywords: ["permit"] }, f)).toBe(true);
    expect(ruleMatches({ ...noConditions, keywords: ["招标"] }, f)).toBe(false);
  });

  it("the first match is the matching rule with the smallest priority, ties by order (property)", () => {
    const rule = fc.record({ id: fc.nat(), priority: fc.integer({ min: 1, max: 20 }), match: conditions });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 12 }), facts, (rules, f) => {
        const chosen = firstMatch(rules, f);
        const matching = rules.filter((r) => ruleMatches(r.match, f));
        if (!matching.length) return chosen === undefined;
        const best = Math.min(...matching.map((r) => r.priority));
        return chosen === matching.find((r) => r.priority === best);
      }),
    );
  });

  it("describes its conditions in words", () => {
    expect(describeMatch(noConditions)).toBe("任何投诉");
    expect(describeMatch({ ...noConditions, barrierTypes: ["B07"], towns: ["牯岭镇"], listScopes: ["not_on_list"] })).toBe("问题类型 B07，不在清单上，乡镇 牯岭镇");
  });
});
