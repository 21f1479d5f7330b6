import { useState } from "react";
import { View, Picker } from "@tarojs/components";
import { RECTIFICATION_ORIGIN_LABELS } from "@lushan/shared/ledger/lifecycle";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { FormField, TextAreaField, TextField } from "@/components/form-field";
import { PickerField } from "@/components/picker-field";
import { Tabs } from "@/components/tabs";
import { actionErrorText } from "@/components/staff-gate/errors";
import { useRequest } from "@/hooks/useRequest";
import { useDraftForm } from "@/hooks/useDraftForm";
import { listStaffCases } from "@/services/cases";
import { listDispatchDepartments } from "@/services/hotline";
import { createRectification } from "@/services/ledger";
import { beijingToday } from "../policy-edit/form";
import { createRequest, EMPTY_CREATE_FORM, type CreateForm } from "./actions";

/** 新建整改事项（协调员）：来源、问题、责任部门、责任人、期限。 */
export function CreateTask({ onCreated }: { onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  const {
    draft: form,
    setDraft: setForm,
    errors,
    setErrors,
    set,
    field,
  } = useDraftForm<CreateForm>(EMPTY_CREATE_FORM);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const departments = useRequest(listDispatchDepartments, [], { enabled: open });
  const cases = useRequest(() => listStaffCases({ status: "published" }), [], {
    enabled: open && form.origin === "case",
  });

  if (!open) {
    return (
      <View className="ledger__create">
        <Button type="primary" block onClick={() => setOpen(true)}>
          新建整改事项
        </Button>
      </View>
    );
  }

  async function submit() {
    const built = createRequest(form, beijingToday());
    if ("errors" in built) {
      setErrors(built.errors);
      setFailure("请按红字提示补全");
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const created = await createRectification(built.body);
      setOpen(false);
      setForm(EMPTY_CREATE_FORM);
      onCreated(created.id);
    } catch (e) {
      setFailure(actionErrorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="ledger__form">
      <View className="ledger__origin">
        <Tabs
          variant="chip"
          label="事项来源"
          options={(["complaint", "case", "evaluation"] as const).map((o) => ({
            value: o,
            label: RECTIFICATION_ORIGIN_LABELS[o],
          }))}
          value={form.origin}
          onChange={set("origin")}
        />
      </View>
      {form.origin === "complaint" ? (
        <TextField
          label="来源投诉编号"
          required
          {...field("ticketNo")}
          maxLength={40}
          placeholder="如 LS202611240001"
        />
      ) : form.origin === "case" ? (
        <PickerField
          label="来源典型案例"
          required
          options={(cases.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.caseNo} ${c.title}`,
          }))}
          {...field("caseId")}
          placeholder={
            cases.loading
              ? "正在加载已通报的案例…"
              : cases.error
                ? "案例加载失败"
                : "请选择已通报的案例"
          }
        />
      ) : (
        <TextField label="效能评估发现的问题" required {...field("finding")} maxLength={200} />
      )}
      <TextAreaField label="问题描述" required {...field("problem")} maxLength={1000} />
      <PickerField
        label="责任部门"
        required
        options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
        {...field("department")}
        placeholder={departments.error ? "部门列表加载失败" : "请选择"}
      />
      <TextField
        label="责任人"
        required
        {...field("responsiblePerson")}
        maxLength={20}
        placeholder="如：王科长"
      />
      <FormField
        label="整改期限"
        required
        error={errors.deadline}
        hint="到期当天结束前须申请销号。"
      >
        <Picker
          mode="date"
          value={form.deadline || beijingToday()}
          start={beijingToday()}
          onChange={(e) => set("deadline")(String(e.detail.value))}
        >
          <View className="ledger__pick">{form.deadline || "选择日期"}</View>
        </Picker>
      </FormField>
      <TextAreaField
        label="整改措施（可不填，责任部门开始整改时填写）"
        value={form.measures}
        onChange={set("measures")}
        maxLength={2000}
      />
      {failure ? <Notice tone="danger">{failure}</Notice> : null}
      <View className="ledger__buttons">
        <Button type="primary" loading={busy} onClick={() => void submit()}>
          建立事项
        </Button>
        <Button disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}
