import type { PropsWithChildren } from "react";
import { View, Input, Text } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface SearchBarProps {
  /** 额外的类名 */
  className?: string;
  /** 输入框内容（受控） */
  value: string;
  /** 内容变化 */
  onChange: (value: string) => void;
  /** 点击“搜索”或键盘上的搜索键 */
  onConfirm: (value: string) => void;
  /** 点击清除；不传时清空为 "" */
  onClear?: () => void;
  onFocus?: () => void;
  onBlur?: () => void;
  /** 占位提示 @default "搜索" */
  placeholder?: string;
  /** 自动获得焦点 */
  focus?: boolean;
  /** 右侧按钮文字 @default "搜索" */
  actionText?: string;
  /** 最多输入字数 @default 100 */
  maxLength?: number;
  /** 输入框的无障碍名称 @default placeholder */
  label?: string;
}

/**
 * 搜索栏（受控）：输入框、清除按钮、“搜索”按钮。子内容（如联想词列表）显示在下方，
 * 由页面决定何时显示。
 */
export function SearchBar({
  className,
  value,
  onChange,
  onConfirm,
  onClear,
  onFocus,
  onBlur,
  placeholder = "搜索",
  focus = false,
  actionText = "搜索",
  maxLength = 100,
  label,
  children,
}: PropsWithChildren<SearchBarProps>) {
  return (
    <View className={cx("ls-search-bar", className)}>
      <View className="ls-search-bar__row">
        <View className="ls-search-bar__box">
          <View className="ls-search-bar__icon" />
          <Input
            className="ls-search-bar__input"
            type="text"
            confirmType="search"
            value={value}
            focus={focus}
            maxlength={maxLength}
            placeholder={placeholder}
            placeholderClass="ls-search-bar__placeholder"
            aria-label={label ?? placeholder}
            onInput={(e) => onChange(e.detail.value)}
            onConfirm={(e) => onConfirm(e.detail.value)}
            onFocus={onFocus}
            onBlur={onBlur}
          />
          {value ? (
            <View
              className="ls-search-bar__clear"
              aria-label="清除"
              onClick={() => (onClear ? onClear() : onChange(""))}
            >
              <Text className="ls-search-bar__clear-mark">×</Text>
            </View>
          ) : null}
        </View>
        <View
          className="ls-search-bar__action"
          hoverClass="ls-search-bar__action--active"
          onClick={() => onConfirm(value)}
        >
          {actionText}
        </View>
      </View>
      {children}
    </View>
  );
}

export interface SuggestionListProps {
  /** 额外的类名 */
  className?: string;
  /** 联想词 */
  items: string[];
  /** 用户已输入的内容，联想词中相同的部分加粗 */
  keyword?: string;
  /** 选择一个联想词 */
  onSelect: (item: string) => void;
}

/** 搜索联想词列表，放在 SearchBar 内作为子内容。 */
export function SuggestionList({ className, items, keyword = "", onSelect }: SuggestionListProps) {
  if (items.length === 0) return null;
  return (
    <View className={cx("ls-suggestions", className)} role="listbox">
      {items.map((item) => {
        const at = keyword ? item.indexOf(keyword) : -1;
        return (
          <View
            key={item}
            className="ls-suggestions__item"
            hoverClass="ls-suggestions__item--active"
            role="option"
            onClick={() => onSelect(item)}
          >
            {at >= 0 ? (
              <>
                <Text>{item.slice(0, at)}</Text>
                <Text className="ls-suggestions__hit">{keyword}</Text>
                <Text>{item.slice(at + keyword.length)}</Text>
              </>
            ) : (
              <Text>{item}</Text>
            )}
          </View>
        );
      })}
    </View>
  );
}
