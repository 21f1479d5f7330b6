import { useEffect, useState } from "react";
import { View, Text, Picker } from "@tarojs/components";
import type { RectificationAction } from "@lushan/shared/ledger/lifecycle";
import { RECTIFICATION_ORIGIN_LABELS } from "@lushan/shared/ledger/lifecycle";
import type { RectificationView } from "@lushan/shared/schemas/ledger";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Notice } from "@/components/notice";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { Tabs } from "@/components/tabs";
import { Timeline } from "@/components/steps";
import { FormField, TextAreaField, TextField } from "@/components/form-field";
import { PickerField } from "@/components/picker-field";
import { StaffGate } from "@/components/staff-gate";
import { actionErrorText, isConflict } from "@/components/staff-gate/errors";
import { usePageParams } from "@/hooks/usePageParams";
import { useRequest } from "@/hooks/useRequest";
import { useDraftForm } from "@/hooks/useDraftForm";
import { listDispatchDepartments } from "@/services/hotline";
import { actOnRectification, getRectification, updateRectification } from "@/services/ledger";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import { beijingToday } from "../../policy-edit/form";
import {
  actionInputs,
  actionLabel,
  actionRequest,
  allowedActions,
  deadlineText,
  editFormFor,
  EMPTY_ACTION_FORM,
  RECTIFICATION_STATUS_TONES,
  updateRequest,
  type ActionForm,
  type EditForm,
} from "../actions";
import "./index.scss";

function EditTask({
  task,
  onSaved,
  onError,
}: {
  task: RectificationView;
  onSaved: (t: RectificationView) => void;
  onError: (e: unknown) => void;
}) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<EditForm>(() => editFormFor(task));
  const [busy, setBusy] = useState(false);
  const departments = useRequest(listDispatchDepartments, [], { enabled: open });
  if (!open) {
    return (
      <Button
        block
        onClick={() => {
          setForm(editFormFor(task));
          setOpen(true);
        }}
      >
        调整责任部门、责任人或期限
      </Button>
    );
  }
  const body = updateRequest(form, task);
  return (
    <View className="ledger-detail__edit">
      <TextAreaField
        label="问题描述"
        value={form.problem}
        onChange={(v) => setForm((f) => ({ ...f, problem: v }))}
        maxLength={1000}
      />
      <PickerField
        label="责任部门"
        options={(departments.data ?? [task.department]).map((d) => ({
          value: d.code,
          label: d.name,
        }))}
        value={form.department}
        onChange={(v) => setForm((f) => ({ ...f, department: v }))}
      />
      <TextField
        label="责任人"
        value={form.responsiblePerson}
        onChange={(v) => setForm((f) => ({ ...f, responsiblePerson: v }))}
        maxLength={20}
      />
      <FormField label="整改期限">
        <Picker
          mode="date"
          value={form.deadline}
          onChange={(e) => setForm((f) => ({ ...f, deadline: String(e.detail.value) }))}
        >
          <View className="ledger-detail__pick">{form.deadline}</View>
        </Picker>
      </FormField>
      <TextField
        label="调整原因（可不填）"
        value={form.note}
        onChange={(v) => setForm((f) => ({ ...f, note: v }))}
        maxLength={500}
      />
      <View className="ledger-detail__buttons">
        <Button
          type="primary"
          loading={busy}
          disabled={!body}
          onClick={() => {
            if (!body) return;
            setBusy(true);
            updateRectification(task.id, body)
              .then((t) => {
                setOpen(false);
                onSaved(t);
              })
              .catch(onError)
              .finally(() => setBusy(false));
          }}
        >
          {body ? "保存调整" : "没有改动"}
        </Button>
        <Button disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}

