import { useState } from "react";
import Taro, { useDidShow, usePullDownRefresh, useShareAppMessage } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import type { ListCategory } from "@lushan/shared/schemas/list";
import { PageShell } from "@/components/page-shell";
import { SearchBar, SuggestionList } from "@/components/search-bar";
import { Tabs, type TabOption } from "@/components/tabs";
import { SampleBanner } from "@/components/sample-banner";
import { ListItemCard } from "@/components/list-item-card";
import { PagedList } from "@/components/paged-list";
import { Button } from "@/components/button";
import { usePagedList } from "@/hooks/usePagedList";
import { useSuggestions } from "@/hooks/useSuggestions";
import { searchList } from "@/services/list";
import { listIntentStore } from "@/stores/listIntent";
import { openPage, Pages } from "@/routes";
import "./index.scss";

type CategoryFilter = "all" | ListCategory;
const ALL_INDUSTRIES = "全部行业";

export default function ListPage() {
  // A search handed over before the tab's first render starts the page with it: setting it after
  // the first render reached Taro H5's search input before the input had finished loading.
  const [initialIntent] = useState(() => listIntentStore.get());
  const [text, setText] = useState(initialIntent?.q.trim() ?? "");
  const [query, setQuery] = useState(initialIntent?.q.trim() ?? "");
  const [focused, setFocused] = useState(false);
  const [category, setCategory] = useState<CategoryFilter>("all");
  const [industry, setIndustry] = useState(ALL_INDUSTRIES);
  const suggestions = useSuggestions(text, focused);

  const list = usePagedList(
    (page) =>
      searchList(
        {
          q: query || undefined,
          category: category === "all" ? undefined : category,
          industry: industry === ALL_INDUSTRIES ? undefined : industry,
        },
        page,
      ),
    [query, category, industry],
  );

  const runSearch = (q: string) => {
    const next = q.trim();
    setText(next);
    setFocused(false);
    setQuery(next);
    setIndustry(ALL_INDUSTRIES);
  };

  useDidShow(() => {
    const intent = listIntentStore.get();
    if (intent) {
      listIntentStore.set(null);
      if (intent === initialIntent) return;
      setCategory("all");
      runSearch(intent.q);
    }
  });

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => ({ title: "市场准入负面清单查询", path: Pages.list }));

  const facets = list.last?.facets;
  const countOf = (value: string) => facets?.category.find((f) => f.value === value)?.count ?? 0;
  const categoryOptions: Array<TabOption<CategoryFilter>> = [
    { value: "all", label: "全部" },
    { value: "禁止准入类", label: "禁止准入类", count: facets ? countOf("禁止准入类") : undefined },
    { value: "许可准入类", label: "许可准入类", count: facets ? countOf("许可准入类") : undefined },
  ];
  const industryOptions: Array<TabOption<string>> = [
    { value: ALL_INDUSTRIES, label: ALL_INDUSTRIES },
    ...(facets?.industry ?? []).map((f) => ({ value: f.value, label: f.value, count: f.count })),
  ];
  if (industry !== ALL_INDUSTRIES && !industryOptions.some((o) => o.value === industry)) {
    industryOptions.push({ value: industry, label: industry });
  }

  return (
    <PageShell tabPage className="list-page">
      <View className="list-page__search">
        <SearchBar
          value={text}
          placeholder="输入行业、业务或事项编码"
          label="搜索负面清单"
          onChange={setText}
          onConfirm={runSearch}
          onClear={() => runSearch("")}
          onFocus={() => setFocused(true)}
          onBlur={() => setTimeout(() => setFocused(false), 200)}
        >
          {focused ? (
            <SuggestionList items={suggestions} keyword={text.trim()} onSelect={runSearch} />
          ) : null}
        </SearchBar>
      </View>
      <Tabs label="清单分类" options={categoryOptions} value={category} onChange={setCategory} />
      <Tabs
        label="行业"
        variant="chip"
        options={industryOptions}
        value={industry}
        onChange={setIndustry}
      />

      <SampleBanner visible={list.last?.sample ?? false} />

      {list.last?.didYouMean ? (
        <View
          className="list-page__did-you-mean"
          onClick={() => runSearch(list.last?.didYouMean ?? "")}
        >
          <Text>您是不是要找：</Text>
          <Text className="list-page__did-you-mean-word">{list.last.didYouMean}</Text>
        </View>
      ) : null}

      <PagedList
        list={list}
        emptyTitle={query ? `没有找到与“${query}”相关的事项` : "没有符合条件的事项"}
        emptyDescription="不在负面清单上的业务，各类经营主体都可以依法平等进入。不确定时可以做一次准入自查。"
        emptyAction={
          <Button
            type="primary"
            onClick={() => void openPage(Pages.check, { scope: query || undefined })}
          >
            去做准入自查
          </Button>
        }
        header={
          <View className="list-page__summary">
            {query ? `“${query}”相关事项 ${list.total} 项` : `共 ${list.total} 项`}
            {list.last ? (
              <Text className="list-page__edition ls-nonessential">
                {" "}
                · {list.last.edition.title}
              </Text>
            ) : null}
          </View>
        }
        renderItem={(item) => (
          <ListItemCard
            key={item.code}
            item={item}
            onClick={() => void openPage(Pages.item, { code: item.code })}
          />
        )}
      />
    </PageShell>
  );
}
