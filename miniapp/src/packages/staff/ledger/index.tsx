import { useState } from "react";
import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import {
  RECTIFICATION_ORIGIN_LABELS,
  type RectificationStatus,
} from "@lushan/shared/ledger/lifecycle";
import { PageShell } from "@/components/page-shell";
import { PagedList } from "@/components/paged-list";
import { Tabs } from "@/components/tabs";
import { SwitchCell } from "@/components/switch-cell";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { RecordCard } from "@/components/record-card";
import { StaffGate } from "@/components/staff-gate";
import { useAuth } from "@/hooks/useAuth";
import { usePageParams } from "@/hooks/usePageParams";
import { usePagedList } from "@/hooks/usePagedList";
import { listRectifications } from "@/services/ledger";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import { beijingToday } from "../policy-edit/form";
import { deadlineText, RECTIFICATION_STATUS_TONES } from "./actions";
import { CreateTask } from "./CreateTask";
import "./index.scss";

type StatusFilter = "all" | RectificationStatus;
const FILTERS: Array<{ value: StatusFilter; label: string }> = [
  { value: "all", label: "全部" },
  { value: "open", label: "待整改" },
  { value: "rectifying", label: "整改中" },
  { value: "pending_signoff", label: "待销号" },
  { value: "done", label: "已销号" },
];

function Ledger() {
  const params = usePageParams();
  const { user } = useAuth();
  const coordinator = user?.role === "coordinator" || user?.role === "admin";
  const [status, setStatus] = useState<StatusFilter>(
    FILTERS.some((f) => f.value === params.status) ? (params.status as StatusFilter) : "all",
  );
  const [overdue, setOverdue] = useState(params.overdue === "true");
  const list = usePagedList(
    (page) =>
      listRectifications(
        { status: status === "all" ? undefined : status, overdue: overdue ? "true" : undefined },
        page,
      ),
    [status, overdue],
  );
  useDidShow(() => {
    if (list.items.length > 0) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const counts = list.last?.counts;
  const today = beijingToday();

  return (
    <PageShell className="ledger">
      <View className="ledger__top">
        {coordinator ? (
          <CreateTask onCreated={(id) => void openPage(Pages.staffLedgerDetail, { id })} />
        ) : null}
        <Tabs
          label="整改状态"
          options={FILTERS.map((f) => ({
            ...f,
            count: f.value === "all" || !counts ? undefined : counts[f.value],
          }))}
          value={status}
          onChange={setStatus}
        />
        <SwitchCell
          title="只看已逾期"
          description={counts ? `逾期未销号 ${counts.overdue} 项` : undefined}
          checked={overdue}
          onChange={setOverdue}
        />
      </View>
      <PagedList
        list={list}
        emptyTitle={status !== "all" || overdue ? "没有符合条件的整改事项" : "台账里还没有整改事项"}
        emptyDescription={
          coordinator
            ? "可以从投诉、典型案例或效能评估发现新建整改事项。"
            : "发改协调员交办的整改事项会显示在这里。"
        }
        emptyAction={
          status !== "all" || overdue ? (
            <Button
              onClick={() => {
                setStatus("all");
                setOverdue(false);
              }}
            >
              清除筛选
            </Button>
          ) : undefined
        }
        header={<Text className="ledger__total">共 {list.total} 项</Text>}
        renderItem={(t) => (
          <RecordCard
            key={t.id}
            code={t.taskNo}
            alert={t.overdue}
            tags={
              <>
                <Tag tone={RECTIFICATION_STATUS_TONES[t.status]} solid>
                  {t.statusLabel}
                </Tag>
                {t.overdue ? (
                  <Tag tone="danger" solid>
                    已逾期
                  </Tag>
                ) : null}
                {t.closedLate ? <Tag tone="warning">逾期销号</Tag> : null}
                <Tag>{RECTIFICATION_ORIGIN_LABELS[t.origin.kind]}</Tag>
              </>
            }
            title={t.problem}
            lines={[
              <Text key="o">
                责任部门：{t.department.name} · 责任人：{t.responsiblePerson}
              </Text>,
              <Text key="d" className={t.overdue ? "ledger__overdue" : undefined}>
                整改期限：{t.deadline}
                {t.status === "done" ? "" : `（${deadlineText(t.deadline, today, false)}）`}
              </Text>,
            ]}
            footer={
              t.closedAt
                ? `销号于 ${formatDate(t.closedAt)}`
                : `更新于 ${formatDate(t.updatedAt, true)}`
            }
            onClick={() => void openPage(Pages.staffLedgerDetail, { id: t.id })}
          />
        )}
      />
    </PageShell>
  );
}

/** 整改台账：逐项列出问题、责任部门、责任人和期限，逾期标红；协调员新建事项。 */
export default function LedgerPage() {
  return (
    <StaffGate className="ledger" roles={["dept_staff", "dept_admin", "coordinator", "admin"]}>
      <Ledger />
    </StaffGate>
  );
}
