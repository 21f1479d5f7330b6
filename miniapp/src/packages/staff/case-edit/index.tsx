import { useEffect, useRef, useState } from "react";
import { View, Text } from "@tarojs/components";
import { BARRIER_TYPES } from "@lushan/shared/barrierTypes";
import {
  CASE_KIND_LABELS,
  CASE_ORIGIN_LABELS,
  PERSONAL_DATA_LABELS,
  type CaseKind,
} from "@lushan/shared/cases/lifecycle";
import type { AnonymityCheck, StaffCaseView } from "@lushan/shared/schemas/cases";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Notice } from "@/components/notice";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { TextAreaField, TextField } from "@/components/form-field";
import { PickerField } from "@/components/picker-field";
import { Tabs } from "@/components/tabs";
import { Timeline } from "@/components/steps";
import { ReasonForm } from "@/components/reason-form";
import { StaffGate } from "@/components/staff-gate";
import { actionErrorText, isConflict } from "@/components/staff-gate/errors";
import { usePageParams } from "@/hooks/usePageParams";
import { useRequest } from "@/hooks/useRequest";
import { useDraftForm } from "@/hooks/useDraftForm";
import {
  checkCaseText,
  getStaffCase,
  publishCase,
  rejectCase,
  unpublishCase,
  updateCase,
} from "@/services/cases";
import { isApiError } from "@/services/apiError";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import { CASE_STATUS_TONES } from "../cases/labels";
import {
  caseCheckBody,
  caseUpdateBody,
  draftFromCase,
  findingsByField,
  validateCaseDraft,
  type CaseDraft,
} from "./form";
import "./index.scss";

type Busy = "save" | "publish" | "unpublish" | "reject" | null;
const BARRIER_OPTIONS = BARRIER_TYPES.map((t) => ({ value: t.code, label: `${t.code} ${t.name}` }));
const KIND_OPTIONS = (Object.keys(CASE_KIND_LABELS) as CaseKind[]).map((k) => ({
  value: k,
  label: CASE_KIND_LABELS[k],
}));

