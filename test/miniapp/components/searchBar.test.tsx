import { useState } from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { SearchBar, SuggestionList } from "@/components/search-bar";

function Harness({ onConfirm }: { onConfirm: (q: string) => void }) {
  const [value, setValue] = useState("");
  return (
    <SearchBar value={value} onChange={setValue} onConfirm={onConfirm} placeholder="想做什么生意">
      <SuggestionList
        items={value ? [`${value}店`, `网约${value}`] : []}
        keyword={value}
        onSelect={onConfirm}
      />
    </SearchBar>
  );
}

describe("SearchBar", () => {
  it("is controlled: typing updates the value, 搜索 and Enter confirm it, × clears it", () => {
    const confirm = jest.fn();
    render(<Harness onConfirm={confirm} />);
    const input = screen.getByPlaceholderText("想做什么生意") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "饭" } });
    expect(input.value).toBe("饭");
    fireEvent.click(screen.getByText("搜索"));
    fireEvent.keyDown(input, { key: "Enter" });
    expect(confirm.mock.calls).toEqual([["饭"], ["饭"]]);
    fireEvent.click(screen.getByLabelText("清除"));
    expect(input.value).toBe("");
  });

  it("shows suggestions with the typed part emphasised and selects one", () => {
    const confirm = jest.fn();
    render(<Harness onConfirm={confirm} />);
    fireEvent.change(screen.getByPlaceholderText("想做什么生意"), { target: { value: "车" } });
    const options = screen.getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["车店", "网约车"]);
    expect(options[1].querySelector(".ls-suggestions__hit")?.textContent).toBe("车");
    fireEvent.click(options[1]);
    expect(confirm).toHaveBeenCalledWith("网约车");
  });
});
