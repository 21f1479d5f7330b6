import { z } from "zod";

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "是/否",
  array: "列表",
  object: "对象",
  date: "日期",
  null: "空值",
};

// Validation messages reach users (form errors, API error details), so they are Chinese and plain;
// zod's own zh-CN locale covers everything not handled here.
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type") {
      if (issue.input === undefined) return "此项为必填项";
      return `格式不正确，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    }
    if (issue.code === "unrecognized_keys") return `不支持的字段：${issue.keys.join("、")}`;
    return undefined;
  },
});
