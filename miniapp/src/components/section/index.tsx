import type { PropsWithChildren, ReactNode } from "react";
import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface SectionProps {
  /** 额外的类名 */
  className?: string;
  /** 区块标题 */
  title?: ReactNode;
  /** 标题右侧的链接文字（如“更多”） */
  more?: string;
  /** 点击标题右侧链接 */
  onMore?: () => void;
  /** 不加白色卡片底（内容自带卡片时） */
  plain?: boolean;
}

/** 页面区块：标题 + 内容卡片，页面由若干区块自上而下组成。 */
export function Section({
  className,
  title,
  more,
  onMore,
  plain = false,
  children,
}: PropsWithChildren<SectionProps>) {
  return (
    <View className={cx("ls-section", plain && "ls-section--plain", className)}>
      {title ? (
        <View className="ls-section__header">
          <Text className="ls-section__title">{title}</Text>
          {more && onMore ? (
            <View
              className="ls-section__more"
              hoverClass="ls-section__more--active"
              onClick={onMore}
            >
              {more}
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="ls-section__body">{children}</View>
    </View>
  );
}
