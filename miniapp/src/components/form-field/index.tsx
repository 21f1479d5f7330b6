import type { PropsWithChildren, ReactNode } from "react";
import { View, Text, Input, Textarea } from "@tarojs/components";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface FormFieldProps {
  /** 额外的类名 */
  className?: string;
  /** 字段名称 */
  label: ReactNode;
  /** 必填（名称后显示“必填”字样，而不只是星号） */
  required?: boolean;
  /** 填写说明，显示在输入框下方 */
  hint?: ReactNode;
  /** 校验错误，显示为红字并代替说明 */
  error?: string;
}

/** 表单项外框：名称、必填标记、输入控件、说明或错误。 */
export function FormField({
  className,
  label,
  required = false,
  hint,
  error,
  children,
}: PropsWithChildren<FormFieldProps>) {
  return (
    <View className={cx("ls-field", error && "ls-field--error", className)}>
      <View className="ls-field__label">
        <Text>{label}</Text>
        {required ? <Text className="ls-field__required">必填</Text> : null}
      </View>
      <View className="ls-field__control">{children}</View>
      {error ? (
        <View className="ls-field__error" role="alert">
          {error}
        </View>
      ) : hint ? (
        <Text className="ls-field__hint">{hint}</Text>
      ) : null}
    </View>
  );
}

export interface TextFieldProps extends Omit<FormFieldProps, "children"> {
  /** 内容（受控） */
  value: string;
  /** 内容变化 */
  onChange: (value: string) => void;
  /** 占位提示 */
  placeholder?: string;
  /** 键盘类型：text 文字、number 数字、idcard 身份证、digit 带小数点 @default "text" */
  type?: "text" | "number" | "idcard" | "digit";
  /** 密码输入 */
  password?: boolean;
  /** 最多字数 @default 100 */
  maxLength?: number;
  /** 键盘右下角按钮 @default "done" */
  confirmType?: "done" | "next" | "search" | "go" | "send";
  /** 按下键盘右下角按钮 */
  onConfirm?: () => void;
  onBlur?: () => void;
  disabled?: boolean;
  /** 输入框 name（H5 表单与自动填充） */
  name?: string;
}

/** 单行输入框。 */
export function TextField({
  value,
  onChange,
  placeholder,
  type = "text",
  password = false,
  maxLength = 100,
  confirmType = "done",
  onConfirm,
  onBlur,
  disabled = false,
  name,
  ...field
}: TextFieldProps) {
  return (
    <FormField {...field}>
      <Input
        className="ls-field__input"
        name={name}
        type={type}
        password={password}
        value={value}
        maxlength={maxLength}
        disabled={disabled}
        confirmType={confirmType}
        placeholder={placeholder}
        placeholderClass="ls-field__placeholder"
        aria-label={typeof field.label === "string" ? field.label : undefined}
        onInput={(e) => onChange(e.detail.value)}
        onConfirm={onConfirm}
        onBlur={onBlur}
      />
    </FormField>
  );
}

export interface TextAreaFieldProps extends Omit<FormFieldProps, "children"> {
  /** 内容（受控） */
  value: string;
  /** 内容变化 */
  onChange: (value: string) => void;
  /** 占位提示 */
  placeholder?: string;
  /** 最多字数，右下角显示已输入字数 @default 500 */
  maxLength?: number;
  onBlur?: () => void;
}

/** 多行输入框，带字数统计。 */
export function TextAreaField({
  value,
  onChange,
  placeholder,
  maxLength = 500,
  onBlur,
  ...field
}: TextAreaFieldProps) {
  return (
    <FormField {...field}>
      <Textarea
        className="ls-field__textarea"
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass="ls-field__placeholder"
        autoHeight
        aria-label={typeof field.label === "string" ? field.label : undefined}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onBlur}
      />
      <Text className="ls-field__count">
        {value.length}/{maxLength}
      </Text>
    </FormField>
  );
}
