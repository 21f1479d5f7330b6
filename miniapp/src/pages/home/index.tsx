import { useState } from "react";
import Taro, { useShareAppMessage } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { PageShell } from "@/components/page-shell";
import { ElderSwitch } from "@/components/elder-switch";
import { SearchBar, SuggestionList } from "@/components/search-bar";
import { Section } from "@/components/section";
import { PageState } from "@/components/page-state";
import { PostCard } from "@/components/post-card";
import { useRequest } from "@/hooks/useRequest";
import { useSuggestions } from "@/hooks/useSuggestions";
import { listPolicies } from "@/services/policies";
import { listIntentStore } from "@/stores/listIntent";
import { openPage, Pages } from "@/routes";
import { HOT_SEARCHES, QUICK_ENTRIES } from "./entries";
import "./index.scss";

export default function HomePage() {
  const [text, setText] = useState("");
  const [focused, setFocused] = useState(false);
  const suggestions = useSuggestions(text, focused);
  // 庐山发布 articles arrive from the official account; until the first sync, show the newest posts of any column.
  const posts = useRequest(async () => {
    const official = await listPolicies({ category: "庐山发布" }, 1, 3);
    return official.items.length > 0
      ? { title: "庐山发布", items: official.items }
      : { title: "最新动态", items: (await listPolicies({}, 1, 3)).items };
  }, []);

  useShareAppMessage(() => ({
    title: "庐山市市场准入服务：查清单、准入自查、反映隐性壁垒",
    path: Pages.home,
  }));

  const search = (q: string) => {
    const query = q.trim();
    if (!query) return;
    setFocused(false);
    listIntentStore.set({ q: query });
    void Taro.switchTab({ url: Pages.list });
  };

  return (
    <PageShell tabPage className="home">
      <View className="home__hero">
        <View className="home__hero-top">
          <View>
            <Text className="home__title">市场准入服务</Text>
            <Text className="home__subtitle ls-nonessential">全国一张清单 · 清单之外平等准入</Text>
          </View>
          <ElderSwitch />
        </View>
        <SearchBar
          className="home__search"
          value={text}
          placeholder="想做什么生意？如：开烧烤店、民宿"
          label="搜索负面清单"
          onChange={setText}
          onConfirm={search}
          onFocus={() => setFocused(true)}
          onBlur={() => setTimeout(() => setFocused(false), 200)}
        >
          {focused ? (
            <SuggestionList items={suggestions} keyword={text.trim()} onSelect={search} />
          ) : null}
        </SearchBar>
        <View className="home__hot">
          <Text className="home__hot-label">大家常查</Text>
          {HOT_SEARCHES.map((q) => (
            <View
              key={q}
              className="home__hot-item"
              hoverClass="home__hot-item--active"
              onClick={() => search(q)}
            >
              {q}
            </View>
          ))}
        </View>
      </View>

      <View className="home__entries">
        {QUICK_ENTRIES.map((entry) => (
          <View
            key={entry.title}
            className="home__entry"
            hoverClass="home__entry--active"
            onClick={() => void openPage(entry.page)}
          >
            <Text className={`home__entry-mark home__entry-mark--${entry.tone}`}>{entry.mark}</Text>
            <Text className="home__entry-title">{entry.title}</Text>
            <Text className="home__entry-text ls-nonessential">{entry.text}</Text>
          </View>
        ))}
      </View>

      <Section title="一单尽列、单外无单">
        <Text className="home__rule">
          市场准入负面清单以外的行业、领域、业务，各类经营主体都可以依法平等进入，任何部门和地方不得另设门槛。遇到要求额外许可、备案变审批、限定本地企业等做法，可以向我们反映。
        </Text>
      </Section>

      <Section
        title={posts.data?.title ?? "庐山发布"}
        more="更多动态"
        onMore={() => void Taro.switchTab({ url: Pages.policy })}
        plain
      >
        <PageState
          inline
          loading={posts.loading}
          error={posts.error}
          onRetry={posts.reload}
          empty={posts.data?.items.length === 0}
          emptyTitle="暂无动态"
          emptyDescription="新发布的政策和清单变化会显示在这里。"
        >
          <View className="home__posts">
            {posts.data?.items.map((post) => (
              <PostCard
                key={post.id}
                post={post}
                showCategory={posts.data?.title !== "庐山发布"}
                onClick={() => void openPage(Pages.post, { id: post.id })}
              />
            ))}
          </View>
        </PageState>
      </Section>
    </PageShell>
  );
}
