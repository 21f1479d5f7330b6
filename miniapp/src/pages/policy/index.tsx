import { useState } from "react";
import Taro, { usePullDownRefresh, useShareAppMessage } from "@tarojs/taro";
import { View } from "@tarojs/components";
import type { PolicyCategory } from "@lushan/shared/schemas/policy";
import { PageShell } from "@/components/page-shell";
import { SearchBar } from "@/components/search-bar";
import { Tabs, type TabOption } from "@/components/tabs";
import { PageState } from "@/components/page-state";
import { PostCard } from "@/components/post-card";
import { ListFooter } from "@/components/list-footer";
import { Cell } from "@/components/cell";
import { usePagedList } from "@/hooks/usePagedList";
import { useSearchQuery } from "@/hooks/useSearchQuery";
import { listPolicies } from "@/services/policies";
import { POLICY_CATEGORY_ORDER } from "@/utils/labels";
import { openPage, Pages } from "@/routes";
import "./index.scss";

type CategoryFilter = "all" | PolicyCategory;

export default function PolicyFeedPage() {
  const [category, setCategory] = useState<CategoryFilter>("all");
  const search = useSearchQuery();
  const query = search.query;

  const feed = usePagedList(
    (page) =>
      listPolicies(
        { category: category === "all" ? undefined : category, q: query || undefined },
        page,
      ),
    [category, query],
  );

  usePullDownRefresh(() => {
    void feed.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({ title: "庐山市市场准入政策动态", path: Pages.policy }));

  const options: Array<TabOption<CategoryFilter>> = [
    { value: "all", label: "全部" },
    ...POLICY_CATEGORY_ORDER.map((c) => ({ value: c, label: c })),
  ];

  return (
    <PageShell tabPage className="policy-feed">
      <View className="policy-feed__search">
        <SearchBar {...search.bind} placeholder="搜索政策、解读、案例" label="搜索政策动态" />
      </View>
      <Tabs label="栏目" options={options} value={category} onChange={setCategory} />
      {category === "典型案例通报" && !query ? (
        // The case library also holds the national cases, which are not feed posts.
        <View className="policy-feed__library">
          <Cell
            title="典型案例库"
            description="全国和本市查处的隐性壁垒案例，注明来源"
            onClick={() => void openPage(Pages.caseLibrary)}
          />
          <Cell
            title="整改销号公示"
            description="已整改完成的问题及销号时间"
            onClick={() => void openPage(Pages.rectificationBoard)}
          />
        </View>
      ) : null}
      <PageState
        loading={feed.loading}
        error={feed.items.length === 0 ? feed.error : undefined}
        onRetry={feed.reload}
        empty={feed.items.length === 0}
        emptyTitle={query ? `没有找到与“${query}”相关的动态` : "这个栏目还没有发布内容"}
        emptyDescription={
          query
            ? "换个说法试试，或者查看其他栏目。"
            : "有新内容发布时会显示在这里；在“我的 → 订阅设置”中可以订阅更新提醒。"
        }
      >
        {query && feed.last?.didYouMean ? (
          <View
            className="policy-feed__did-you-mean"
            onClick={() => {
              search.search(feed.last?.didYouMean ?? "");
            }}
          >
            您是不是要找：{feed.last.didYouMean}
          </View>
        ) : null}
        <View className="policy-feed__list">
          {feed.items.map((post) => (
            <PostCard
              key={post.id}
              post={post}
              showCategory={category === "all"}
              onClick={() => void openPage(Pages.post, { id: post.id })}
            />
          ))}
        </View>
        <ListFooter list={feed} />
      </PageState>
    </PageShell>
  );
}