function ActionPanel({
  task,
  onDone,
  onError,
}: {
  task: RectificationView;
  onDone: (t: RectificationView, action: RectificationAction) => void;
  onError: (e: unknown) => void;
}) {
  const actions = allowedActions(task.abilities);
  const [action, setAction] = useState<RectificationAction | null>(actions[0] ?? null);
  const {
    draft: form,
    setDraft: setForm,
    setErrors,
    field,
  } = useDraftForm<ActionForm>(EMPTY_ACTION_FORM);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setAction(actions[0] ?? null);
    setForm(EMPTY_ACTION_FORM);
    setErrors({});
  }, [task.status, task.version]);

  if (!action) return null;
  const inputs = actionInputs(action);

  function submit() {
    if (!action) return;
    const built = actionRequest(action, form, task.version);
    if ("errors" in built) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    actOnRectification(task.id, built.body)
      .then((t) => onDone(t, action))
      .catch(onError)
      .finally(() => setBusy(false));
  }

  return (
    <Section title="办理" plain>
      {actions.length > 1 ? (
        <View className="ledger-detail__choose">
          <Tabs
            variant="chip"
            label="选择操作"
            options={actions.map((a) => ({ value: a, label: actionLabel(a) }))}
            value={action}
            onChange={(a) => {
              setAction(a);
              setErrors({});
            }}
          />
        </View>
      ) : null}
      {action === "request_signoff" && task.evidence.length === 0 ? (
        <Notice className="ledger-detail__note" tone="warning">
          申请销号需要至少一份佐证材料，请在下方填写。
        </Notice>
      ) : null}
      {inputs.measures ? (
        <TextAreaField
          label={inputs.measures === "required" ? "整改措施" : "新的整改措施（可不填）"}
          required={inputs.measures === "required"}
          {...field("measures")}
          maxLength={2000}
          placeholder="采取了哪些措施，如：废止某文件、取消某要求"
        />
      ) : null}
      {inputs.evidence ? (
        <>
          <TextField
            label="佐证材料说明"
            {...field("evidenceText")}
            maxLength={500}
            placeholder="如：废止文件文号、整改通知"
          />
          <TextField
            label="佐证材料链接（可不填）"
            {...field("evidenceUrl")}
            maxLength={1000}
            placeholder="https:// 开头"
          />
        </>
      ) : null}
      {inputs.publicSummary ? (
        <TextAreaField
          label="公示说明（将在整改公示中公开）"
          required
          {...field("publicSummary")}
          maxLength={300}
          hint="写清问题和整改结果，不写个人姓名、电话、企业信用代码，系统会检查。"
        />
      ) : null}
      <TextAreaField
        label={inputs.noteLabel}
        required={inputs.note === "required"}
        {...field("note")}
        maxLength={500}
      />
      <View className="ledger-detail__submit">
        <Button type={inputs.tone} block loading={busy} onClick={submit}>
          {actionLabel(action)}
        </Button>
      </View>
    </Section>
  );
}

