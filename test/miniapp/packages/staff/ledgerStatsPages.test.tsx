import { act, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import type { Role } from "@lushan/shared/roles";
import type { RectificationView } from "@lushan/shared/schemas/ledger";
import type { DepartmentStats, StaffStatsResponse } from "@lushan/shared/schemas/stats";
import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import LedgerDetailPage from "@/packages/staff/ledger/detail";
import StatsPage from "@/packages/staff/stats";
import { resetTaro, setRouterParams } from "../../support/taro";
import { fakeTransport, tokenPair } from "../../support/fakeTransport";

// The shared Picker double only knows selector pickers; date pickers become inputs.
jest.mock("@tarojs/components", () => {
  const actual = jest.requireActual("@tarojs/components");
  return {
    ...actual,
    Picker: (props: {
      mode?: string;
      value?: string;
      children?: ReactNode;
      onChange: (e: { detail: { value: string | number } }) => void;
    }) =>
      props.mode === "date" ? (
        <label>
          <input
            aria-label="选择日期"
            value={String(props.value ?? "")}
            onChange={(e) => props.onChange({ detail: { value: e.target.value } })}
          />
          {props.children}
        </label>
      ) : (
        actual.Picker(props)
      ),
  };
});

// Canvas drawing needs a real canvas; the chart's options are tested on their own.
jest.mock("@/components/chart", () => ({
  Chart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

const ID = "0123456789abcdef01234567";
const none = {
  edit: false,
  start: false,
  progress: false,
  request_signoff: false,
  confirm: false,
  reject: false,
  comment: false,
};

function signInAs(
  role: Role,
  department: { id: string; code: string; name: string; shortName: string } | null = null,
) {
  const pair = tokenPair(`${role}-access`, "refresh-token-000000077");
  act(() =>
    sessionStore.set(
      sessionFromTokens({
        ...pair,
        user: { ...pair.user, role, displayName: "测试人员", department },
      }),
    ),
  );
}

beforeEach(() => {
  resetTaro();
  act(() => sessionStore.set(null));
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
});

function task(overrides: Partial<RectificationView> = {}): RectificationView {
  return {
    id: ID,
    taskNo: "ZG2026-0001",
    status: "pending_signoff",
    statusLabel: "待销号确认",
    origin: { kind: "complaint", ref: "LS202612040001", caseId: null, finding: null },
    problem: "窗口额外要求证明材料",
    department: { id: ID, code: "scjgj", name: "庐山市市场监督管理局", shortName: "市市场监管局" },
    responsiblePerson: "王科长",
    deadline: "2026-12-01",
    overdue: true,
    closedLate: false,
    closedAt: null,
    createdAt: "2026-11-20T00:00:00.000Z",
    updatedAt: "2026-12-02T00:00:00.000Z",
    abilities: { ...none, confirm: true, reject: true, comment: true, edit: true },
    measures: "责令窗口停止要求",
    evidence: [{ at: "2026-12-02T00:00:00.000Z", text: "整改通知", url: null, by: "王科长" }],
    publicSummary: null,
    signedOffBy: null,
    history: [],
    version: 4,
    ...overrides,
  };
}

describe("ledger task page", () => {
  it("offers the coordinator 销号 or 退回, asks for the public summary, and sends the version", async () => {
    signInAs("coordinator");
    setRouterParams({ id: ID });
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/staff/rectifications/${ID}`]: () => ({ statusCode: 200, data: task() }),
      [`POST /api/v1/staff/rectifications/${ID}/actions`]: () => ({
        statusCode: 200,
        data: task({
          status: "done",
          statusLabel: "已销号",
          overdue: false,
          closedLate: true,
          closedAt: "2026-12-04T02:00:00.000Z",
          abilities: { ...none, comment: true },
          version: 5,
        }),
      }),
    });
    configureRequest({ transport });
    render(<LedgerDetailPage />);
    expect(await screen.findByText("已逾期")).toBeTruthy();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual([
      "确认销号",
      "退回重新整改",
      "备注",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "确认销号" }));
    expect(await screen.findByText("请填写公示说明")).toBeTruthy();
    expect(seen.filter((r) => r.method === "POST")).toHaveLength(0);
    fireEvent.change(screen.getByLabelText("公示说明（将在整改公示中公开）"), {
      target: { value: "窗口已停止要求额外证明材料" },
    });
    fireEvent.click(screen.getByRole("button", { name: "确认销号" }));
    expect(await screen.findByText("已确认销号")).toBeTruthy();
    expect(screen.getByText("逾期销号")).toBeTruthy();
    expect(seen.find((r) => r.method === "POST")?.data).toEqual({
      action: "confirm",
      publicSummary: "窗口已停止要求额外证明材料",
      expectedVersion: 4,
    });
  });

  it("shows a department what it may do now and nothing else", async () => {
    signInAs("dept_staff", {
      id: ID,
      code: "scjgj",
      name: "庐山市市场监督管理局",
      shortName: "市市场监管局",
    });
    setRouterParams({ id: ID });
    const { transport } = fakeTransport({
      [`GET /api/v1/staff/rectifications/${ID}`]: () => ({
        statusCode: 200,
        data: task({
          status: "open",
          statusLabel: "待整改",
          evidence: [],
          measures: null,
          abilities: { ...none, start: true, comment: true },
        }),
      }),
    });
    configureRequest({ transport });
    render(<LedgerDetailPage />);
    expect(await screen.findByText("尚未填写整改措施")).toBeTruthy();
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["开始整改", "备注"]);
    expect(screen.queryByText("调整责任部门、责任人或期限")).toBeNull();
  });
});

const ratio = (n: number, d: number) => ({ numerator: n, denominator: d, rate: d ? n / d : null });

function figures(complaints: number, overrides: Partial<DepartmentStats> = {}): DepartmentStats {
  return {
    department: { id: ID, code: "scjgj", name: "庐山市市场监督管理局", shortName: "市市场监管局" },
    complaints,
    byStatus: [],
    byBarrierType: [
      { code: "B05", name: "违规扩大审批范围、变更或增设审批条件", count: complaints },
    ],
    acceptHours: { count: 2, median: 3, p90: 6 },
    replyHours: { count: 2, median: 12, p90: 20 },
    closeHours: { count: 0, median: null, p90: null },
    onTimeAccept: ratio(2, 2),
    onTimeReply: ratio(1, 2),
    satisfaction: ratio(0, 0),
    reopen: ratio(0, 2),
    duplicate: ratio(0, complaints),
    rectification: { total: 1, done: 0, overdue: 1, completion: ratio(0, 1) },
    ...overrides,
  };
}

describe("stats page", () => {
  it("shows a department its own figures in words, with charts described and no department filter", async () => {
    signInAs("dept_staff", {
      id: ID,
      code: "scjgj",
      name: "庐山市市场监督管理局",
      shortName: "市市场监管局",
    });
    const answer: StaffStatsResponse = {
      period: { from: "2026-11-05", to: "2026-12-04" },
      generatedAt: "2026-12-04T02:00:00.000Z",
      calendarComplete: false,
      total: figures(2),
      departments: [figures(2)],
    };
    const { transport, seen } = fakeTransport({
      "GET /api/v1/staff/stats": () => ({ statusCode: 200, data: answer }),
    });
    configureRequest({ transport });
    render(<StatsPage />);
    expect(await screen.findByText("统计范围：庐山市市场监督管理局")).toBeTruthy();
    expect(screen.queryByText("全部部门")).toBeNull();
    expect((await screen.findAllByText("50%（1/2）")).length).toBeGreaterThan(0);
    expect(screen.getAllByText("暂无数据").length).toBeGreaterThan(0);
    expect(screen.getByText("逾期未销号 1 项")).toBeTruthy();
    expect(screen.getByText(/尚未录入节假日安排/)).toBeTruthy();
    expect(screen.getByRole("img", { name: "各部门投诉件数柱状图，数字见下方表格" })).toBeTruthy();
    const url = new URL(seen[0].url);
    expect(url.searchParams.get("department")).toBeNull();
    expect(url.searchParams.get("format")).toBe("json");
  });

  it("says so when the period has no complaints, and explains a reversed custom period", async () => {
    signInAs("coordinator");
    const empty = figures(0, {
      department: null,
      byBarrierType: [],
      rectification: { total: 0, done: 0, overdue: 0, completion: ratio(0, 0) },
    });
    const { transport } = fakeTransport({
      "GET /api/v1/staff/stats": () => ({
        statusCode: 200,
        data: {
          period: { from: "2026-11-05", to: "2026-12-04" },
          generatedAt: "2026-12-04T02:00:00.000Z",
          calendarComplete: true,
          total: empty,
          departments: [],
        },
      }),
      "GET /api/v1/departments": () => ({ statusCode: 200, data: { items: [] } }),
    });
    configureRequest({ transport });
    render(<StatsPage />);
    expect(await screen.findByText("这个时段没有投诉")).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: "自选时段" }));
    fireEvent.change(screen.getAllByLabelText("选择日期")[0], { target: { value: "2026-12-10" } });
    expect(await screen.findByText("开始日期不能晚于结束日期，请重新选择。")).toBeTruthy();
  });
});
