import { act, fireEvent, render, screen } from "@testing-library/react";
import Taro from "@tarojs/taro";
import type { MessageView } from "@lushan/shared/schemas/message";
import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import MessagesPage from "@/packages/account/messages";
import { resetTaro } from "../../support/taro";
import { fakeTransport, tokenPair } from "../../support/fakeTransport";

const TASK = "0123456789abcdef01234567";

const message: MessageView = {
  id: "aaaaaaaaaaaaaaaaaaaaaaaa",
  kind: "complaint",
  title: "整改任务 ZG2026-0001 销号申请被退回",
  body: "发改协调员退回了销号申请，退回原因：佐证材料不全。",
  target: { type: "rectification", id: TASK },
  page: `packages/staff/ledger/detail/index?id=${TASK}`,
  createdAt: "2026-12-04T02:00:00.000Z",
  readAt: "2026-12-04T03:00:00.000Z",
};

beforeEach(() => {
  resetTaro();
  const pair = tokenPair("staff-access", "refresh-token-000000088");
  act(() => sessionStore.set(sessionFromTokens({ ...pair, user: { ...pair.user, role: "dept_staff", displayName: "测试人员" } })));
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
});

describe("message center: rectification ledger notices", () => {
  it("labels a ledger notice 整改台账 and opens the task in the staff ledger", async () => {
    const { transport } = fakeTransport({
      "GET /api/v1/messages": () => ({ statusCode: 200, data: { items: [message], total: 1, page: 1, pageSize: 20, unreadCount: 0 } }),
    });
    configureRequest({ transport });
    const navigate = jest.spyOn(Taro, "navigateTo");
    render(<MessagesPage />);
    expect(await screen.findByText("整改任务 ZG2026-0001 销号申请被退回")).toBeTruthy();
    expect(screen.getByText("整改台账")).toBeTruthy();
    fireEvent.click(screen.getByText("查看整改事项 ›"));
    await act(async () => undefined);
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: `/packages/staff/ledger/detail/index?id=${TASK}` }));
  });
});
