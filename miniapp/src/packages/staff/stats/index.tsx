import { useState } from "react";
import Taro, { usePullDownRefresh } from "@tarojs/taro";
import { View, Text, Picker } from "@tarojs/components";
import type { DepartmentStats } from "@lushan/shared/schemas/stats";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Notice } from "@/components/notice";
import { Button } from "@/components/button";
import { Tabs } from "@/components/tabs";
import { PickerField } from "@/components/picker-field";
import { Chart } from "@/components/chart";
import { StaffGate } from "@/components/staff-gate";
import { actionErrorText } from "@/components/staff-gate/errors";
import { useAuth } from "@/hooks/useAuth";
import { useElderMode } from "@/hooks/useElderMode";
import { useRequest } from "@/hooks/useRequest";
import { listDispatchDepartments } from "@/services/hotline";
import { getStaffStats, staffStatsCsvUrl, type StatsFilters } from "@/services/stats";
import { formatDate } from "@/utils/format";
import { beijingToday } from "../policy-edit/form";
import { exportCsv } from "./csvExport";
import {
  barrierChart,
  departmentName,
  formatRatio,
  headlineFigures,
  PERIOD_PRESETS,
  presetPeriod,
  rateChart,
  volumeChart,
  type PeriodPreset,
} from "./figures";
import "./index.scss";

const ALL = "__all";

