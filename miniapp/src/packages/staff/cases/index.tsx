import { useState } from "react";
import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import {
  CASE_ORIGIN_LABELS,
  CASE_STATUS_LABELS,
  type CaseStatus,
} from "@lushan/shared/cases/lifecycle";
import { PageShell } from "@/components/page-shell";
import { PagedList } from "@/components/paged-list";
import { Tabs } from "@/components/tabs";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { Tag } from "@/components/tag";
import { RecordCard } from "@/components/record-card";
import { TextAreaField, TextField } from "@/components/form-field";
import { StaffGate } from "@/components/staff-gate";
import { actionErrorText } from "@/components/staff-gate/errors";
import { usePageParams } from "@/hooks/usePageParams";
import { usePagedList } from "@/hooks/usePagedList";
import { listStaffCases, proposeCase } from "@/services/cases";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import { CASE_STATUS_TONES } from "./labels";
import "./index.scss";

type StatusFilter = "all" | CaseStatus;
const FILTERS: StatusFilter[] = ["all", "proposed", "published", "unpublished", "rejected"];

function ProposeForm({
  initialTicket,
  onDone,
}: {
  initialTicket: string;
  onDone: (id: string) => void;
}) {
  const [open, setOpen] = useState(Boolean(initialTicket));
  const [ticketNo, setTicketNo] = useState(initialTicket);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ ticketNo?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (!open) {
    return (
      <View className="staff-cases__propose">
        <Button type="primary" block onClick={() => setOpen(true)}>
          推荐已办结的投诉为典型案例
        </Button>
      </View>
    );
  }

  async function submit() {
    const found: typeof errors = {};
    if (!ticketNo.trim()) found.ticketNo = "请填写投诉受理编号";
    if (!reason.trim()) found.reason = "请填写推荐理由";
    setErrors(found);
    if (found.ticketNo || found.reason) return;
    setBusy(true);
    setFailure(null);
    try {
      const created = await proposeCase(ticketNo.trim().toUpperCase(), reason.trim());
      onDone(created.id);
    } catch (e) {
      setFailure(actionErrorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="staff-cases__form">
      <Notice>
        只能推荐已答复或已办结的投诉。系统会按投诉生成去除个人信息的初稿，由发改协调员改写后发布。
      </Notice>
      <TextField
        label="投诉受理编号"
        required
        value={ticketNo}
        onChange={(v) => {
          setTicketNo(v);
          setErrors((e) => ({ ...e, ticketNo: undefined }));
        }}
        maxLength={40}
        placeholder="如 LS202611240001"
        error={errors.ticketNo}
      />
      <TextAreaField
        label="推荐理由"
        required
        value={reason}
        onChange={(v) => {
          setReason(v);
          setErrors((e) => ({ ...e, reason: undefined }));
        }}
        maxLength={500}
        placeholder="这件事为什么有代表性"
        error={errors.reason}
      />
      {failure ? <Notice tone="danger">{failure}</Notice> : null}
      <View className="staff-cases__buttons">
        <Button type="primary" loading={busy} onClick={() => void submit()}>
          提交推荐
        </Button>
        <Button disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}

function CaseList() {
  const params = usePageParams();
  const [status, setStatus] = useState<StatusFilter>(
    FILTERS.includes(params.status as StatusFilter) ? (params.status as StatusFilter) : "all",
  );
  const list = usePagedList(
    (page) => listStaffCases({ status: status === "all" ? undefined : status }, page),
    [status],
  );
  useDidShow(() => {
    if (list.items.length > 0) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell className="staff-cases">
      <View className="staff-cases__top">
        <ProposeForm
          initialTicket={params.ticketNo ?? ""}
          onDone={(id) => void openPage(Pages.staffCaseEdit, { id })}
        />
        <Tabs
          label="案例状态"
          options={FILTERS.map((value) => ({
            value,
            label: value === "all" ? "全部" : CASE_STATUS_LABELS[value],
          }))}
          value={status}
          onChange={setStatus}
        />
      </View>
      <PagedList
        list={list}
        emptyTitle={status === "all" ? "还没有推荐的案例" : "没有这个状态的案例"}
        emptyDescription="办结的投诉有代表性时，可以在上方推荐为典型案例。"
        header={<Text className="staff-cases__total">共 {list.total} 件</Text>}
        renderItem={(c) => (
          <RecordCard
            key={c.id}
            code={c.caseNo}
            tags={
              <>
                <Tag tone={CASE_STATUS_TONES[c.status]} solid>
                  {c.statusLabel}
                </Tag>
                <Tag tone="primary">{CASE_ORIGIN_LABELS[c.origin]}</Tag>
                {c.sample ? <Tag>示例</Tag> : null}
              </>
            }
            title={c.title}
            lines={[
              <Text key="e">{c.excerpt}</Text>,
              <Text key="m">
                {c.ticketNo ? `来源投诉 ${c.ticketNo}` : c.source.label}
                {c.department ? ` · ${c.department.name}` : ""}
              </Text>,
            ]}
            footer={
              c.publishedAt
                ? `通报于 ${formatDate(c.publishedAt)}`
                : `更新于 ${formatDate(c.updatedAt, true)}`
            }
            onClick={() => void openPage(Pages.staffCaseEdit, { id: c.id })}
          />
        )}
      />
    </PageShell>
  );
}

/** 典型案例（工作台）：推荐办结的投诉，查看待编辑、已通报的案例。 */
export default function StaffCasesPage() {
  return (
    <StaffGate className="staff-cases" roles={["dept_staff", "dept_admin", "coordinator", "admin"]}>
      <CaseList />
    </StaffGate>
  );
}
