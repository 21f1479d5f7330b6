import type { PropsWithChildren, ReactNode } from "react";
import { View, Text } from "@tarojs/components";
import { Button } from "@/components/button";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface PageStateProps {
  /** 额外的类名 */
  className?: string;
  /** 正在加载（首次加载或出错后重试） */
  loading?: boolean;
  /** 加载失败的错误；显示其中文提示和“重试”按钮 */
  error?: { message: string } | null;
  /** 加载成功但没有内容 */
  empty?: boolean;
  /** 点击“重试”时执行 */
  onRetry?: () => void;
  /** 加载中的提示文字 @default "正在加载…" */
  loadingText?: string;
  /** 没有内容时的标题 @default "暂无内容" */
  emptyTitle?: string;
  /** 没有内容时的说明 */
  emptyDescription?: string;
  /** 没有内容时的操作（如“去看看清单”） */
  emptyAction?: ReactNode;
  /** 作为页面中的一个区块显示（较矮） */
  inline?: boolean;
}

/**
 * 页面状态：加载中、出错（带“重试”）、无内容；都不是时显示子内容。
 * 每个从接口加载数据的页面或区块都用它包住内容。
 */
export function PageState({
  className,
  loading,
  error,
  empty,
  onRetry,
  loadingText = "正在加载…",
  emptyTitle = "暂无内容",
  emptyDescription,
  emptyAction,
  inline = false,
  children,
}: PropsWithChildren<PageStateProps>) {
  const root = cx("ls-state", inline && "ls-state--inline", className);
  if (loading) {
    return (
      <View className={cx(root, "ls-state--loading")} aria-busy="true">
        <View className="ls-state__spinner" />
        <Text className="ls-state__text">{loadingText}</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className={cx(root, "ls-state--error")} role="alert">
        <View className="ls-state__mark ls-state__mark--error">!</View>
        <Text className="ls-state__title">加载失败</Text>
        <Text className="ls-state__text">{error.message}</Text>
        {onRetry ? (
          <Button className="ls-state__action" type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    );
  }
  if (empty) {
    return (
      <View className={cx(root, "ls-state--empty")}>
        <View className="ls-state__mark ls-nonessential">—</View>
        <Text className="ls-state__title">{emptyTitle}</Text>
        {emptyDescription ? <Text className="ls-state__text">{emptyDescription}</Text> : null}
        {emptyAction ? <View className="ls-state__action">{emptyAction}</View> : null}
      </View>
    );
  }
  return <>{children}</>;
}
