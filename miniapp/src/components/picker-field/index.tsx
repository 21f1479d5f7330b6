import { Picker, View, Text } from "@tarojs/components";
import { FormField, type FormFieldProps } from "@/components/form-field";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface PickerOption<V extends string> {
  /** 选项值 */
  value: V;
  /** 显示文字 */
  label: string;
}

export interface PickerFieldProps<V extends string> extends Omit<FormFieldProps, "children"> {
  /** 可选项 */
  options: Array<PickerOption<V>>;
  /** 当前值（受控）；未选时为 null */
  value: V | null;
  /** 选择变化 */
  onChange: (value: V) => void;
  /** 未选择时的提示 @default "请选择" */
  placeholder?: string;
  disabled?: boolean;
}

/** 下拉选择（系统滚轮选择器），用于乡镇、部门等较长的选项表。 */
export function PickerField<V extends string>({
  options,
  value,
  onChange,
  placeholder = "请选择",
  disabled = false,
  ...field
}: PickerFieldProps<V>) {
  const index = options.findIndex((o) => o.value === value);
  return (
    <FormField {...field}>
      <Picker
        mode="selector"
        range={options.map((o) => o.label)}
        value={index >= 0 ? index : 0}
        disabled={disabled}
        onChange={(e) => {
          const picked = options[Number(e.detail.value)];
          if (picked) onChange(picked.value);
        }}
      >
        <View className={cx("ls-picker-field", index < 0 && "ls-picker-field--empty")}>
          <Text className="ls-picker-field__text">
            {index >= 0 ? options[index].label : placeholder}
          </Text>
          <Text className="ls-picker-field__arrow" />
        </View>
      </Picker>
    </FormField>
  );
}
