import { act, fireEvent, render, screen } from "@testing-library/react";
import Taro from "@tarojs/taro";
import { PageShell } from "@/components/page-shell";
import { ElderSwitch } from "@/components/elder-switch";
import { elderModeStore } from "@/stores/elderMode";

afterEach(() => act(() => elderModeStore.set(false)));

describe("elder mode", () => {
  it("switches every page shell to the elder class from the first screen's switch, and persists the choice", () => {
    const { container } = render(
      <PageShell>
        <ElderSwitch />
      </PageShell>,
    );
    const page = container.querySelector(".ls-page")!;
    expect(page.classList.contains("ls-page--elder")).toBe(false);
    const toggle = screen.getByRole("switch", { name: "长辈模式" });
    expect(toggle.getAttribute("aria-checked")).toBe("false");

    fireEvent.click(toggle);
    expect(page.classList.contains("ls-page--elder")).toBe(true);
    expect(toggle.getAttribute("aria-checked")).toBe("true");
    expect(screen.getByText("退出长辈模式")).toBeTruthy();
    expect(Taro.getStorageSync("ls.elderMode")).toBe("true");

    fireEvent.click(toggle);
    expect(page.classList.contains("ls-page--elder")).toBe(false);
    expect(Taro.getStorageSync("ls.elderMode")).toBe("false");
  });
});
