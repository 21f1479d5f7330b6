import {
  DEPARTMENT_WRITABLE_CATEGORIES,
  PolicyValidation,
  PostCreateBody,
  PostStatusLabels,
  PostUpdateBody,
  STAFF_WRITABLE_CATEGORIES,
  type StaffPostView,
} from "@lushan/shared/schemas/policy";
import { htmlToText, splitList, textToHtml } from "@/packages/staff/policy-edit/bodyText";
import {
  createBody,
  draftFromPost,
  emptyDraft,
  isDirty,
  scheduleIso,
  updateBody,
  validateDraft,
  writableCategories,
} from "@/packages/staff/policy-edit/form";
import {
  DEPARTMENT_CATEGORIES,
  POST_LIMITS,
  POST_STATUS_LABELS,
  STAFF_CATEGORIES,
} from "@/packages/staff/policies/labels";

function post(overrides: Partial<StaffPostView> = {}): StaffPostView {
  return {
    id: "0123456789abcdef01234567",
    category: "政策解读",
    title: "餐饮许可解读",
    summary: "一句话摘要",
    cover: null,
    source: "staff",
    department: null,
    author: "市场监管局",
    tags: { industries: ["餐饮"], items: ["101001"] },
    publishedAt: null,
    externalUrl: null,
    sample: false,
    body: "<p>第一段</p><h3>办理要点</h3><ul><li>材料一</li><li>材料二</li></ul>",
    attachments: [],
    items: [],
    version: 3,
    updatedAt: "2026-12-01T02:00:00.000Z",
    status: "draft",
    publishAt: null,
    unpublishedAt: null,
    unpublishReason: null,
    createdAt: "2026-12-01T01:00:00.000Z",
    createdBy: null,
    abilities: { update: true, publish: true, unpublish: false },
    ...overrides,
  };
}

describe("the editor's plain-text body", () => {
  it("turns paragraphs, subheadings and lists into simple HTML and escapes markup", () => {
    expect(textToHtml("第一段\n第二行\n\n## 办理要点\n- 材料一\n- 材料<二>\n\n结尾 & 说明")).toBe(
      "<p>第一段<br/>第二行</p><h3>办理要点</h3><ul><li>材料一</li><li>材料&lt;二&gt;</li></ul><p>结尾 &amp; 说明</p>",
    );
  });

  it("reads stored HTML back into the same conventions", () => {
    const text = "第一段\n\n## 办理要点\n\n- 材料一\n- 材料<二>\n\n结尾 & 说明";
    expect(htmlToText(textToHtml(text))).toBe(text);
    expect(
      htmlToText(
        '<p>见<a href="https://x.cn">通知</a>&nbsp;全文</p><table><tr><td>甲</td></tr></table>',
      ),
    ).toBe("见通知 全文\n\n甲");
  });

  it("splits tag lists on Chinese and Latin separators, without duplicates", () => {
    expect(splitList("餐饮，食品销售、餐饮; 住宿  民宿")).toEqual([
      "餐饮",
      "食品销售",
      "住宿",
      "民宿",
    ]);
  });
});

describe("the policy draft", () => {
  it("offers department administrators only their categories", () => {
    expect(writableCategories("dept_admin")).toEqual(["政策解读", "行业信息"]);
    expect(writableCategories("coordinator")).toContain("典型案例通报");
    expect(emptyDraft("coordinator").category).toBe("政策解读");
    expect(emptyDraft("dept_admin").category).toBe("政策解读");
  });

  it("checks required fields and limits in Chinese", () => {
    const errors = validateDraft({ ...emptyDraft("coordinator"), title: "标".repeat(65) });
    expect(errors.title).toBe("标题不能超过 64 个字");
    expect(errors.body).toBe("请填写正文");
    expect(validateDraft({ ...emptyDraft("coordinator"), title: "标题", body: "正文" })).toEqual(
      {},
    );
  });

  it("builds a create body the contract accepts", () => {
    const body = createBody({
      ...emptyDraft("coordinator"),
      title: " 标题 ",
      body: "正文",
      industries: "餐饮，住宿",
      items: "101001",
    });
    expect(PostCreateBody.safeParse(body).success).toBe(true);
    expect(body.tags).toEqual({ industries: ["餐饮", "住宿"], items: ["101001"] });
  });

  it("sends only changed fields with the version the editor started from", () => {
    const base = post();
    const draft = draftFromPost(base);
    expect(updateBody(draft, base)).toBeNull();
    expect(isDirty(draft, base)).toBe(false);
    const changed = updateBody({ ...draft, title: "新标题", industries: "餐饮，住宿" }, base);
    expect(changed).toEqual({
      expectedVersion: 3,
      title: "新标题",
      tags: { industries: ["餐饮", "住宿"], items: ["101001"] },
    });
    expect(PostUpdateBody.safeParse(changed).success).toBe(true);
  });

  it("schedules in Beijing time and refuses half-chosen times", () => {
    expect(scheduleIso("2026-12-10", "09:30")).toBe("2026-12-10T09:30:00+08:00");
    expect(Date.parse(scheduleIso("2026-12-10", "09:30") as string)).toBe(
      Date.parse("2026-12-10T01:30:00Z"),
    );
    expect(scheduleIso("", "09:30")).toBeNull();
  });
});

describe("labels kept out of the bundle's zod", () => {
  it("match the shared schema module", () => {
    expect(POST_STATUS_LABELS).toEqual(PostStatusLabels);
    expect(STAFF_CATEGORIES).toEqual(STAFF_WRITABLE_CATEGORIES);
    expect(DEPARTMENT_CATEGORIES).toEqual(DEPARTMENT_WRITABLE_CATEGORIES);
    expect(POST_LIMITS).toEqual({
      maxTitle: PolicyValidation.maxTitle,
      maxSummary: PolicyValidation.maxSummary,
      maxTags: PolicyValidation.maxTags,
      maxItems: PolicyValidation.maxItems,
    });
  });
});
