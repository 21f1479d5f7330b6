import { fireEvent, render, screen } from "@testing-library/react";
import { ImageUploader, type UploadItem } from "@/components/image-uploader";

const items: UploadItem[] = [
  { key: "a", path: "blob:a", status: "done", uploadId: "u1" },
  { key: "b", path: "blob:b", status: "uploading" },
  { key: "c", path: "blob:c", status: "failed", message: "网络连接失败" },
];

describe("ImageUploader", () => {
  it("shows each photo's state and reports remove, retry and add", () => {
    const onAdd = jest.fn();
    const onRemove = jest.fn();
    const onRetry = jest.fn();
    render(
      <ImageUploader items={items} max={4} onAdd={onAdd} onRemove={onRemove} onRetry={onRetry} />,
    );
    expect(screen.getByText("上传中…")).toBeTruthy();
    fireEvent.click(screen.getByText("上传失败，点此重试"));
    expect(onRetry).toHaveBeenCalledWith("c");
    fireEvent.click(screen.getByLabelText("删除第 1 张照片"));
    expect(onRemove).toHaveBeenCalledWith("a");
    expect(screen.getByText("3/4")).toBeTruthy();
    fireEvent.click(screen.getByText("添加照片"));
    expect(onAdd).toHaveBeenCalled();
  });

  it("hides the add button at the maximum", () => {
    render(
      <ImageUploader
        items={items}
        max={3}
        onAdd={jest.fn()}
        onRemove={jest.fn()}
        onRetry={jest.fn()}
      />,
    );
    expect(screen.queryByText("添加照片")).toBeNull();
  });
});
