import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ComplaintView } from "@lushan/shared/schemas/complaint";
import ComplaintDetailPage from "@/packages/complaint/detail/index";
import MyComplaintsPage from "@/packages/complaint/mine/index";
import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import { fakeTransport, tokenPair } from "../support/fakeTransport";
import { resetTaro, setRouterParams } from "../support/taro";

const TICKET = "LS202612040001";
const at = "2026-12-04T01:00:00.000Z";

function view(overrides: Partial<ComplaintView> = {}): ComplaintView {
  return {
    ticketNo: TICKET,
    status: "replied",
    statusLabel: "已答复待评价",
    channel: "miniapp",
    barrierType: { code: "B05", name: "违规扩大审批范围、变更或增设审批条件" },
    title: "办证被要求额外材料",
    description: "去窗口办理许可时，被要求提供法规没有规定的证明材料。",
    listScope: "on_list",
    listItem: { code: "S2048", name: "食品经营" },
    accusedName: "某局窗口",
    business: null,
    town: "南康镇",
    contact: { name: "李女士", phone: "13912345678" },
    confidential: false,
    moderation: "cleared",
    moderationLabel: "审核通过",
    evidence: [],
    supplements: [],
    routing: { department: null, coDepartments: [], hotline: false, reason: "" },
    deadlines: { acceptBy: null, replyBy: null, overdue: false, dueSoon: false },
    reply: { text: "经核查，已责令窗口取消额外材料要求。", at, department: "市场监管局" },
    rating: null,
    mergedInto: null,
    timeline: [
      {
        at,
        action: "reply",
        actionLabel: "答复",
        actor: "市场监管局",
        from: "accepted",
        to: "replied",
        note: null,
      },
    ],
    can: { rate: true, supplement: true, withdraw: false },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

beforeEach(() => {
  resetTaro();
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
  sessionStore.set(sessionFromTokens(tokenPair("access-1", "refresh-token-000000001")));
});

describe("my complaint", () => {
  it("shows the reply; 不满意 needs a reason and sends the case back (reopen)", async () => {
    setRouterParams({ ticketNo: TICKET });
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/complaints/${TICKET}`]: () => ({ statusCode: 200, data: view() }),
      [`POST /api/v1/complaints/${TICKET}/rating`]: (req) => ({
        statusCode: 200,
        data: view({
          status: "accepted",
          statusLabel: "办理中",
          reply: null,
          rating: {
            value: "unsatisfied",
            label: "不满意",
            comment: (req.data as { comment: string }).comment,
            at,
          },
          can: { rate: false, supplement: true, withdraw: false },
        }),
      }),
    });
    configureRequest({ transport });
    render(<ComplaintDetailPage />);
    await screen.findByText("经核查，已责令窗口取消额外材料要求。");
    expect(screen.getAllByRole("radio").map((r) => r.textContent)).toEqual([
      expect.stringContaining("满意"),
      expect.stringContaining("基本满意"),
      expect.stringContaining("不满意"),
    ]);
    fireEvent.click(screen.getByText("不满意"));
    fireEvent.click(screen.getByText("不满意，要求重新办理"));
    expect(screen.getByText("请说说哪里不满意，便于承办部门重新办理")).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText("如：问题没有解决、答复没有依据"), {
      target: { value: "窗口仍然不受理" },
    });
    fireEvent.click(screen.getByText("不满意，要求重新办理"));
    await screen.findByText("评价已提交");
    expect(seen.at(-1)?.data).toEqual({ rating: "unsatisfied", comment: "窗口仍然不受理" });
    expect(screen.getByText("已退回承办部门重新办理，有新的答复会通知您。")).toBeTruthy();
    expect(screen.queryByText("您对这次答复满意吗？")).toBeNull();
  });

  it("a supplement retried after a lost answer keeps its Idempotency-Key", async () => {
    setRouterParams({ ticketNo: TICKET });
    let drop = true;
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/complaints/${TICKET}`]: () => ({
        statusCode: 200,
        data: view({ can: { rate: false, supplement: true, withdraw: false } }),
      }),
      [`POST /api/v1/complaints/${TICKET}/supplements`]: () => {
        if (drop) {
          drop = false;
          throw { errMsg: "request:fail" };
        }
        return {
          statusCode: 200,
          data: view({ can: { rate: false, supplement: true, withdraw: false } }),
        };
      },
    });
    configureRequest({ transport });
    render(<ComplaintDetailPage />);
    fireEvent.click(await screen.findByText("补充说明或材料"));
    fireEvent.click(screen.getByText("提交补充"));
    expect(screen.getByText("请填写补充说明")).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText("新的情况、对方的答复、办理进展等"), {
      target: { value: "窗口又让补交一份证明" },
    });
    fireEvent.click(screen.getByText("提交补充"));
    await screen.findByText(/不会重复记录/);
    fireEvent.click(screen.getByText("提交补充"));
    await screen.findByText("补充材料已提交");
    const posts = seen.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[0].header["Idempotency-Key"]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(posts[1].header["Idempotency-Key"]).toBe(posts[0].header["Idempotency-Key"]);
    expect(posts[1].data).toEqual({ text: "窗口又让补交一份证明", evidence: [] });
  });

  it("withdraws before acceptance", async () => {
    setRouterParams({ ticketNo: TICKET });
    const { transport, seen } = fakeTransport({
      [`GET /api/v1/complaints/${TICKET}`]: () => ({
        statusCode: 200,
        data: view({
          status: "assigned",
          statusLabel: "已派单",
          reply: null,
          can: { rate: false, supplement: true, withdraw: true },
        }),
      }),
      [`POST /api/v1/complaints/${TICKET}/withdraw`]: () => ({
        statusCode: 200,
        data: view({
          status: "closed",
          statusLabel: "已办结",
          reply: null,
          can: { rate: false, supplement: false, withdraw: false },
        }),
      }),
    });
    configureRequest({ transport });
    render(<ComplaintDetailPage />);
    fireEvent.click(await screen.findByText("撤回这件反映"));
    fireEvent.change(screen.getByPlaceholderText("如：问题已经解决"), {
      target: { value: "已经办好了" },
    });
    fireEvent.click(screen.getByText("确认撤回"));
    await screen.findByText("已撤回");
    expect(seen.at(-1)?.data).toEqual({ reason: "已经办好了" });
    expect(screen.queryByText("撤回这件反映")).toBeNull();
  });

  it("shows the error with a retry when the complaint cannot be loaded", async () => {
    setRouterParams({ ticketNo: TICKET });
    const { transport } = fakeTransport({});
    configureRequest({ transport });
    render(<ComplaintDetailPage />);
    await screen.findByText("加载失败");
    expect(screen.getByText("重试")).toBeTruthy();
  });
});

