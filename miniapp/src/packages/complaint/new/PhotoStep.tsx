import { View, Text } from "@tarojs/components";
import { ImageUploader, type UploadItem } from "@/components/image-uploader";
import { Notice } from "@/components/notice";
import { LIMITS } from "./draft";

export interface PhotoStepProps {
  items: UploadItem[];
  problem: string | null;
  onAdd: () => void;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
  onPreview: (key: string) => void;
}

/** 第 4 步：证据照片（可不传）。上传由页面完成，这里只显示。 */
export function PhotoStep({ items, problem, onAdd, onRemove, onRetry, onPreview }: PhotoStepProps) {
  return (
    <View className="complaint-new__step">
      <Text className="complaint-new__question">有没有能说明情况的照片？</Text>
      <Text className="complaint-new__hint">
        比如窗口的告知单、要求提交的材料清单、通知文件。没有可以跳过，最多 {LIMITS.photos} 张。
      </Text>
      <ImageUploader
        items={items}
        max={LIMITS.photos}
        onAdd={onAdd}
        onRemove={onRemove}
        onRetry={onRetry}
        onPreview={onPreview}
      />
      {problem ? <Notice tone="danger">{problem}</Notice> : null}
      <Text className="complaint-new__hint ls-nonessential">
        上传时会自动去除照片中的拍摄位置等信息。照片经过审核后才会给承办部门查看。
      </Text>
    </View>
  );
}
