import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { StaffComplaintView } from "@lushan/shared/schemas/complaint";
import StaffComplaintPage from "@/packages/staff/complaint/index";
import {
  actionFields,
  buildActionBody,
  EMPTY_ACTION_DRAFT,
  isStaffAction,
} from "@/packages/staff/complaint/actionForm";
import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import { fakeTransport, tokenPair } from "../support/fakeTransport";
import { resetTaro, setRouterParams } from "../support/taro";

const TICKET = "LS202612040001";

function staffView(overrides: Partial<StaffComplaintView> = {}): StaffComplaintView {
  const at = "2026-12-04T01:00:00.000Z";
  return {
    ticketNo: TICKET,
    status: "assigned",
    statusLabel: "已派单",
    channel: "miniapp",
    barrierType: { code: "B05", name: "违规扩大审批范围、变更或增设审批条件" },
    title: "办证被要求额外材料",
    description: "去窗口办理许可时，被要求提供法规没有规定的证明材料。",
    listScope: "unsure",
    listItem: null,
    accusedName: "某局窗口",
    town: "南康镇",
    contact: { name: "张*", phone: "138****5678", masked: true, withheld: false },
    confidential: false,
    moderation: "cleared",
    moderationLabel: "审核通过",
    evidence: [],
    supplements: [],
    routing: { department: null, coDepartments: [], hotline: false, reason: "" },
    deadlines: { acceptBy: at, replyBy: null, overdue: true, dueSoon: false },
    reply: null,
    rating: null,
    mergedInto: null,
    timeline: [
      {
        at,
        action: "submit",
        actionLabel: "提交",
        actor: "投诉人",
        from: null,
        to: "submitted",
        note: null,
      },
    ],
    createdAt: at,
    updatedAt: at,
    business: { name: "某小吃店", creditCode: "9136****01", masked: true },
    department: {
      id: "0123456789abcdef01234567",
      code: "scjgj",
      name: "市场监管局",
      shortName: "市场监管",
    },
    coDepartments: [],
    accusedDepartment: null,
    routingDetail: { ruleId: null, ruleName: null, explanation: "按事项主管部门分办" },
    moderationNote: null,
    complex: false,
    supervised: false,
    escalated: false,
    reopenCount: 0,
    mergedFrom: [],
    workOrder: null,
    allowedActions: ["accept", "return", "comment"],
    relation: "handling_department",
    abilities: { read: true, readIdentity: false, readHeldContent: false, actAsComplainant: false },
    ...overrides,
  };
}

function signInStaff() {
  const pair = tokenPair("access-staff", "refresh-token-000000009");
  sessionStore.set(
    sessionFromTokens({
      ...pair,
      user: { ...pair.user, role: "dept_staff", displayName: "王科员" },
    }),
  );
}

beforeEach(() => {
  resetTaro();
  sessionStore.set(null);
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
});

describe("action forms", () => {
  it("ask for a note exactly when the lifecycle needs one", () => {
    expect(actionFields("reply").noteRequired).toBe(true);
    expect(actionFields("accept").noteRequired).toBe(false);
    expect(buildActionBody("reply", EMPTY_ACTION_DRAFT, TICKET)).toEqual({
      errors: { note: "请填写答复内容" },
    });
    expect(buildActionBody("reply", { ...EMPTY_ACTION_DRAFT, note: " 已核实 " }, TICKET)).toEqual({
      body: { action: "reply", note: "已核实" },
    });
    expect(buildActionBody("accept", { ...EMPTY_ACTION_DRAFT, complex: true }, TICKET)).toEqual({
      body: { action: "accept", complex: true },
    });
  });

  it("need a department to assign or transfer to, and a valid other ticket to merge into", () => {
    expect(buildActionBody("assign", EMPTY_ACTION_DRAFT, TICKET)).toEqual({
      errors: { department: "请选择承办部门" },
    });
    expect(
      buildActionBody(
        "transfer",
        { ...EMPTY_ACTION_DRAFT, department: "swj", note: "职责调整" },
        TICKET,
      ),
    ).toEqual({
      body: { action: "transfer", department: "swj", coDepartments: [], note: "职责调整" },
    });
    expect(buildActionBody("merge", { ...EMPTY_ACTION_DRAFT, into: TICKET }, TICKET)).toEqual({
      errors: { into: "不能并入本件" },
    });
    expect(
      buildActionBody("merge", { ...EMPTY_ACTION_DRAFT, into: "ls202612040002" }, TICKET),
    ).toEqual({
      body: { action: "merge", into: "LS202612040002" },
    });
    expect(
      buildActionBody(
        "return",
        { ...EMPTY_ACTION_DRAFT, note: "不属本部门", department: "swj" },
        TICKET,
      ),
    ).toEqual({ body: { action: "return", note: "不属本部门", suggestedDepartment: "swj" } });
  });

  it("leave the complainant's own actions out of the workbench", () => {
    expect(["rate", "supplement", "withdraw"].some((a) => isStaffAction(a as never))).toBe(false);
    expect(isStaffAction("review_evidence")).toBe(true);
  });
});

