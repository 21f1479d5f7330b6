import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import type { Role } from "@lushan/shared/roles";
import type { HotlineWorkOrderView } from "@lushan/shared/schemas/hotline";
import type { StaffCaseView } from "@lushan/shared/schemas/cases";
import type { StaffPostView } from "@lushan/shared/schemas/policy";
import type { TransportRequest } from "../../../../miniapp/src/platform/types";
import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import HotlinePage from "@/packages/staff/hotline";
import PolicyEditPage from "@/packages/staff/policy-edit";
import CaseEditPage from "@/packages/staff/case-edit";
import { resetTaro, setRouterParams } from "../../support/taro";
import { fakeTransport, tokenPair } from "../../support/fakeTransport";

const ID = "0123456789abcdef01234567";

// The shared Picker double only knows selector pickers; date and time pickers become inputs.
jest.mock("@tarojs/components", () => {
  const actual = jest.requireActual("@tarojs/components");
  return {
    ...actual,
    Picker: (props: {
      mode?: string;
      value?: string;
      range?: string[];
      children?: ReactNode;
      onChange: (e: { detail: { value: string | number } }) => void;
    }) =>
      props.mode === "date" || props.mode === "time" ? (
        <label>
          <input
            aria-label={props.mode === "date" ? "选择日期" : "选择时刻"}
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

function signInAs(role: Role) {
  const pair = tokenPair(`${role}-access`, "refresh-token-000000042");
  act(() =>
    sessionStore.set(
      sessionFromTokens({ ...pair, user: { ...pair.user, role, displayName: "测试人员" } }),
    ),
  );
}

beforeEach(() => {
  resetTaro();
  act(() => sessionStore.set(null));
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
});

function order(overrides: Partial<HotlineWorkOrderView> = {}): HotlineWorkOrderView {
  return {
    ticketNo: "LS202612040001",
    title: "开餐馆被要求先办某证",
    content: "来电反映窗口要求额外证明。",
    category: { code: "B05", name: "违规增设审批条件" },
    town: "南康镇",
    accused: "某局窗口",
    channel: "phone",
    confidential: false,
    requester: { name: "张先生", phone: "138****0000" },
    department: null,
    complaintStatus: "submitted",
    complaintStatusLabel: "已提交",
    deliveryState: "local",
    deliveryStateLabel: "本系统热线队列",
    stage: "unclaimed",
    stageLabel: "待领取",
    claimedBy: null,
    claimedByMe: false,
    claimedAt: null,
    acknowledgedAt: null,
    dispatchedAt: null,
    externalId: null,
    externalStatus: null,
    createdAt: "2026-12-04T01:00:00.000Z",
    can: { claim: true, acknowledge: false, dispatch: false },
    ...overrides,
  };
}

describe("staff pages", () => {
  it("asks for a staff login, and explains when the role may not use the page", async () => {
    render(<HotlinePage />);
    expect(screen.getByText("请先登录工作人员账号")).toBeTruthy();
    signInAs("dept_staff");
    expect(await screen.findByText("没有使用权限")).toBeTruthy();
    expect(screen.getByText("12345 工单队列由 12345 话务员使用。")).toBeTruthy();
  });

  it("lets an operator claim, acknowledge and dispatch a work order to a department", async () => {
    signInAs("hotline_operator");
    let current = order();
    const { transport, seen } = fakeTransport({
      "GET /api/v1/staff/hotline/queue": () => ({
        statusCode: 200,
        data: { items: [current], total: 1, page: 1, pageSize: 20 },
      }),
      "GET /api/v1/departments": () => ({
        statusCode: 200,
        data: { items: [{ id: ID, code: "scjg", name: "市市场监管局", shortName: "市场监管" }] },
      }),
      "POST /api/v1/staff/hotline/queue/LS202612040001/claim": () => {
        current = order({
          stage: "claimed",
          stageLabel: "已领取",
          claimedByMe: true,
          claimedBy: { id: ID, name: "测试人员" },
          can: { claim: false, acknowledge: true, dispatch: true },
        });
        return { statusCode: 200, data: current };
      },
      "POST /api/v1/staff/hotline/queue/LS202612040001/acknowledge": () => {
        current = order({
          ...current,
          stage: "acknowledged",
          stageLabel: "已签收",
          can: { claim: false, acknowledge: false, dispatch: true },
        });
        return { statusCode: 200, data: current };
      },
      "POST /api/v1/staff/hotline/queue/LS202612040001/dispatch": (req: TransportRequest) => {
        current = order({
          ...current,
          stage: "dispatched",
          stageLabel: "已派单",
          department: { code: "scjg", name: "市市场监管局" },
          can: { claim: false, acknowledge: false, dispatch: false },
        });
        expect(req.data).toEqual({ departmentCode: "scjg", note: "来电人希望尽快回电" });
        return { statusCode: 200, data: current };
      },
    });
    configureRequest({ transport });
    render(<HotlinePage />);

    fireEvent.click(await screen.findByText("领取"));
    expect(await screen.findByText("已领取，请签收后派单")).toBeTruthy();
    fireEvent.click(screen.getByText("签收"));
    expect((await screen.findAllByText("已签收")).map((e) => e.className)).toEqual([
      "ls-tag ls-tag--warning ls-tag--solid",
      "ls-notice__body",
    ]);
    fireEvent.click(screen.getByText("派单到部门"));
    await waitFor(() => expect(screen.getAllByRole("option").length).toBeGreaterThan(0));
    fireEvent.click(screen.getByText("确认派单"));
    expect(await screen.findByText("请选择承办部门")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("选择"), { target: { value: "0" } });
    fireEvent.change(screen.getByLabelText("派单说明（可不填）"), {
      target: { value: "来电人希望尽快回电" },
    });
    fireEvent.click(screen.getByText("确认派单"));
    expect(await screen.findByText("已派单到市市场监管局，部门会在工作台看到")).toBeTruthy();
    expect(screen.getByText(/承办：市市场监管局 · 办理状态：.* · 领取人：我/)).toBeTruthy();
    expect(
      seen.filter((r) => r.method === "POST").map((r) => new URL(r.url).pathname.split("/").pop()),
    ).toEqual(["claim", "acknowledge", "dispatch"]);
  });

  it("shows another operator's claim (409) in plain words and reloads the queue", async () => {
    signInAs("hotline_operator");
    const { transport, seen } = fakeTransport({
      "GET /api/v1/staff/hotline/queue": () => ({
        statusCode: 200,
        data: { items: [order()], total: 1, page: 1, pageSize: 20 },
      }),
      "POST /api/v1/staff/hotline/queue/LS202612040001/claim": () => ({
        statusCode: 409,
        data: { error: { code: "conflict", message: "工单已被其他话务员领取" } },
      }),
    });
    configureRequest({ transport });
    render(<HotlinePage />);
    fireEvent.click(await screen.findByText("领取"));
    expect(await screen.findByText(/这条记录刚被其他人修改过/)).toBeTruthy();
    await waitFor(() => expect(seen.filter((r) => r.method === "GET").length).toBe(2));
  });
});

function staffPost(overrides: Partial<StaffPostView> = {}): StaffPostView {
  return {
    id: ID,
    category: "政策解读",
    title: "餐饮许可解读",
    summary: "",
    cover: null,
    source: "staff",
    department: null,
    author: null,
    tags: { industries: [], items: [] },
    publishedAt: null,
    externalUrl: null,
    sample: false,
    body: "<p>正文</p>",
    attachments: [],
    items: [],
    version: 2,
    updatedAt: "2026-12-04T01:00:00.000Z",
    status: "draft",
    publishAt: null,
    unpublishedAt: null,
    unpublishReason: null,
    createdAt: "2026-12-04T01:00:00.000Z",
    createdBy: null,
    abilities: { update: true, publish: true, unpublish: false },
    ...overrides,
  };
}

describe("policy editor page", () => {
  it("explains an edit conflict and, on request, keeps my text on top of the newer version", async () => {
    signInAs("coordinator");
    setRouterParams({ id: ID });
    let version = 2;
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/staff/policies/${ID}`]: () => ({
        statusCode: 200,
        data: staffPost({ version }),
      }),
      [`PATCH /api/v1/staff/policies/${ID}`]: (req) => {
        const body = req.data as { expectedVersion: number; title: string };
        if (body.expectedVersion !== version)
          return {
            statusCode: 409,
            data: { error: { code: "conflict", message: "数据已被修改，请刷新后重试" } },
          };
        version += 1;
        return { statusCode: 200, data: staffPost({ version, title: body.title }) };
      },
    });
    configureRequest({ transport });
    render(<PolicyEditPage />);
    const title = (await screen.findByLabelText("标题")) as HTMLInputElement;
    expect(title.value).toBe("餐饮许可解读");
    expect(screen.getByText("立即发布")).toBeTruthy();

    version = 3; // someone else saved meanwhile
    fireEvent.change(title, { target: { value: "餐饮许可办理解读" } });
    expect(screen.getByText("有未保存的修改，请先保存，再发布。")).toBeTruthy();
    fireEvent.click(screen.getByText("保存修改"));
    expect(await screen.findByText(/这条记录刚被其他人修改过/)).toBeTruthy();

    fireEvent.click(screen.getByText("保留我的修改"));
    expect(await screen.findByText(/已取得最新的第 3 版/)).toBeTruthy();
    expect((screen.getByLabelText("标题") as HTMLInputElement).value).toBe("餐饮许可办理解读");
    fireEvent.click(screen.getByText("保存修改"));
    expect(await screen.findByText("已保存（第 4 版）")).toBeTruthy();
    const patches = seen.filter((r) => r.method === "PATCH").map((r) => r.data);
    expect(patches).toEqual([
      { expectedVersion: 2, title: "餐饮许可办理解读" },
      { expectedVersion: 3, title: "餐饮许可办理解读" },
    ]);
  });

  it("hides publishing from department administrators (abilities) and says who publishes", async () => {
    signInAs("dept_admin");
    setRouterParams({ id: ID });
    const { transport } = fakeTransport({
      [`GET /api/v1/staff/policies/${ID}`]: () => ({
        statusCode: 200,
        data: staffPost({ abilities: { update: true, publish: false, unpublish: false } }),
      }),
    });
    configureRequest({ transport });
    render(<PolicyEditPage />);
    expect(await screen.findByText("发布和撤下由发改协调员或系统管理员操作。")).toBeTruthy();
    expect(screen.queryByText("立即发布")).toBeNull();
  });
});

function staffCase(overrides: Partial<StaffCaseView> = {}): StaffCaseView {
  return {
    id: ID,
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
    check: {
      passed: false,
      findings: [
        {
          kind: "name",
          field: "summary",
          index: 2,
          excerpt: "张*",
          message: "请把姓名改为“申请人”",
        },
      ],
      explanation: "案情摘要中有 1 处个人姓名。",
    },
    history: [],
    version: 1,
    updatedAt: "2026-12-04T01:00:00.000Z",
    abilities: { edit: true, publish: true, unpublish: false, reject: true },
    ...overrides,
  };
}

describe("policy versions", () => {
  it("loads the saved versions only when asked and lists them oldest first", async () => {
    signInAs("coordinator");
    setRouterParams({ id: ID });
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/staff/policies/${ID}`]: () => ({
        statusCode: 200,
        data: staffPost({ version: 2 }),
      }),
      [`GET /api/v1/staff/policies/${ID}/versions`]: () => ({
        statusCode: 200,
        data: {
          items: [2, 1].map((version) => ({
            version,
            title: version === 1 ? "初稿" : "餐饮许可解读",
            category: "政策解读",
            summary: "",
            body: "<p>正文</p>",
            tags: { industries: [], items: [] },
            attachments: [],
            editedBy: "测试人员",
            editedAt: `2026-12-0${version}T02:00:00.000Z`,
            note: version === 2 ? "补充材料清单" : null,
          })),
        },
      }),
    });
    configureRequest({ transport });
    render(<PolicyEditPage />);
    fireEvent.click(await screen.findByText("查看历史版本（共 2 版）"));
    expect(await screen.findByText("第 1 版：初稿")).toBeTruthy();
    expect(screen.getByText("第 2 版：餐饮许可解读")).toBeTruthy();
    expect(screen.getByText("补充材料清单")).toBeTruthy();
    expect(seen.filter((r) => r.url.endsWith("/versions"))).toHaveLength(1);
  });
});

describe("typical-case editor page", () => {
  it("shows the checker's findings and allows publishing only once the saved text passes", async () => {
    signInAs("coordinator");
    setRouterParams({ id: ID });
    let saved = staffCase();
    const clean = { passed: true, findings: [], explanation: "未发现个人信息。" };
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/staff/cases/${ID}`]: () => ({ statusCode: 200, data: saved }),
      [`POST /api/v1/staff/cases/${ID}/check`]: () => ({ statusCode: 200, data: clean }),
      [`PATCH /api/v1/staff/cases/${ID}`]: (req) => {
        saved = staffCase({
          summary: (req.data as { summary: string }).summary,
          version: 2,
          check: clean,
        });
        return { statusCode: 200, data: saved };
      },
      [`POST /api/v1/staff/cases/${ID}/publish`]: () => {
        saved = {
          ...saved,
          status: "published",
          statusLabel: "已通报",
          abilities: { edit: false, publish: false, unpublish: true, reject: false },
        };
        return { statusCode: 200, data: saved };
      },
    });
    configureRequest({ transport });
    render(<CaseEditPage />);
    expect(await screen.findByText("发现 1 处个人信息，发布前须改写")).toBeTruthy();
    expect(screen.getByText("“张*”")).toBeTruthy();
    expect(screen.getByText("请把姓名改为“申请人”")).toBeTruthy();
    expect((screen.getByText("发布为典型案例通报") as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByLabelText("案情摘要"), {
      target: { value: "申请人反映窗口要求额外证明。" },
    });
    expect(await screen.findByText("脱敏检查通过", undefined, { timeout: 3_000 })).toBeTruthy();
    expect((screen.getByText("发布为典型案例通报") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByText("保存修改"));
    expect(await screen.findByText("已保存")).toBeTruthy();
    fireEvent.click(screen.getByText("发布为典型案例通报"));
    expect(await screen.findByText("已发布为典型案例通报，已进入案例库和政策动态")).toBeTruthy();
    expect(screen.getByText("撤下通报")).toBeTruthy();
    const publish = seen.find((r) => r.url.endsWith("/publish"));
    expect(publish?.data).toEqual({ expectedVersion: 2 });
  });
});
