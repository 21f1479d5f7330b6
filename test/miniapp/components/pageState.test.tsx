import { fireEvent, render, screen } from "@testing-library/react";
import { PageState } from "@/components/page-state";

describe("PageState", () => {
  it("shows the loading text instead of the content", () => {
    render(<PageState loading>内容</PageState>);
    expect(screen.getByText("正在加载…")).toBeTruthy();
    expect(screen.queryByText("内容")).toBeNull();
  });

  it("shows the error's Chinese message and retries on 重试", () => {
    const retry = jest.fn();
    render(
      <PageState error={{ message: "网络连接失败，请检查网络后重试" }} onRetry={retry}>
        内容
      </PageState>,
    );
    expect(screen.getByRole("alert").textContent).toContain("网络连接失败，请检查网络后重试");
    fireEvent.click(screen.getByText("重试"));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("shows the empty title, description and action", () => {
    render(
      <PageState
        empty
        emptyTitle="没有找到相关事项"
        emptyDescription="换个说法试试"
        emptyAction={<button>去自查</button>}
      >
        内容
      </PageState>,
    );
    expect(screen.getByText("没有找到相关事项")).toBeTruthy();
    expect(screen.getByText("换个说法试试")).toBeTruthy();
    expect(screen.getByText("去自查")).toBeTruthy();
  });

  it("shows the content when loaded", () => {
    render(
      <PageState loading={false} error={null} empty={false}>
        内容
      </PageState>,
    );
    expect(screen.getByText("内容")).toBeTruthy();
  });
});
