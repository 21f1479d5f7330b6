import { render, screen } from "@testing-library/react";
import { SampleBanner } from "@/components/sample-banner";
import { HighlightText } from "@/components/highlight-text";

describe("SampleBanner", () => {
  it("says 示例数据 and that the text is not official whenever sample data is shown", () => {
    render(<SampleBanner visible />);
    expect(screen.getByRole("note").textContent).toMatch(/示例数据.*不是官方发布的正式文本/);
  });

  it("renders nothing for official data", () => {
    const { container } = render(<SampleBanner visible={false} />);
    expect(container.innerHTML).toBe("");
  });
});

describe("HighlightText", () => {
  it("marks the matched segments", () => {
    const { container } = render(
      <HighlightText
        segments={[
          { text: "未获得许可，不得从事", hit: false },
          { text: "食品经营", hit: true },
        ]}
      />,
    );
    expect(container.textContent).toBe("未获得许可，不得从事食品经营");
    expect(container.querySelector(".ls-highlight__hit")?.textContent).toBe("食品经营");
  });
});