function TaskDetail() {
  const params = usePageParams();
  const loaded = useRequest(() => getRectification(params.id ?? ""), [params.id], {
    enabled: Boolean(params.id),
  });
  const [task, setTask] = useState<RectificationView | null>(null);
  const [message, setMessage] = useState<{
    tone: "success" | "danger";
    text: string;
    conflict?: boolean;
  } | null>(null);

  useEffect(() => {
    if (loaded.data) setTask(loaded.data);
  }, [loaded.data]);

  if (!params.id) {
    return (
      <PageShell className="ledger-detail">
        <PageState empty emptyTitle="没有指定整改事项" emptyDescription="请从整改台账进入。" />
      </PageShell>
    );
  }
  if (!task) {
    return (
      <PageShell className="ledger-detail">
        <PageState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />
      </PageShell>
    );
  }

  const onError = (e: unknown) =>
    setMessage({ tone: "danger", text: actionErrorText(e), conflict: isConflict(e) });
  const today = beijingToday();

  return (
    <PageShell className="ledger-detail">
      <View className="ledger-detail__head">
        <View className="ledger-detail__tags">
          <Tag tone={RECTIFICATION_STATUS_TONES[task.status]} solid>
            {task.statusLabel}
          </Tag>
          {task.overdue ? (
            <Tag tone="danger" solid>
              已逾期
            </Tag>
          ) : null}
          {task.closedLate ? <Tag tone="warning">逾期销号</Tag> : null}
          <Text className="ledger-detail__no">{task.taskNo}</Text>
        </View>
        <Text className="ledger-detail__problem">{task.problem}</Text>
      </View>

      {message ? (
        <Notice
          className="ledger-detail__note"
          tone={message.tone}
          action={
            message.conflict ? (
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  setMessage(null);
                  void loaded.reload();
                }}
              >
                载入最新内容
              </Button>
            ) : undefined
          }
        >
          {message.text}
        </Notice>
      ) : null}

      <Section title="责任与期限">
        <Text className="ledger-detail__row">责任部门：{task.department.name}</Text>
        <Text className="ledger-detail__row">责任人：{task.responsiblePerson}</Text>
        <Text
          className={
            task.overdue ? "ledger-detail__row ledger-detail__row--danger" : "ledger-detail__row"
          }
        >
          整改期限：{task.deadline}
          {task.status === "done" ? "" : `（${deadlineText(task.deadline, today, false)}）`}
        </Text>
        <Text className="ledger-detail__row">
          来源：{RECTIFICATION_ORIGIN_LABELS[task.origin.kind]}
          {task.origin.ref ? ` ${task.origin.ref}` : ""}
          {task.origin.finding ? `：${task.origin.finding}` : ""}
        </Text>
        {task.origin.caseId ? (
          <Button
            type="text"
            size="small"
            onClick={() => void openPage(Pages.staffCaseEdit, { id: task.origin.caseId ?? "" })}
          >
            查看来源案例
          </Button>
        ) : null}
        {task.closedAt ? (
          <Text className="ledger-detail__row">
            销号：{formatDate(task.closedAt)}
            {task.signedOffBy ? `（${task.signedOffBy} 确认）` : ""}
          </Text>
        ) : null}
        {task.abilities.edit ? (
          <View className="ledger-detail__edit-wrap">
            <EditTask
              task={task}
              onError={onError}
              onSaved={(t) => {
                setTask(t);
                setMessage({ tone: "success", text: "已保存调整" });
              }}
            />
          </View>
        ) : null}
      </Section>

      <Section title="整改措施与佐证">
        {task.measures ? (
          <Text className="ledger-detail__para">{task.measures}</Text>
        ) : (
          <Text className="ledger-detail__row">尚未填写整改措施</Text>
        )}
        {task.evidence.length > 0 ? (
          task.evidence.map((ev, i) => (
            <View key={`${ev.at}-${i}`} className="ledger-detail__evidence">
              <Text className="ledger-detail__row">
                {i + 1}. {ev.text}
              </Text>
              {ev.url ? <Text className="ledger-detail__url">{ev.url}</Text> : null}
              <Text className="ledger-detail__time">
                {formatDate(ev.at, true)}
                {ev.by ? ` · ${ev.by}` : ""}
              </Text>
            </View>
          ))
        ) : (
          <Text className="ledger-detail__row">还没有佐证材料</Text>
        )}
        {task.publicSummary ? (
          <Text className="ledger-detail__para">公示说明：{task.publicSummary}</Text>
        ) : null}
      </Section>

      <ActionPanel
        task={task}
        onError={onError}
        onDone={(t, action) => {
          setTask(t);
          setMessage({ tone: "success", text: `已${actionLabel(action)}` });
        }}
      />

      {task.history.length > 0 ? (
        <Section title="流转记录">
          <Timeline
            entries={task.history.map((h, i) => ({
              key: `${h.at}-${i}`,
              title: h.label,
              time: `${formatDate(h.at, true)}${h.actorName ? ` · ${h.actorName}` : ""}`,
              description: h.note ?? undefined,
            }))}
          />
        </Section>
      ) : null}
    </PageShell>
  );
}

/** 整改事项：责任部门填写措施和佐证、申请销号；协调员调整期限、确认销号或退回。 */
export default function LedgerDetailPage() {
  return (
    <StaffGate
      className="ledger-detail"
      roles={["dept_staff", "dept_admin", "coordinator", "admin"]}
    >
      <TaskDetail />
    </StaffGate>
  );
}
