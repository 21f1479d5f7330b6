import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface SampleBannerProps {
  /** 额外的类名 */
  className?: string;
  /** 是否显示：接口返回 sample 为 true 时传 true */
  visible: boolean;
  /** 紧凑样式（用于列表顶部、卡片内） */
  compact?: boolean;
}

/**
 * 示例数据提示：凡是展示示例清单（非官方正式文本）的地方都要显示。
 * 内容是必要信息，长辈模式下同样显示。
 */
export function SampleBanner({ className, visible, compact = false }: SampleBannerProps) {
  if (!visible) return null;
  return (
    <View
      className={cx("ls-sample-banner", compact && "ls-sample-banner--compact", className)}
      role="note"
    >
      <Text className="ls-sample-banner__label">示例数据</Text>
      <Text className="ls-sample-banner__text">
        {compact
          ? "当前为演示用清单样本，不是官方正式文本。"
          : "当前展示的是用于演示的清单样本，不是官方发布的正式文本，仅供体验功能；办理业务请以国家发展改革委、商务部发布的《市场准入负面清单》正式文本为准。"}
      </Text>
    </View>
  );
}
