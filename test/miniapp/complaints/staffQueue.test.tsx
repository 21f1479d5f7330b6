import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import StaffComplaintsPage from "@/packages/staff/complaints/index";
import StaffHomePage from "@/packages/staff/home/index";
import { configureRequest } from "@/services/request";
import { sessionFromTokens, sessionStore } from "@/services/session";
import { fakeTransport, tokenPair } from "../support/fakeTransport";
import { resetTaro, setRouterParams } from "../support/taro";

const summary = {
  byStatus: { assigned: 2, accepted: 3 },
  coordination: 0,
  supervision: 1,
  review: 0,
  overdue: 1,
  dueSoon: 2,
};

function signIn(role: "dept_staff" | "citizen" = "dept_staff") {
  const pair = tokenPair("access-staff", "refresh-token-000000009");
  sessionStore.set(
    sessionFromTokens({ ...pair, user: { ...pair.user, role, displayName: "王科员" } }),
  );
}

function bff() {
  const { transport, seen } = fakeTransport({
    "GET /api/v1/staff/complaints/summary": () => ({ statusCode: 200, data: summary }),
    "GET /api/v1/staff/complaints": () => ({
      statusCode: 200,
      data: { items: [], total: 0, page: 1, pageSize: 20 },
    }),
  });
  configureRequest({ transport });
  const listQueries = () =>
    seen
      .map((r) => new URL(r.url))
      .filter((u) => u.pathname === "/api/v1/staff/complaints")
      .map((u) => Object.fromEntries(u.searchParams));
  return { listQueries };
}

beforeEach(() => {
  resetTaro();
  configureRequest({ baseUrl: "http://bff.test", timeout: 1_000 });
});

describe("workbench", () => {
  it("home shows queue badges from the summary", async () => {
    signIn();
    bff();
    render(<StaffHomePage />);
    await screen.findByText("办理中的问题");
    expect(screen.getByText("办理中的问题").previousSibling?.textContent).toBe("5");
    expect(screen.getByText("已超期").previousSibling?.textContent).toBe("1");
    expect(screen.getByText("即将到期").previousSibling?.textContent).toBe("2");
    expect(screen.getByText("投诉办理")).toBeTruthy();
  });

  it("home asks citizens to sign in as staff", () => {
    signIn("citizen");
    bff();
    render(<StaffHomePage />);
    expect(screen.getByText("请先登录工作人员账号")).toBeTruthy();
  });

  it("the queue starts from the badge's filter and sends each filter change to the BFF", async () => {
    signIn();
    setRouterParams({ queue: "supervision" });
    const { listQueries } = bff();
    render(<StaffComplaintsPage />);
    await screen.findByText("没有符合条件的问题");
    expect(listQueries()[0]).toMatchObject({ queue: "supervision", page: "1" });

    fireEvent.click(screen.getByText("办理中"));
    await waitFor(() =>
      expect(listQueries().at(-1)).toMatchObject({ queue: "supervision", status: "accepted" }),
    );
    fireEvent.click(screen.getByText("只看已超期"));
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ overdue: "true" }));
    fireEvent.click(screen.getByText("清除筛选"));
    await waitFor(() => expect(listQueries().at(-1)).toEqual({ page: "1", pageSize: "20" }));
    await screen.findByText("暂时没有待办的问题");
  });
});
