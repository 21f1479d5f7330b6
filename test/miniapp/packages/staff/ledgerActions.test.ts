import {
  RectificationActionBody,
  RectificationCreateBody,
  RectificationUpdateBody,
  type RectificationView,
} from "@lushan/shared/schemas/ledger";
import {
  actionRequest,
  allowedActions,
  createRequest,
  deadlineText,
  editFormFor,
  EMPTY_ACTION_FORM,
  EMPTY_CREATE_FORM,
  updateRequest,
} from "@/packages/staff/ledger/actions";

const none = {
  edit: false,
  start: false,
  progress: false,
  request_signoff: false,
  confirm: false,
  reject: false,
  comment: false,
};

function task(overrides: Partial<RectificationView> = {}): RectificationView {
  return {
    id: "0123456789abcdef01234567",
    taskNo: "ZG2026-0001",
    status: "rectifying",
    statusLabel: "整改中",
    origin: { kind: "complaint", ref: "LS202612040001", caseId: null, finding: null },
    problem: "要求额外证明",
    department: {
      id: "0123456789abcdef01234568",
      code: "scjg",
      name: "市市场监管局",
      shortName: "市场监管",
    },
    responsiblePerson: "王科长",
    deadline: "2026-12-20",
    overdue: false,
    closedLate: false,
    closedAt: null,
    createdAt: "2026-12-01T00:00:00.000Z",
    updatedAt: "2026-12-01T00:00:00.000Z",
    abilities: { ...none, progress: true, request_signoff: true, comment: true },
    measures: null,
    evidence: [],
    publicSummary: null,
    signedOffBy: null,
    history: [],
    version: 5,
    ...overrides,
  };
}

describe("ledger actions", () => {
  it("offers the actions the task allows, in workflow order", () => {
    expect(allowedActions(task().abilities)).toEqual(["progress", "request_signoff", "comment"]);
    expect(allowedActions({ ...none, confirm: true, reject: true })).toEqual(["confirm", "reject"]);
  });

  it("builds bodies the contract accepts for every action", () => {
    const cases = [
      actionRequest("start", { ...EMPTY_ACTION_FORM, measures: "废止文件" }, 5),
      actionRequest(
        "progress",
        { ...EMPTY_ACTION_FORM, evidenceText: "废止通知", evidenceUrl: "https://gov.cn/a.pdf" },
        5,
      ),
      actionRequest("request_signoff", { ...EMPTY_ACTION_FORM, note: "已完成" }, 5),
      actionRequest("confirm", { ...EMPTY_ACTION_FORM, publicSummary: "已取消额外证明要求" }, 5),
      actionRequest("reject", { ...EMPTY_ACTION_FORM, note: "佐证不足" }, 5),
      actionRequest("comment", { ...EMPTY_ACTION_FORM, note: "已电话督促" }, 5),
    ];
    for (const built of cases) {
      expect("body" in built).toBe(true);
      if ("body" in built) expect(RectificationActionBody.safeParse(built.body).success).toBe(true);
    }
    expect(cases[1]).toEqual({
      body: {
        action: "progress",
        evidence: [{ text: "废止通知", url: "https://gov.cn/a.pdf" }],
        expectedVersion: 5,
      },
    });
  });

  it("says what each action still needs", () => {
    expect(actionRequest("start", EMPTY_ACTION_FORM, 1)).toEqual({
      errors: { measures: "请填写整改措施" },
    });
    expect(actionRequest("confirm", EMPTY_ACTION_FORM, 1)).toEqual({
      errors: { publicSummary: "请填写公示说明" },
    });
    expect(actionRequest("reject", EMPTY_ACTION_FORM, 1)).toEqual({
      errors: { note: "请填写退回原因" },
    });
    expect(
      actionRequest("progress", { ...EMPTY_ACTION_FORM, evidenceUrl: "http://x.cn" }, 1),
    ).toEqual({
      errors: { evidenceUrl: "链接必须是 https 地址", evidenceText: "请说明这份佐证材料是什么" },
    });
  });

  it("creates tasks from each origin with the fields that origin needs", () => {
    const base = {
      ...EMPTY_CREATE_FORM,
      problem: "要求额外证明",
      department: "scjg",
      responsiblePerson: "王科长",
      deadline: "2026-12-31",
    };
    const fromComplaint = createRequest({ ...base, ticketNo: "ls202612040001" }, "2026-12-04");
    expect(fromComplaint).toMatchObject({
      body: { origin: "complaint", ticketNo: "LS202612040001" },
    });
    if ("body" in fromComplaint)
      expect(RectificationCreateBody.safeParse(fromComplaint.body).success).toBe(true);
    const fromFinding = createRequest(
      { ...base, origin: "evaluation", finding: "答复超期较多" },
      "2026-12-04",
    );
    if ("body" in fromFinding)
      expect(RectificationCreateBody.safeParse(fromFinding.body).success).toBe(true);
    expect(createRequest({ ...base, origin: "case" }, "2026-12-04")).toEqual({
      errors: { caseId: "请选择来源典型案例" },
    });
    expect(
      createRequest({ ...base, ticketNo: "LS1", deadline: "2026-12-01" }, "2026-12-04"),
    ).toEqual({
      errors: { deadline: "整改期限不能早于今天" },
    });
  });

  it("sends only changed owner fields, with the version", () => {
    const t = task();
    expect(updateRequest(editFormFor(t), t)).toBeNull();
    const body = updateRequest({ ...editFormFor(t), deadline: "2027-01-10", note: "延期" }, t);
    expect(body).toEqual({ expectedVersion: 5, deadline: "2027-01-10", note: "延期" });
    expect(RectificationUpdateBody.safeParse(body).success).toBe(true);
  });

  it("reads deadlines as days left or overdue", () => {
    expect(deadlineText("2026-12-07", "2026-12-04", false)).toBe("剩 3 天");
    expect(deadlineText("2026-12-04", "2026-12-04", false)).toBe("今天到期");
    expect(deadlineText("2026-12-01", "2026-12-04", false)).toBe("已逾期 3 天");
    expect(deadlineText("2026-12-01", "2026-12-04", true)).toBe("");
  });
});