function DepartmentList({ rows }: { rows: DepartmentStats[] }) {
  return (
    <View className="stats__depts" aria-label="各部门数据">
      {rows.map((d) => (
        <View key={d.department?.code ?? "none"} className="stats__dept">
          <Text className="stats__dept-name">{departmentName(d, false)}</Text>
          <View className="stats__dept-figures">
            {[
              ["投诉件数", `${d.complaints} 件`],
              ["按时答复率", formatRatio(d.onTimeReply)],
              ["满意率", formatRatio(d.satisfaction)],
              ["整改完成率", formatRatio(d.rectification.completion)],
            ].map(([label, value]) => (
              <View key={label} className="stats__dept-figure">
                <Text className="stats__figure-label">{label}</Text>
                <Text className="stats__dept-value">{value}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}

function StatsBoard() {
  const { user } = useAuth();
  const [elder] = useElderMode();
  const allDepartments = user?.role === "coordinator" || user?.role === "admin";
  const today = beijingToday();
  const [preset, setPreset] = useState<PeriodPreset>("30d");
  const [custom, setCustom] = useState(
    () => presetPeriod("30d", today) as { from: string; to: string },
  );
  const [department, setDepartment] = useState<string>(ALL);
  const [exporting, setExporting] = useState(false);
  const [exportNote, setExportNote] = useState<{ tone: "success" | "danger"; text: string } | null>(
    null,
  );
  const departments = useRequest(listDispatchDepartments, [], { enabled: allDepartments });

  const period = presetPeriod(preset, today) ?? custom;
  const badPeriod = period.from > period.to;
  const filters: StatsFilters = {
    from: period.from,
    to: period.to,
    ...(allDepartments && department !== ALL ? { department } : {}),
  };
  const stats = useRequest(
    () => getStaffStats(filters),
    [filters.from, filters.to, filters.department],
    {
      enabled: !badPeriod,
    },
  );
  usePullDownRefresh(() => {
    void stats.reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function download() {
    setExporting(true);
    setExportNote(null);
    try {
      const how = await exportCsv(
        staffStatsCsvUrl(filters),
        `效能统计_${filters.from}_${filters.to}.csv`,
      );
      setExportNote({
        tone: "success",
        text:
          how === "saved"
            ? "已下载 CSV 文件，可用表格软件打开。"
            : "请选择聊天发送 CSV 文件，在电脑上打开。",
      });
    } catch (e) {
      setExportNote({ tone: "danger", text: `导出失败：${actionErrorText(e)}` });
    } finally {
      setExporting(false);
    }
  }

  const data = stats.data;
  const rows = data
    ? data.departments.filter((d) => d.complaints > 0 || d.rectification.total > 0)
    : [];

  return (
    <PageShell className="stats">
      <View className="stats__filters">
        <Tabs label="统计时段" options={PERIOD_PRESETS} value={preset} onChange={setPreset} />
        {preset === "custom" ? (
          <View className="stats__dates">
            <Picker
              mode="date"
              value={custom.from}
              end={today}
              onChange={(e) => setCustom((c) => ({ ...c, from: String(e.detail.value) }))}
            >
              <View className="stats__pick">从 {custom.from}</View>
            </Picker>
            <Picker
              mode="date"
              value={custom.to}
              end={today}
              onChange={(e) => setCustom((c) => ({ ...c, to: String(e.detail.value) }))}
            >
              <View className="stats__pick">到 {custom.to}</View>
            </Picker>
          </View>
        ) : (
          <Text className="stats__period">
            {period.from} 至 {period.to}
          </Text>
        )}
        {allDepartments ? (
          <PickerField
            label="部门"
            options={[
              { value: ALL, label: "全部部门" },
              ...(departments.data ?? []).map((d) => ({ value: d.code, label: d.name })),
            ]}
            value={department}
            onChange={setDepartment}
          />
        ) : (
          <Text className="stats__period">统计范围：{user?.department?.name ?? "本部门"}</Text>
        )}
      </View>

      {badPeriod ? (
        <Notice className="stats__notice" tone="danger">
          开始日期不能晚于结束日期，请重新选择。
        </Notice>
      ) : null}

      <PageState
        loading={stats.loading}
        error={stats.error}
        onRetry={stats.reload}
        loadingText="正在统计"
        empty={
          !badPeriod &&
          data !== undefined &&
          data.total.complaints === 0 &&
          data.total.rectification.total === 0
        }
        emptyTitle="这个时段没有投诉"
        emptyDescription="换个时段或部门再看看。"
      >
        {data ? (
          <>
            {!data.calendarComplete ? (
              <Notice className="stats__notice" tone="warning">
                所选时段有年份尚未录入节假日安排，用时按周末休息计算，可能略有偏差。
              </Notice>
            ) : null}
            <Section title="总体情况">
              <View className="stats__figures">
                {headlineFigures(data.total).map((f) => (
                  <View key={f.label} className="stats__figure">
                    <Text className="stats__figure-label">{f.label}</Text>
                    <Text className="stats__figure-value">{f.value}</Text>
                    {f.note ? (
                      <Text className="stats__figure-note ls-nonessential">{f.note}</Text>
                    ) : null}
                  </View>
                ))}
              </View>
              <Text className="stats__generated">
                统计时间：{formatDate(data.generatedAt, true)}，用时按工作时间计（每个工作日 8
                小时）
              </Text>
            </Section>

            {rows.length > 0 ? (
              <Section title="各部门投诉件数">
                <Chart
                  id="statsVolume"
                  spec={volumeChart(data)}
                  label="各部门投诉件数柱状图，数字见下方表格"
                  elder={elder}
                />
              </Section>
            ) : null}
            {rateChart(data).categories.length > 0 ? (
              <Section title="按时答复率与满意率（%）">
                <Chart
                  id="statsRates"
                  spec={rateChart(data)}
                  label="各部门按时答复率与满意率条形图，数字见下方表格"
                  elder={elder}
                />
              </Section>
            ) : null}
            {barrierChart(data.total).categories.length > 0 ? (
              <Section title="问题类型分布" className="ls-nonessential">
                <Chart
                  id="statsBarriers"
                  spec={barrierChart(data.total)}
                  label="问题类型分布环形图"
                  elder={elder}
                />
              </Section>
            ) : null}

            <Section title="各部门数据">
              {rows.length > 0 ? (
                <DepartmentList rows={rows} />
              ) : (
                <Text className="stats__period">暂无部门数据</Text>
              )}
            </Section>

            <Section title="导出">
              <Button block loading={exporting} onClick={() => void download()}>
                导出 CSV（各部门数据表）
              </Button>
              {exportNote ? (
                <Notice className="stats__export-note" tone={exportNote.tone}>
                  {exportNote.text}
                </Notice>
              ) : null}
            </Section>
          </>
        ) : null}
      </PageState>
    </PageShell>
  );
}

/** 效能统计：按时段和部门查看受理、答复、办结用时，按时率、满意率、重办率、整改完成率，图表和数据表，可导出 CSV。 */
export default function StatsPage() {
  return (
    <StaffGate className="stats" roles={["dept_staff", "dept_admin", "coordinator", "admin"]}>
      <StatsBoard />
    </StaffGate>
  );
}
