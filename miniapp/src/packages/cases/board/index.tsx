import { useState } from "react";
import Taro, { usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { RECTIFICATION_ORIGIN_LABELS } from "@lushan/shared/ledger/lifecycle";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { PagedList } from "@/components/paged-list";
import { Section } from "@/components/section";
import { PickerField } from "@/components/picker-field";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { RecordCard } from "@/components/record-card";
import { usePagedList } from "@/hooks/usePagedList";
import { useRequest } from "@/hooks/useRequest";
import { listDispatchDepartments } from "@/services/hotline";
import { listRectificationBoard } from "@/services/ledger";
import { getPublicStatsSummary } from "@/services/stats";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import "./index.scss";

const ALL = "__all";

function percentText(rate: number | null): string {
  return rate === null ? "暂无" : `${Math.round(rate * 1000) / 10}%`;
}

/** 整改销号公示：已经整改到位并由发改部门确认销号的事项（已去除个人信息）。 */
export default function RectificationBoardPage() {
  const [department, setDepartment] = useState<string>(ALL);
  const departments = useRequest(listDispatchDepartments, []);
  const summary = useRequest(() => getPublicStatsSummary(), []);
  const list = usePagedList(
    (page) =>
      listRectificationBoard({ department: department === ALL ? undefined : department }, page),
    [department],
  );
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), summary.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  const s = summary.data;

  return (
    <PageShell className="board">
      <Section title="近 30 天办理情况">
        <PageState
          inline
          loading={summary.loading}
          error={summary.error}
          onRetry={summary.reload}
          loadingText="正在统计"
        >
          {s ? (
            <View className="board__figures">
              <View className="board__figure">
                <Text className="board__value">{s.complaints}</Text>
                <Text className="board__label">受理反映</Text>
              </View>
              <View className="board__figure">
                <Text className="board__value">{percentText(s.onTimeReplyRate)}</Text>
                <Text className="board__label">按时答复率</Text>
              </View>
              <View className="board__figure">
                <Text className="board__value">{percentText(s.satisfactionRate)}</Text>
                <Text className="board__label">满意率</Text>
              </View>
              <View className="board__figure">
                <Text className="board__value">
                  {s.rectifications.done}/{s.rectifications.total}
                </Text>
                <Text className="board__label">整改销号</Text>
              </View>
              <Text className="board__generated">
                {s.period.from} 至 {s.period.to}，统计于 {formatDate(s.generatedAt, true)}
              </Text>
            </View>
          ) : null}
        </PageState>
      </Section>
      <View className="board__filter">
        <PickerField
          label="责任部门"
          options={[
            { value: ALL, label: "全部部门" },
            ...(departments.data ?? []).map((d) => ({ value: d.code, label: d.name })),
          ]}
          value={department}
          onChange={setDepartment}
        />
      </View>
      <PagedList
        list={list}
        emptyTitle="暂时没有销号的整改事项"
        emptyDescription="整改到位并经确认销号的事项会在这里公示。"
        header={<Text className="board__total">共 {list.total} 项已销号</Text>}
        renderItem={(r) => (
          <RecordCard
            key={r.id}
            code={r.taskNo}
            tags={
              <>
                <Tag tone="success" solid>
                  已销号
                </Tag>
                {r.onTime ? <Tag tone="success">按期完成</Tag> : <Tag tone="warning">逾期完成</Tag>}
                <Tag>{RECTIFICATION_ORIGIN_LABELS[r.origin]}</Tag>
              </>
            }
            title={r.summary}
            lines={[<Text key="d">责任部门：{r.department.name}</Text>]}
            footer={`整改期限 ${r.deadline} · 销号于 ${formatDate(r.closedAt)}`}
          />
        )}
      />
      <View className="board__links">
        <Button block onClick={() => void openPage(Pages.caseLibrary)}>
          查看典型案例
        </Button>
      </View>
    </PageShell>
  );
}
