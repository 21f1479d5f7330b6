import { useState } from "react";
import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { STATUS_LABELS, type ComplaintStatus } from "@lushan/shared/complaints/lifecycle";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { PagedList } from "@/components/paged-list";
import { Tabs } from "@/components/tabs";
import { SearchBar } from "@/components/search-bar";
import { SwitchCell } from "@/components/switch-cell";
import { Button } from "@/components/button";
import { ComplaintCard } from "@/components/complaint-card";
import { useAuth } from "@/hooks/useAuth";
import { usePageParams } from "@/hooks/usePageParams";
import { usePagedList } from "@/hooks/usePagedList";
import { useSearchQuery } from "@/hooks/useSearchQuery";
import { useRequest } from "@/hooks/useRequest";
import { listStaffComplaints, staffComplaintSummary } from "@/services/complaints";
import { openPage, Pages } from "@/routes";
import "./index.scss";

type Queue = "all" | "coordination" | "supervision" | "review";
type StatusFilter = "all" | ComplaintStatus;

const QUEUES: readonly Queue[] = ["all", "coordination", "supervision", "review"];
const STATUS_FILTERS: readonly StatusFilter[] = [
  "all",
  "submitted",
  "assigned",
  "accepted",
  "returned",
  "replied",
  "closed",
  "merged",
];

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** 工作台投诉列表：本部门（协调员为全部）的问题，按队列、状态、超期筛选。 */
export default function StaffComplaintsPage() {
  const params = usePageParams();
  const { isStaff } = useAuth();
  const [queue, setQueue] = useState<Queue>(pick(params.queue, QUEUES, "all"));
  const [status, setStatus] = useState<StatusFilter>(pick(params.status, STATUS_FILTERS, "all"));
  const [overdue, setOverdue] = useState(params.overdue === "true");
  const search = useSearchQuery();
  const q = search.query;
  const summary = useRequest(staffComplaintSummary, [], { enabled: isStaff });

  const list = usePagedList(
    (page) =>
      listStaffComplaints(
        {
          queue: queue === "all" ? undefined : queue,
          status: status === "all" ? undefined : status,
          overdue: overdue ? "true" : undefined,
          q: q || undefined,
        },
        page,
      ),
    [queue, status, overdue, q, isStaff],
    { enabled: isStaff },
  );

  useDidShow(() => {
    // Back from a complaint after acting on it: its status may have changed.
    if (isStaff && list.items.length > 0) {
      void list.reload();
      void summary.reload();
    }
  });
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), summary.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const s = summary.data;
  const queueOptions = QUEUES.map((value) => ({
    value,
    label: { all: "全部", coordination: "待分办", supervision: "督办", review: "内容审核" }[value],
    count: value === "all" || !s ? undefined : s[value],
  }));
  const statusOptions = STATUS_FILTERS.map((value) => ({
    value,
    label: value === "all" ? "全部状态" : STATUS_LABELS[value],
  }));

  if (!isStaff) {
    return (
      <PageShell className="staff-list">
        <PageState
          empty
          emptyTitle="请先登录工作人员账号"
          emptyAction={
            <Button type="primary" onClick={() => void openPage(Pages.staffLogin)}>
              工作人员登录
            </Button>
          }
        />
      </PageShell>
    );
  }

  const filtered = queue !== "all" || status !== "all" || overdue || q !== "";

  return (
    <PageShell className="staff-list">
      <View className="staff-list__filters">
        <SearchBar
          {...search.bind}
          placeholder="编号、标题或被反映单位"
          label="搜索投诉"
          maxLength={50}
        />
        <Tabs label="队列" options={queueOptions} value={queue} onChange={setQueue} />
        <Tabs
          label="状态"
          variant="chip"
          options={statusOptions}
          value={status}
          onChange={setStatus}
        />
        <SwitchCell
          title="只看已超期"
          description={s ? `已超期 ${s.overdue} 件，即将到期 ${s.dueSoon} 件` : undefined}
          checked={overdue}
          onChange={setOverdue}
        />
      </View>
      <PagedList
        list={list}
        emptyTitle={filtered ? "没有符合条件的问题" : "暂时没有待办的问题"}
        emptyDescription={
          filtered ? "可以换个筛选条件再看看。" : "有新的问题分派到本部门时会显示在这里。"
        }
        emptyAction={
          filtered ? (
            <Button
              onClick={() => {
                setQueue("all");
                setStatus("all");
                setOverdue(false);
                search.clear();
              }}
            >
              清除筛选
            </Button>
          ) : undefined
        }
        header={<Text className="staff-list__total">共 {list.total} 件</Text>}
        renderItem={(c) => (
          <ComplaintCard
            key={c.ticketNo}
            complaint={c}
            staff
            onClick={() => void openPage(Pages.staffComplaint, { ticketNo: c.ticketNo })}
          />
        )}
      />
    </PageShell>
  );
}
