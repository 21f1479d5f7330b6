import { View, Text, Image } from "@tarojs/components";
import type { ComplaintView } from "@lushan/shared/schemas/complaint";
import { previewImages } from "@/platform";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface EvidencePhotosProps {
  /** 额外的类名 */
  className?: string;
  /** 证据图片；没有链接的（审核中、不予显示）显示其状态 */
  items: ComplaintView["evidence"];
}

/** 投诉或补充材料的证据图片：点击大图预览；看不到的图片显示审核状态。 */
export function EvidencePhotos({ className, items }: EvidencePhotosProps) {
  const urls = items.map((e) => e.url).filter((u): u is string => Boolean(u));
  return (
    <View className={cx("ls-evidence-photos", className)}>
      {items.map((e, i) =>
        e.url ? (
          <Image
            key={e.id}
            className="ls-evidence-photos__photo"
            src={e.url}
            mode="aspectFill"
            aria-label={`证据图片 ${i + 1}`}
            onClick={() => void previewImages(urls, e.url!).catch(() => undefined)}
          />
        ) : (
          <View key={e.id} className="ls-evidence-photos__photo ls-evidence-photos__photo--held">
            <Text>{e.statusLabel}</Text>
          </View>
        ),
      )}
    </View>
  );
}
