import { useState } from "react";
import Taro, { usePullDownRefresh, useShareAppMessage } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { BARRIER_TYPES, type BarrierTypeCode } from "@lushan/shared/barrierTypes";
import { CASE_KIND_LABELS, type CaseOrigin } from "@lushan/shared/cases/lifecycle";
import { PageShell } from "@/components/page-shell";
import { PagedList } from "@/components/paged-list";
import { Tabs } from "@/components/tabs";
import { SearchBar } from "@/components/search-bar";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { Tag } from "@/components/tag";
import { RecordCard } from "@/components/record-card";
import { PickerField } from "@/components/picker-field";
import { usePageParams } from "@/hooks/usePageParams";
import { usePagedList } from "@/hooks/usePagedList";
import { useSearchQuery } from "@/hooks/useSearchQuery";
import { listCaseLibrary } from "@/services/cases";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import "./index.scss";

type OriginFilter = "all" | CaseOrigin;
const ALL_TYPES = "all";
const TYPE_OPTIONS = [
  { value: ALL_TYPES, label: "全部问题类型" },
  ...BARRIER_TYPES.map((t) => ({ value: t.code, label: `${t.code} ${t.name}` })),
];

/** 典型案例库：本市办结后通报的案例和国家发展改革委通报的案例，注明来源。 */
export default function CaseLibraryPage() {
  const params = usePageParams();
  const [origin, setOrigin] = useState<OriginFilter>(
    params.origin === "complaint" || params.origin === "national" ? params.origin : "all",
  );
  const [barrierType, setBarrierType] = useState<string>(
    BARRIER_TYPES.some((t) => t.code === params.barrierType) ? params.barrierType : ALL_TYPES,
  );
  const search = useSearchQuery();
  const q = search.query;
  const list = usePagedList(
    (page) =>
      listCaseLibrary(
        {
          origin: origin === "all" ? undefined : origin,
          barrierType: barrierType === ALL_TYPES ? undefined : (barrierType as BarrierTypeCode),
          q: q || undefined,
        },
        page,
      ),
    [origin, barrierType, q],
  );
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({ title: "市场准入壁垒典型案例", path: Pages.caseLibrary }));
  const sample = list.items.some((c) => c.sample);

  return (
    <PageShell className="case-library">
      <View className="case-library__top">
        <SearchBar {...search.bind} placeholder="搜索案例，如：餐饮、招投标" label="搜索案例" />
        <Tabs
          label="案例来源"
          options={[
            { value: "all" as const, label: "全部" },
            { value: "complaint" as const, label: "本市案例" },
            { value: "national" as const, label: "国家通报" },
          ]}
          value={origin}
          onChange={setOrigin}
        />
        <PickerField
          label="问题类型"
          options={TYPE_OPTIONS}
          value={barrierType}
          onChange={setBarrierType}
        />
      </View>
      {sample ? (
        <Notice className="case-library__notice" tone="warning" title="示例">
          标有“示例”的案例摘自公开转载的通报，仅供了解问题类型，原文以发布机关公布的为准。
        </Notice>
      ) : null}
      <PagedList
        list={list}
        emptyTitle={
          q || origin !== "all" || barrierType !== ALL_TYPES
            ? "没有找到相关案例"
            : "暂时没有通报的案例"
        }
        emptyDescription={q ? "换个说法再搜搜，如行业名称或问题类型。" : undefined}
        emptyAction={
          q || origin !== "all" || barrierType !== ALL_TYPES ? (
            <Button
              onClick={() => {
                search.clear();
                setOrigin("all");
                setBarrierType(ALL_TYPES);
              }}
            >
              查看全部案例
            </Button>
          ) : undefined
        }
        header={<Text className="case-library__total">共 {list.total} 个案例</Text>}
        renderItem={(c) => (
          <RecordCard
            key={c.id}
            code={c.caseNo}
            tags={
              <>
                <Tag tone={c.kind === "barrier" ? "danger" : "warning"}>
                  {CASE_KIND_LABELS[c.kind]}
                </Tag>
                {c.sample ? <Tag tone="warning">示例</Tag> : null}
              </>
            }
            title={c.title}
            lines={[
              <Text key="e">{c.excerpt}</Text>,
              <Text key="l">
                {c.locality}
                {c.barrierTypeName ? ` · ${c.barrierTypeName}` : ""}
              </Text>,
            ]}
            footer={`来源：${c.source.label}${c.publishedAt ? ` · ${formatDate(c.publishedAt)}` : ""}`}
            onClick={() => void openPage(Pages.caseDetail, { id: c.id })}
          />
        )}
      >
        <View className="case-library__board">
          <Button block onClick={() => void openPage(Pages.rectificationBoard)}>
            查看整改销号公示
          </Button>
        </View>
      </PagedList>
    </PageShell>
  );
}
