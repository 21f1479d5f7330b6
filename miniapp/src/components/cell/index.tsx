import type { PropsWithChildren, ReactNode } from "react";
import { View, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface CellProps {
  /** 额外的类名 */
  className?: string;
  /** 标题（左侧主文字） */
  title: ReactNode;
  /** 标题下方的说明 */
  description?: ReactNode;
  /** 右侧的值或状态 */
  value?: ReactNode;
  /** 左侧图标或标记 */
  icon?: ReactNode;
  /** 显示右箭头，表示可以进入下一页 @default 有 onClick 时显示 */
  arrow?: boolean;
  onClick?: () => void;
}

/** 列表行：标题、说明、右侧值与箭头；整行可点击，最小高度满足点击区域要求。 */
export function Cell({
  className,
  title,
  description,
  value,
  icon,
  arrow,
  onClick,
  children,
}: PropsWithChildren<CellProps>) {
  const showArrow = arrow ?? Boolean(onClick);
  return (
    <View
      className={cx("ls-cell", onClick && "ls-cell--clickable", className)}
      hoverClass={onClick ? "ls-cell--active" : "none"}
      onClick={onClick}
    >
      {icon ? <View className="ls-cell__icon">{icon}</View> : null}
      <View className="ls-cell__main">
        <View className="ls-cell__title">{title}</View>
        {description ? <View className="ls-cell__description">{description}</View> : null}
        {children}
      </View>
      {value !== undefined && value !== null ? (
        <View className="ls-cell__value">{value}</View>
      ) : null}
      {showArrow ? <Text className="ls-cell__arrow" /> : null}
    </View>
  );
}

export interface CellGroupProps {
  /** 额外的类名 */
  className?: string;
  /** 分组标题 */
  title?: ReactNode;
  /** 分组底部的补充说明 */
  footer?: ReactNode;
}

/** 列表分组：带标题的白色卡片，内含若干 Cell。 */
export function CellGroup({
  className,
  title,
  footer,
  children,
}: PropsWithChildren<CellGroupProps>) {
  return (
    <View className={cx("ls-cell-group", className)}>
      {title ? <View className="ls-cell-group__title">{title}</View> : null}
      <View className="ls-cell-group__body">{children}</View>
      {footer ? <View className="ls-cell-group__footer">{footer}</View> : null}
    </View>
  );
}