function CheckPanel({ check, checking }: { check: AnonymityCheck; checking: boolean }) {
  const groups = findingsByField(check.findings);
  return (
    <View className="case-edit__check" aria-live="polite">
      <Notice
        tone={check.passed ? "success" : "danger"}
        title={
          checking
            ? "正在检查个人信息…"
            : check.passed
              ? "脱敏检查通过"
              : `发现 ${check.findings.length} 处个人信息，发布前须改写`
        }
      >
        {check.explanation}
      </Notice>
      {groups.map((g) => (
        <View key={g.field} className="case-edit__findings">
          <Text className="case-edit__findings-title">{g.label}</Text>
          {g.items.map((f, i) => (
            <View key={`${f.index}-${i}`} className="case-edit__finding">
              <Tag tone="danger">{PERSONAL_DATA_LABELS[f.kind]}</Tag>
              <Text className="case-edit__excerpt">“{f.excerpt}”</Text>
              <Text className="case-edit__finding-text">{f.message}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

function CaseEditor() {
  const params = usePageParams();
  const loaded = useRequest(() => getStaffCase(params.id ?? ""), [params.id], {
    enabled: Boolean(params.id),
  });
  const [item, setItem] = useState<StaffCaseView | null>(null);
  const { draft, setDraft, setErrors, field } = useDraftForm<CaseDraft | null>(null);
  const [check, setCheck] = useState<AnonymityCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const checkRun = useRef(0);

  function take(next: StaffCaseView) {
    setItem(next);
    setDraft(draftFromCase(next));
    setCheck(next.check);
  }

  useEffect(() => {
    if (loaded.data) take(loaded.data);
  }, [loaded.data]);

  const dirty = item && draft ? caseUpdateBody(draft, item) !== null : false;
  const checkText = draft ? JSON.stringify(caseCheckBody(draft)) : "";

  // Re-run the anonymity check on the text being typed, a moment after typing stops.
  useEffect(() => {
    if (!item || !draft || !item.abilities.edit) return;
    if (!dirty) {
      // Back to the saved text: its check came with the case.
      checkRun.current++;
      setCheck(item.check);
      setChecking(false);
      return;
    }
    const run = ++checkRun.current;
    setChecking(true);
    const timer = setTimeout(() => {
      checkCaseText(item.id, caseCheckBody(draft))
        .then((result) => {
          if (run === checkRun.current) setCheck(result);
        })
        .catch(() => undefined)
        .finally(() => {
          if (run === checkRun.current) setChecking(false);
        });
    }, 800);
    return () => clearTimeout(timer);
  }, [checkText]);

  if (!params.id) {
    return (
      <PageShell className="case-edit">
        <PageState empty emptyTitle="没有指定案例" emptyDescription="请从典型案例列表进入。" />
      </PageShell>
    );
  }
  if (!item || !draft || !check) {
    return (
      <PageShell className="case-edit">
        <PageState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />
      </PageShell>
    );
  }

  const editable = item.abilities.edit;
  async function run(
    kind: Exclude<Busy, null>,
    action: () => Promise<StaffCaseView>,
    done: string,
  ) {
    setBusy(kind);
    setMessage(null);
    try {
      const next = await action();
      take(next);
      setConflict(false);
      setMessage({ tone: "success", text: done });
    } catch (e) {
      if (isConflict(e)) setConflict(true);
      if (isApiError(e) && e.code === "personal_data_found" && item) {
        // Show exactly what the server found in the saved text.
        void getStaffCase(item.id)
          .then((fresh) => setCheck(fresh.check))
          .catch(() => undefined);
      }
      setMessage({ tone: "danger", text: actionErrorText(e) });
    } finally {
      setBusy(null);
    }
  }

  function save() {
    if (!item || !draft) return;
    const found = validateCaseDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage({ tone: "danger", text: "请按红字提示修改后再保存" });
      return;
    }
    const body = caseUpdateBody(draft, item);
    if (!body) return;
    void run("save", () => updateCase(item.id, body), "已保存");
  }

  async function loadLatest() {
    if (!item) return;
    try {
      take(await getStaffCase(item.id));
      setConflict(false);
      setMessage({ tone: "success", text: "已载入最新版本" });
    } catch (e) {
      setMessage({ tone: "danger", text: actionErrorText(e) });
    }
  }

  const canPublish = item.abilities.publish;

  return (
    <PageShell
      className="case-edit"
      footer={
        editable ? (
          <Button
            type="primary"
            block
            size="large"
            loading={busy === "save"}
            disabled={!dirty}
            onClick={save}
          >
            {dirty ? "保存修改" : "没有未保存的修改"}
          </Button>
        ) : undefined
      }
    >
      <View className="case-edit__head">
        <View className="case-edit__tags">
          <Tag tone={CASE_STATUS_TONES[item.status]} solid>
            {item.statusLabel}
          </Tag>
          <Tag tone="primary">{CASE_ORIGIN_LABELS[item.origin]}</Tag>
          <Text className="case-edit__no">{item.caseNo}</Text>
        </View>
        {item.ticketNo ? (
          <Text className="case-edit__meta">
            来源投诉：{item.ticketNo}
            {item.department ? ` · ${item.department.name}` : ""}
          </Text>
        ) : null}
        {item.proposalReason ? (
          <Text className="case-edit__meta">推荐理由：{item.proposalReason}</Text>
        ) : null}
        {item.rejectReason ? (
          <Text className="case-edit__meta">不予采用原因：{item.rejectReason}</Text>
        ) : null}
        {item.publishedAt ? (
          <Text className="case-edit__meta">通报时间：{formatDate(item.publishedAt, true)}</Text>
        ) : null}
      </View>

      {message ? (
        <Notice
          className="case-edit__message"
          tone={message.tone}
          action={
            conflict ? (
              <Button size="small" type="primary" onClick={() => void loadLatest()}>
                载入最新版本
              </Button>
            ) : undefined
          }
        >
          {message.text}
        </Notice>
      ) : null}

      <Section title="脱敏检查">
        <CheckPanel check={check} checking={checking} />
      </Section>

      {editable ? (
        <Section title="公开文本" plain>
          <TextField
            label="标题"
            required
            {...field("title")}
            maxLength={64}
            placeholder="不超过 64 个字，不写个人或企业名称"
          />
          <TextAreaField
            label="案情摘要"
            required
            {...field("summary")}
            maxLength={2000}
            placeholder="写清经过：哪个单位、提出了什么要求、为什么构成壁垒"
            hint="不写个人姓名、电话、身份证号和企业信用代码；用“某企业”“申请人”代替。"
          />
          <TextAreaField label="处理情况" {...field("handling")} maxLength={2000} />
          <TextAreaField label="警示意义" {...field("lesson")} maxLength={1000} />
          <View className="case-edit__kind">
            <Text className="case-edit__kind-label">案例类别</Text>
            <Tabs
              variant="chip"
              label="案例类别"
              options={KIND_OPTIONS}
              value={draft.kind}
              onChange={(k) => setDraft((d) => (d ? { ...d, kind: k } : d))}
            />
          </View>
          <PickerField
            label="问题类型"
            options={BARRIER_OPTIONS}
            value={draft.barrierType}
            onChange={(v) => setDraft((d) => (d ? { ...d, barrierType: v } : d))}
            placeholder="请选择（可不选）"
          />
          <TextField
            label="被通报单位"
            {...field("authority")}
            maxLength={60}
            placeholder="设置壁垒的机关或部门（不写个人）"
          />
        </Section>
      ) : (
        <Section title="公开文本">
          <Text className="case-edit__title">{item.title}</Text>
          <Text className="case-edit__para">{item.summary}</Text>
          {item.handling ? (
            <Text className="case-edit__para">处理情况：{item.handling}</Text>
          ) : null}
          {item.lesson ? <Text className="case-edit__para">警示意义：{item.lesson}</Text> : null}
          <Text className="case-edit__meta">
            {CASE_KIND_LABELS[item.kind]}
            {item.barrierTypeName ? ` · ${item.barrierType} ${item.barrierTypeName}` : ""}
            {item.authority ? ` · 被通报单位：${item.authority}` : ""}
          </Text>
        </Section>
      )}

      {canPublish || item.abilities.unpublish || item.abilities.reject ? (
        <Section title="发布">
          <View className="case-edit__actions">
            {canPublish ? (
              <>
                {dirty ? <Notice tone="warning">有未保存的修改，请先保存再发布。</Notice> : null}
                {!check.passed ? (
                  <Notice tone="danger">还有个人信息，改写并保存后才能发布。</Notice>
                ) : null}
                <Button
                  type="primary"
                  block
                  loading={busy === "publish"}
                  disabled={dirty || !check.passed || checking || busy !== null}
                  onClick={() =>
                    void run(
                      "publish",
                      () => publishCase(item.id, item.version),
                      "已发布为典型案例通报，已进入案例库和政策动态",
                    )
                  }
                >
                  发布为典型案例通报
                </Button>
              </>
            ) : null}
            {item.abilities.unpublish ? (
              <ReasonForm
                trigger="撤下通报"
                label="撤下原因"
                tone="danger"
                busy={busy === "unpublish"}
                onConfirm={(reason) =>
                  void run("unpublish", () => unpublishCase(item.id, reason), "已撤下")
                }
              />
            ) : null}
            {item.abilities.reject ? (
              <ReasonForm
                trigger="不予采用"
                label="不予采用的原因"
                busy={busy === "reject"}
                onConfirm={(reason) =>
                  void run("reject", () => rejectCase(item.id, reason), "已标记为不予采用")
                }
              />
            ) : null}
          </View>
        </Section>
      ) : (
        <Notice className="case-edit__message" tone="info">
          案例由发改协调员编辑、发布，您可以在这里查看进展。
        </Notice>
      )}

      {item.status === "published" ? (
        <View className="case-edit__link">
          <Button type="text" onClick={() => void openPage(Pages.caseDetail, { id: item.id })}>
            查看公众看到的案例页
          </Button>
        </View>
      ) : null}

      {item.history.length > 0 ? (
        <Section title="办理记录">
          <Timeline
            entries={item.history.map((h, i) => ({
              key: `${h.at}-${i}`,
              title: h.label,
              time: formatDate(h.at, true),
              description: h.note ?? undefined,
            }))}
          />
        </Section>
      ) : null}
    </PageShell>
  );
}

/** 典型案例编辑：协调员改写脱敏后的公开文本，实时查看脱敏检查结果，发布为通报。 */
export default function CaseEditPage() {
  return (
    <StaffGate className="case-edit" roles={["dept_staff", "dept_admin", "coordinator", "admin"]}>
      <CaseEditor />
    </StaffGate>
  );
}
