import { CaseCheckBody, CaseUpdateBody, type StaffCaseView } from "@lushan/shared/schemas/cases";
import {
  caseCheckBody,
  caseUpdateBody,
  draftFromCase,
  findingsByField,
  validateCaseDraft,
} from "@/packages/staff/case-edit/form";

function staffCase(overrides: Partial<StaffCaseView> = {}): StaffCaseView {
  return {
    id: "0123456789abcdef01234567",
    caseNo: "AL2026-0001",
    origin: "complaint",
    kind: "barrier",
    title: "某局违规增设餐饮许可条件",
    excerpt: "",
    barrierType: "B05",
    barrierTypeName: "违规扩大审批范围、变更或增设审批条件",
    locality: "庐山市",
    authority: "某局",
    batch: null,
    source: { url: null, label: "庐山市营商环境投诉办理", quality: "local", note: null },
    publishedAt: null,
    sample: false,
    summary: "申请人张三反映窗口要求额外证明。",
    handling: null,
    lesson: null,
    relatedItemCodes: [],
    postId: null,
    status: "proposed",
    statusLabel: "待编辑发布",
    ticketNo: "LS202612040001",
    department: null,
    proposalReason: "有代表性",
    proposedAt: null,
    rejectReason: null,
    check: { passed: false, findings: [], explanation: "" },
    history: [],
    version: 2,
    updatedAt: "2026-12-04T01:00:00.000Z",
    abilities: { edit: true, publish: true, unpublish: false, reject: true },
    ...overrides,
  };
}

describe("typical-case editor", () => {
  it("sends only the changed public text, empty optional fields as null, with the version", () => {
    const base = staffCase();
    const draft = draftFromCase(base);
    expect(caseUpdateBody(draft, base)).toBeNull();
    const body = caseUpdateBody(
      { ...draft, summary: "申请人反映窗口要求额外证明。", lesson: "  ", handling: "已废止该要求" },
      base,
    );
    expect(body).toEqual({
      expectedVersion: 2,
      summary: "申请人反映窗口要求额外证明。",
      handling: "已废止该要求",
    });
    expect(CaseUpdateBody.safeParse(body).success).toBe(true);
  });

  it("checks the text being typed, including the 被通报单位", () => {
    const body = caseCheckBody({ ...draftFromCase(staffCase()), authority: "" });
    expect(body).toEqual({
      title: "某局违规增设餐饮许可条件",
      summary: "申请人张三反映窗口要求额外证明。",
      handling: null,
      lesson: null,
      authority: null,
    });
    expect(CaseCheckBody.safeParse(body).success).toBe(true);
  });

  it("groups findings by field in page order, by position within a field", () => {
    const groups = findingsByField([
      { kind: "phone", field: "handling", index: 3, excerpt: "138****5678", message: "删去电话" },
      { kind: "name", field: "summary", index: 9, excerpt: "张*", message: "改为申请人" },
      { kind: "name", field: "summary", index: 2, excerpt: "李*", message: "改为申请人" },
    ]);
    expect(groups.map((g) => g.label)).toEqual(["案情摘要", "处理情况"]);
    expect(groups[0].items.map((f) => f.index)).toEqual([2, 9]);
  });

  it("refuses an empty title or summary", () => {
    expect(validateCaseDraft({ ...draftFromCase(staffCase()), title: " ", summary: "" })).toEqual({
      title: "请填写标题",
      summary: "请填写案情摘要",
    });
  });
});
