import { View, Image, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

/** 一张待上传或已上传的图片。 */
export interface UploadItem {
  /** 本地唯一标识 */
  key: string;
  /** 本地预览地址（临时文件或 blob 地址） */
  path: string;
  /** uploading 上传中、done 已上传、failed 上传失败 */
  status: "uploading" | "done" | "failed";
  /** 上传成功后服务端的附件编号 */
  uploadId?: string;
  /** 失败原因 */
  message?: string;
}

export interface ImageUploaderProps {
  /** 额外的类名 */
  className?: string;
  /** 图片（受控） */
  items: UploadItem[];
  /** 最多几张 @default 9 */
  max?: number;
  /** 点击“添加照片” */
  onAdd: () => void;
  /** 删除一张 */
  onRemove: (key: string) => void;
  /** 重新上传失败的一张 */
  onRetry: (key: string) => void;
  /** 点击图片预览 */
  onPreview?: (key: string) => void;
}

/** 图片上传（受控）：缩略图、上传状态、删除、失败重传、添加按钮。选择与上传由页面或 hook 完成。 */
export function ImageUploader({
  className,
  items,
  max = 9,
  onAdd,
  onRemove,
  onRetry,
  onPreview,
}: ImageUploaderProps) {
  return (
    <View className={cx("ls-uploader", className)}>
      {items.map((item, i) => (
        <View
          key={item.key}
          className={cx("ls-uploader__item", `ls-uploader__item--${item.status}`)}
        >
          <Image
            className="ls-uploader__image"
            src={item.path}
            mode="aspectFill"
            onClick={() => onPreview?.(item.key)}
          />
          {item.status === "uploading" ? (
            <Text className="ls-uploader__status">上传中…</Text>
          ) : null}
          {item.status === "failed" ? (
            <View
              className="ls-uploader__status ls-uploader__status--failed"
              onClick={() => onRetry(item.key)}
            >
              上传失败，点此重试
            </View>
          ) : null}
          <View
            className="ls-uploader__remove"
            aria-label={`删除第 ${i + 1} 张照片`}
            onClick={() => onRemove(item.key)}
          >
            删除
          </View>
        </View>
      ))}
      {items.length < max ? (
        <View className="ls-uploader__add" hoverClass="ls-uploader__add--active" onClick={onAdd}>
          <Text className="ls-uploader__plus">+</Text>
          <Text className="ls-uploader__add-text">添加照片</Text>
          <Text className="ls-uploader__add-count">
            {items.length}/{max}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