describe("my complaints list", () => {
  it("lists my complaints, or invites me to file one", async () => {
    let items: unknown[] = [];
    const { transport } = fakeTransport({
      "GET /api/v1/complaints/mine": () => ({
        statusCode: 200,
        data: { items, total: items.length, page: 1, pageSize: 20 },
      }),
    });
    configureRequest({ transport });
    const { unmount } = render(<MyComplaintsPage />);
    await screen.findByText("您还没有反映过问题");
    expect(screen.getByText("我要反映")).toBeTruthy();
    unmount();

    items = [
      {
        ticketNo: TICKET,
        title: "办证被要求额外材料",
        status: "accepted",
        statusLabel: "办理中",
        barrierType: { code: "B05", name: "违规扩大审批范围、变更或增设审批条件" },
        department: {
          id: "0123456789abcdef01234567",
          code: "scjgj",
          name: "市场监管局",
          shortName: "市场监管",
        },
        town: "南康镇",
        complainant: "李*",
        channel: "miniapp",
        deadlines: { acceptBy: null, replyBy: at, overdue: false, dueSoon: true },
        supervised: false,
        escalated: false,
        moderation: "cleared",
        followed: false,
        createdAt: at,
        updatedAt: at,
      },
    ];
    render(<MyComplaintsPage />);
    await screen.findByText("办证被要求额外材料");
    expect(screen.getByText("即将到期")).toBeTruthy();
    expect(screen.getByText("承办：市场监管局 · 南康镇")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("共 1 件")).toBeTruthy());
  });
});
