// Test double for @tarojs/components: plain DOM elements with Taro's event shapes
// (`e.detail.value`), so components can be rendered with @testing-library/react in jsdom.
import type { ReactNode } from "react";

interface Common {
  className?: string;
  children?: ReactNode;
  onClick?: () => void;
  id?: string;
  role?: string;
  [attr: `aria-${string}`]: unknown;
}

function domProps({ className, onClick, id, role, ...rest }: Common & Record<string, unknown>) {
  const aria = Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith("aria-")));
  return { className, onClick, id, role, ...aria };
}

export function View(props: Common & { hoverClass?: string }) {
  return <div {...domProps(props)}>{props.children}</div>;
}

export function Text(props: Common) {
  return <span {...domProps(props)}>{props.children}</span>;
}

export function ScrollView(props: Common & Record<string, unknown>) {
  return <div {...domProps(props)}>{props.children}</div>;
}

export function Button(
  props: Common & {
    disabled?: boolean;
    openType?: string;
    hoverClass?: string;
    onAgreePrivacyAuthorization?: () => void;
  },
) {
  return (
    <button
      type="button"
      {...domProps(props)}
      disabled={props.disabled}
      data-open-type={props.openType}
    >
      {props.children}
    </button>
  );
}

interface InputLike extends Common {
  value?: string;
  placeholder?: string;
  password?: boolean;
  maxlength?: number;
  onInput?: (e: { detail: { value: string } }) => void;
  onConfirm?: (e: { detail: { value: string } }) => void;
  onFocus?: () => void;
  onBlur?: () => void;
}

export function Input(props: InputLike & Record<string, unknown>) {
  return (
    <input
      {...domProps(props)}
      type={props.password ? "password" : "text"}
      value={props.value ?? ""}
      placeholder={props.placeholder}
      maxLength={props.maxlength}
      onChange={(e) => props.onInput?.({ detail: { value: e.target.value } })}
      onKeyDown={(e) => {
        if (e.key === "Enter")
          props.onConfirm?.({ detail: { value: (e.target as HTMLInputElement).value } });
      }}
      onFocus={props.onFocus}
      onBlur={props.onBlur}
    />
  );
}

export function Textarea(props: InputLike & Record<string, unknown>) {
  return (
    <textarea
      {...domProps(props)}
      value={props.value ?? ""}
      placeholder={props.placeholder}
      maxLength={props.maxlength}
      onChange={(e) => props.onInput?.({ detail: { value: e.target.value } })}
      onBlur={props.onBlur}
    />
  );
}

export function Image(props: Common & { src: string; mode?: string }) {
  return <img {...domProps(props)} src={props.src} alt="" />;
}

export function RichText(props: Common & { nodes: string }) {
  return <div {...domProps(props)} dangerouslySetInnerHTML={{ __html: props.nodes }} />;
}

export function Picker(
  props: Common & {
    range: string[];
    value: number;
    disabled?: boolean;
    onChange: (e: { detail: { value: number } }) => void;
  },
) {
  return (
    <div className={props.className}>
      <select
        aria-label="选择"
        disabled={props.disabled}
        value={props.value}
        onChange={(e) => props.onChange({ detail: { value: Number(e.target.value) } })}
      >
        {props.range.map((label, i) => (
          <option key={label} value={i}>
            {label}
          </option>
        ))}
      </select>
      {props.children}
    </div>
  );
}
