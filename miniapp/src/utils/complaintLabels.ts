import type { ComplaintStatus } from "@lushan/shared/complaints/lifecycle";
import type { TagTone } from "@/components/tag";

/** Tag colour of a complaint status: open ones blue, waiting for the complainant amber, done green. */
export function complaintStatusTone(status: ComplaintStatus): TagTone {
  switch (status) {
    case "replied":
      return "warning";
    case "closed":
      return "success";
    case "returned":
      return "danger";
    case "merged":
      return "neutral";
    default:
      return "primary";
  }
}

/** Whether the matter is on the list, in plain words (mirrors LIST_SCOPE_LABELS without zod). */
export const LIST_SCOPE_TEXT = {
  on_list: "涉及清单事项",
  not_on_list: "不在清单上（清单之外）",
  unsure: "不确定是否涉及清单",
} as const;

/** Rating choices, in the order people read them. */
export const RATING_OPTIONS = [
  { value: "satisfied", label: "满意", description: "问题已解决，办结此件" },
  { value: "basically_satisfied", label: "基本满意", description: "问题基本解决，办结此件" },
  {
    value: "unsatisfied",
    label: "不满意",
    description: "问题没有解决，退回承办部门重新办理",
  },
] as const;
