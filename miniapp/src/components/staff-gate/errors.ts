import { isApiError } from "@/services/apiError";

/**
 * A Chinese sentence for a failed staff action, with plainer wording for the codes people meet
 * while two of them work on the same record.
 * @param error what the service threw.
 * @returns the message to show next to the form.
 */
export function actionErrorText(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === "conflict")
      return "这条记录刚被其他人修改过，您看到的不是最新内容。请载入最新版本后再操作。";
    if (error.code === "invalid_transition")
      return `${error.message}（记录的状态可能已经变化，请刷新后再看）`;
    if (error.details.length > 0) return error.details.map((d) => d.message).join("；");
    return error.message;
  }
  return error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message)
    ? error.message
    : "操作失败，请稍后重试";
}

/**
 * Whether an error means someone else saved first (HTTP 409 `conflict`).
 * @param error what the service threw.
 * @returns true for an edit conflict.
 */
export function isConflict(error: unknown): boolean {
  return isApiError(error) && error.code === "conflict";
}
