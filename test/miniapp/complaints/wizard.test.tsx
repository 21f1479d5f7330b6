import { act, fireEvent, render, screen } from "@testing-library/react";
import ComplaintNewPage from "@/packages/complaint/new/index";
import { draftStore, updateDraft } from "@/packages/complaint/new/draft";
import { sessionStore } from "@/services/session";
import { resetTaro, setRouterParams } from "../support/taro";

beforeEach(() => {
  resetTaro();
  sessionStore.set(null);
  draftStore.set(null);
});

function clickNext() {
  fireEvent.click(screen.getByText(/^(下一步|跳过，下一步)$/));
}

describe("我要反映 wizard", () => {
  it("moves step by step, explaining what is missing, and keeps answers in the draft", () => {
    render(<ComplaintNewPage />);
    expect(screen.getByText("第 1 步 / 共 7 步：问题类型")).toBeTruthy();
    // All 15 barrier types with their plain explanation.
    expect(screen.getAllByRole("radio")).toHaveLength(15);
    expect(screen.getByText("国家已经取消或改为备案的事项，本地仍要求审批或办证。")).toBeTruthy();

    clickNext();
    expect(screen.getByText("请选择最接近的问题类型")).toBeTruthy();
    expect(screen.getByText("第 1 步 / 共 7 步：问题类型")).toBeTruthy();

    fireEvent.click(screen.getByText("B07 对外地企业设置准入限制"));
    expect(draftStore.get()?.barrierType).toBe("B07");
    clickNext();
    expect(screen.getByText("第 2 步 / 共 7 步：涉及事项")).toBeTruthy();
    expect(draftStore.get()?.step).toBe(1);

    clickNext();
    expect(screen.getByText("请选择是否涉及清单事项")).toBeTruthy();
    fireEvent.click(screen.getByText("不确定"));
    clickNext();
    expect(screen.getByText("第 3 步 / 共 7 步：问题经过")).toBeTruthy();

    fireEvent.change(screen.getByPlaceholderText("如：办食品经营许可被要求先办消防证明"), {
      target: { value: "投标要求本地注册" },
    });
    fireEvent.change(screen.getByPlaceholderText("请尽量写清楚时间、地点、经办部门和具体要求"), {
      target: { value: "太短" },
    });
    clickNext();
    expect(screen.getByText("请把经过写得具体些（至少 10 个字）")).toBeTruthy();
    expect(screen.getByText("请填写被反映的部门或单位")).toBeTruthy();
    expect(draftStore.get()?.title).toBe("投标要求本地注册");

    // 上一步 goes back without losing anything.
    fireEvent.click(screen.getByText("上一步"));
    expect(screen.getByText("第 2 步 / 共 7 步：涉及事项")).toBeTruthy();
    expect(screen.getByText("已选择：不确定是否涉及清单")).toBeTruthy();
  });

  it("opens with the list item handed over by the item page's 反映问题 button", () => {
    setRouterParams({
      item: "S2048",
      itemName: encodeURIComponent("未获得许可，不得从事食品经营"),
    });
    render(<ComplaintNewPage />);
    expect(draftStore.get()?.listScope).toBe("on_list");
    expect(draftStore.get()?.listItem).toEqual({
      code: "S2048",
      name: "未获得许可，不得从事食品经营",
    });
    act(() => {
      updateDraft({ barrierType: "B05", step: 1 });
    });
    expect(screen.getByText("未获得许可，不得从事食品经营")).toBeTruthy();
    expect(screen.getByText("事项编码 S2048")).toBeTruthy();
  });

  it("offers to continue a draft left earlier, or to start over with a new idempotency key", () => {
    const earlier = updateDraft({ barrierType: "B02", title: "只凭会议纪要要求审批", step: 2 });
    render(<ComplaintNewPage />);
    expect(screen.getByText("已恢复您上次没有提交的内容")).toBeTruthy();
    expect(screen.getByText("第 3 步 / 共 7 步：问题经过")).toBeTruthy();
    expect(
      (screen.getByPlaceholderText("如：办食品经营许可被要求先办消防证明") as HTMLInputElement)
        .value,
    ).toBe("只凭会议纪要要求审批");
    fireEvent.click(screen.getByText("清空重新填写"));
    expect(screen.getByText("第 1 步 / 共 7 步：问题类型")).toBeTruthy();
    expect(draftStore.get()?.title).toBe("");
    expect(draftStore.get()?.idempotencyKey).not.toBe(earlier.idempotencyKey);
  });

  it("the review step sends people back to the first incomplete step instead of submitting", () => {
    updateDraft({ barrierType: "B05", listScope: "unsure", step: 6 });
    render(<ComplaintNewPage />);
    expect(screen.getByText("第 7 步 / 共 7 步：核对提交")).toBeTruthy();
    fireEvent.click(screen.getByText("提交"));
    expect(screen.getByText("第 3 步 / 共 7 步：问题经过")).toBeTruthy();
    expect(screen.getByText("请填写一句话概括")).toBeTruthy();
  });
});
