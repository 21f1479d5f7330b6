import { useState } from "react";
import { View } from "@tarojs/components";
import { Button } from "@/components/button";
import { TextAreaField } from "@/components/form-field";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface ReasonFormProps {
  /** 额外的类名 */
  className?: string;
  /** 展开表单的按钮文字，如“撤下” */
  trigger: string;
  /** 输入框名称，如“撤下原因” */
  label: string;
  /** 确认按钮文字 @default trigger */
  confirmText?: string;
  /** 填写说明 */
  hint?: string;
  /** 最多字数 @default 200 */
  maxLength?: number;
  /** 按钮样式 @default "default" */
  tone?: "primary" | "default" | "danger";
  /** 提交中 */
  busy?: boolean;
  /** 服务端返回的错误 */
  error?: string;
  /** 确认；原因已去掉首尾空白且不为空 */
  onConfirm: (reason: string) => void;
}

/**
 * 需要填写原因的操作（撤下、退回、不予采用）：点按钮后在原地展开输入框和“确认 / 取消”，
 * 不用弹窗，长辈模式下也容易操作。
 */
export function ReasonForm({
  className,
  trigger,
  label,
  confirmText,
  hint,
  maxLength = 200,
  tone = "default",
  busy = false,
  error,
  onConfirm,
}: ReasonFormProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  if (!open) {
    return (
      <Button className={className} type={tone} block onClick={() => setOpen(true)}>
        {trigger}
      </Button>
    );
  }
  return (
    <View className={cx("ls-reason-form", className)}>
      <TextAreaField
        label={label}
        required
        value={reason}
        onChange={(v) => {
          setReason(v);
          if (v.trim()) setMissing(false);
        }}
        maxLength={maxLength}
        hint={hint}
        error={missing ? `请填写${label}` : error}
      />
      <View className="ls-reason-form__buttons">
        <Button
          type={tone === "default" ? "primary" : tone}
          loading={busy}
          onClick={() => {
            const text = reason.trim();
            if (!text) setMissing(true);
            else onConfirm(text);
          }}
        >
          {confirmText ?? trigger}
        </Button>
        <Button
          disabled={busy}
          onClick={() => {
            setOpen(false);
            setReason("");
            setMissing(false);
          }}
        >
          取消
        </Button>
      </View>
    </View>
  );
}
