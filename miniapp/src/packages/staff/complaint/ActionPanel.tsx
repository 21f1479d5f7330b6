import { useState } from "react";
import { View, Text } from "@tarojs/components";
import type { StaffComplaintView } from "@lushan/shared/schemas/complaint";
import type { DepartmentSummary } from "@lushan/shared/schemas/user";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { ChoiceList } from "@/components/choice-list";
import { PickerField } from "@/components/picker-field";
import { SwitchCell } from "@/components/switch-cell";
import { TextAreaField, TextField } from "@/components/form-field";
import { useRequest } from "@/hooks/useRequest";
import { actOnComplaint, listDepartments } from "@/services/complaints";
import { isApiError } from "@/services/apiError";
import { RATING_OPTIONS } from "@/utils/complaintLabels";
import {
  actionFields,
  actionLabel,
  buildActionBody,
  EMPTY_ACTION_DRAFT,
  type ActionDraft,
  type ActionErrors,
  type StaffAction,
} from "./actionForm";

export interface ActionPanelProps {
  complaint: StaffComplaintView;
  action: StaffAction;
  onDone: (next: StaffComplaintView, action: StaffAction) => void;
  onCancel: () => void;
}

/** 办理动作的表单：按动作显示说明、部门、并入编号、评价或图片审核等字段。 */
export function ActionPanel({ complaint, action, onDone, onCancel }: ActionPanelProps) {
  const fields = actionFields(action);
  const [draft, setDraft] = useState<ActionDraft>(EMPTY_ACTION_DRAFT);
  const [errors, setErrors] = useState<ActionErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const departments = useRequest(listDepartments, [], { enabled: fields.department !== null });
  const set = (patch: Partial<ActionDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const departmentOptions = (departments.data ?? [])
    .filter((d: DepartmentSummary) => d.code !== complaint.department?.code || action === "assign")
    .map((d) => ({ value: d.code, label: d.name }));
  const evidence = [
    ...complaint.evidence,
    ...complaint.supplements.flatMap((s) => s.evidence),
  ].filter((e) => e.status === "review" || e.status === "pending");

  const submit = async () => {
    const built = buildActionBody(action, draft, complaint.ticketNo);
    if ("errors" in built) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setProblem(null);
    setBusy(true);
    try {
      onDone(await actOnComplaint(complaint.ticketNo, built.body), action);
    } catch (error) {
      setProblem((error as Error).message);
      if (isApiError(error)) {
        setErrors({
          note: error.fieldError("note"),
          department: error.fieldError("department"),
          into: error.fieldError("into"),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="staff-complaint__panel" role="dialog" aria-label={actionLabel(action)}>
      <Text className="staff-complaint__panel-title">{actionLabel(action)}</Text>
      {problem ? (
        <Notice tone="danger" title="没有办成">
          {problem}
        </Notice>
      ) : null}
      {fields.department ? (
        departments.error ? (
          <Notice
            tone="danger"
            action={
              <Button size="small" onClick={() => void departments.reload()}>
                重试
              </Button>
            }
          >
            部门列表加载失败：{departments.error.message}
          </Notice>
        ) : (
          <PickerField
            label={fields.department === "required" ? "承办部门" : "建议改派给（可不选）"}
            required={fields.department === "required"}
            options={departmentOptions}
            value={draft.department}
            onChange={(department) => set({ department })}
            placeholder={departments.loading ? "正在加载部门" : "请选择部门"}
            error={errors.department}
          />
        )
      ) : null}
      {fields.complex ? (
        <SwitchCell
          title="疑难复杂"
          description="需要多部门会商的问题，答复期限延长"
          checked={draft.complex}
          onChange={(complex) => set({ complex })}
        />
      ) : null}
      {fields.into ? (
        <TextField
          label="并入的受理编号"
          required
          value={draft.into}
          onChange={(into) => set({ into })}
          placeholder="如 LS202611240001"
          maxLength={16}
          error={errors.into}
        />
      ) : null}
      {fields.rating ? (
        <View className="staff-complaint__field">
          <Text className="staff-complaint__field-label">回访评价（可不选）</Text>
          <ChoiceList
            label="回访评价"
            options={RATING_OPTIONS.map((r) => ({ value: r.value, label: r.label }))}
            value={draft.rating}
            onChange={(rating) => set({ rating })}
          />
        </View>
      ) : null}
      {fields.evidence ? (
        <View className="staff-complaint__field">
          <Text className="staff-complaint__field-label">待审核的图片</Text>
          {evidence.length === 0 ? (
            <Text className="staff-complaint__muted">没有待审核的图片</Text>
          ) : (
            <ChoiceList
              label="待审核的图片"
              options={evidence.map((e, i) => ({
                value: e.id,
                label: `第 ${i + 1} 张（${e.statusLabel}）`,
              }))}
              value={draft.upload}
              onChange={(upload) => set({ upload })}
            />
          )}
          {errors.upload ? <Text className="staff-complaint__error">{errors.upload}</Text> : null}
          <ChoiceList
            label="审核结论"
            options={[
              { value: "cleared", label: "通过，承办部门可以查看" },
              { value: "rejected", label: "不通过，不予显示" },
            ]}
            value={draft.verdict}
            onChange={(verdict) => set({ verdict })}
          />
          {errors.verdict ? <Text className="staff-complaint__error">{errors.verdict}</Text> : null}
        </View>
      ) : null}
      <TextAreaField
        label={fields.noteLabel}
        required={fields.noteRequired}
        value={draft.note}
        onChange={(note) => set({ note })}
        placeholder={action === "reply" ? "写明核查情况、处理结果和依据" : "请填写"}
        maxLength={1000}
        error={errors.note}
      />
      <View className="staff-complaint__panel-actions">
        <Button onClick={onCancel} disabled={busy}>
          取消
        </Button>
        <Button
          className="staff-complaint__panel-submit"
          type={fields.tone === "danger" ? "danger" : "primary"}
          loading={busy}
          onClick={() => void submit()}
        >
          {`确认${actionLabel(action)}`}
        </Button>
      </View>
    </View>
  );
}
