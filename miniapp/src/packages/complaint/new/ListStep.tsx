import { useState } from "react";
import { View, Text } from "@tarojs/components";
import { ChoiceList } from "@/components/choice-list";
import { SearchBar } from "@/components/search-bar";
import { SampleBanner } from "@/components/sample-banner";
import { PageState } from "@/components/page-state";
import { Button } from "@/components/button";
import { useRequest } from "@/hooks/useRequest";
import { searchList } from "@/services/list";
import { LIST_SCOPE_TEXT } from "@/utils/complaintLabels";
import type { ComplaintDraft, DraftErrors, ListScope } from "./draft";

const SCOPE_OPTIONS: Array<{ value: ListScope; label: string; description: string }> = [
  {
    value: "on_list",
    label: "涉及清单上的某个事项",
    description: "比如办理清单上的许可时遇到了额外要求",
  },
  {
    value: "not_on_list",
    label: "不在清单上",
    description: "清单之外的行业、业务，本应平等进入，却被设了门槛",
  },
  { value: "unsure", label: "不确定", description: "说不清是否涉及清单，由工作人员判断" },
];

export interface ListStepProps {
  draft: ComplaintDraft;
  errors: DraftErrors;
  onChange: (patch: Partial<ComplaintDraft>) => void;
}

/** 第 2 步：涉及的清单事项（搜索选择），或“不在清单上”“不确定”。 */
export function ListStep({ draft, errors, onChange }: ListStepProps) {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const results = useRequest(() => searchList({ q }), [q], {
    enabled: draft.listScope === "on_list" && q !== "",
  });

  return (
    <View className="complaint-new__step">
      <Text className="complaint-new__question">这件事和负面清单上的事项有关吗？</Text>
      <ChoiceList
        label="是否涉及清单事项"
        options={SCOPE_OPTIONS}
        value={draft.listScope}
        onChange={(listScope) =>
          onChange({ listScope, listItem: listScope === "on_list" ? draft.listItem : null })
        }
      />
      {errors.listScope ? <Text className="complaint-new__error">{errors.listScope}</Text> : null}

      {draft.listScope === "on_list" ? (
        <View className="complaint-new__item-picker">
          {draft.listItem ? (
            <View className="complaint-new__picked">
              <Text className="complaint-new__picked-label">已选事项</Text>
              <Text className="complaint-new__picked-name">{draft.listItem.name}</Text>
              <Text className="complaint-new__picked-code">事项编码 {draft.listItem.code}</Text>
              <Button size="small" onClick={() => onChange({ listItem: null })}>
                换一个
              </Button>
            </View>
          ) : (
            <>
              <SearchBar
                value={text}
                onChange={setText}
                onConfirm={(v) => setQ(v.trim())}
                placeholder="输入要办的事，如 开饭店、民宿"
                label="搜索清单事项"
                maxLength={100}
              />
              {errors.listItem ? (
                <Text className="complaint-new__error">{errors.listItem}</Text>
              ) : null}
              {q ? (
                <PageState
                  inline
                  loading={results.loading}
                  error={results.error}
                  onRetry={results.reload}
                  empty={results.data?.items.length === 0}
                  emptyTitle="没有找到相关事项"
                  emptyDescription="换个说法试试，或选择“不确定”。"
                  loadingText="正在搜索清单"
                >
                  <SampleBanner compact visible={results.data?.sample ?? false} />
                  {(results.data?.items ?? []).slice(0, 8).map((item) => (
                    <View
                      key={item.code}
                      className="complaint-new__result"
                      hoverClass="complaint-new__result--active"
                      onClick={() => onChange({ listItem: { code: item.code, name: item.name } })}
                    >
                      <Text className="complaint-new__result-name">{item.name}</Text>
                      <Text className="complaint-new__result-code">
                        {item.code} · {item.category}
                      </Text>
                    </View>
                  ))}
                </PageState>
              ) : (
                <Text className="complaint-new__hint">
                  用平常的话搜索即可；找不到也没关系，可以选择“不确定”。
                </Text>
              )}
            </>
          )}
        </View>
      ) : draft.listScope ? (
        <Text className="complaint-new__hint">已选择：{LIST_SCOPE_TEXT[draft.listScope]}</Text>
      ) : null}
    </View>
  );
}