describe("staff complaint page", () => {
  it("shows masked personal data and exactly the allowed actions; acting updates the page", async () => {
    signInStaff();
    setRouterParams({ ticketNo: TICKET });
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/staff/complaints/${TICKET}`]: () => ({ statusCode: 200, data: staffView() }),
      [`POST /api/v1/staff/complaints/${TICKET}/actions`]: () => ({
        statusCode: 200,
        data: staffView({
          status: "accepted",
          statusLabel: "办理中",
          allowedActions: ["reply", "return", "comment"],
        }),
      }),
    });
    configureRequest({ transport });
    render(<StaffComplaintPage />);
    await screen.findByText("办证被要求额外材料");
    expect(screen.getByText("138****5678")).toBeTruthy();
    expect(screen.getByText("个人信息已部分隐藏。")).toBeTruthy();
    expect(screen.getByText("已超期")).toBeTruthy();
    const buttons = () =>
      Array.from(document.querySelectorAll(".staff-complaint__action")).map((b) => b.textContent);
    expect(buttons()).toEqual(["受理", "退单", "内部备注"]);

    fireEvent.click(screen.getByText("受理"));
    fireEvent.click(screen.getByText("确认受理"));
    await screen.findByText("已受理");
    expect(seen.at(-1)?.data).toEqual({ action: "accept", complex: false });
    await waitFor(() => expect(buttons()).toEqual(["答复", "退单", "内部备注"]));
  });

  it("says so when the complainant asked for confidentiality", async () => {
    signInStaff();
    setRouterParams({ ticketNo: TICKET });
    const { transport } = fakeTransport({
      [`GET /api/v1/staff/complaints/${TICKET}`]: () => ({
        statusCode: 200,
        data: staffView({
          confidential: true,
          contact: { name: "", phone: "", masked: false, withheld: true },
          business: null,
          allowedActions: [],
        }),
      }),
    });
    configureRequest({ transport });
    render(<StaffComplaintPage />);
    await screen.findByText("反映人要求对被反映部门保密，身份信息不予显示。");
    expect(screen.getByText("当前状态下您没有可以办理的动作。")).toBeTruthy();
  });

  it("shows the error with a retry when loading fails", async () => {
    signInStaff();
    setRouterParams({ ticketNo: TICKET });
    let fail = true;
    const { transport } = fakeTransport({
      [`GET /api/v1/staff/complaints/${TICKET}`]: () =>
        fail
          ? {
              statusCode: 503,
              data: {
                error: { code: "service_unavailable", message: "服务暂时不可用，请稍后重试" },
              },
            }
          : { statusCode: 200, data: staffView() },
    });
    configureRequest({ transport });
    render(<StaffComplaintPage />);
    await screen.findByText("服务暂时不可用，请稍后重试");
    fail = false;
    fireEvent.click(screen.getByText("重试"));
    await screen.findByText("办证被要求额外材料");
  });
});
