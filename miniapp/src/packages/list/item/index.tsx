import { useShareAppMessage } from "@tarojs/taro";
import { usePageParams } from "@/hooks/usePageParams";
import { View, Text } from "@tarojs/components";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { SampleBanner } from "@/components/sample-banner";
import { Section } from "@/components/section";
import { Tag } from "@/components/tag";
import { Button } from "@/components/button";
import { ShareButton } from "@/components/share-button";
import { useRequest } from "@/hooks/useRequest";
import { getListItem } from "@/services/list";
import { categoryTone } from "@/utils/labels";
import { openPage, pageUrl, Pages } from "@/routes";
import { GuideCard } from "./GuideCard";
import { FollowItemButton } from "./FollowItemButton";
import "./index.scss";

export default function ListItemPage() {
  const code = usePageParams().code ?? "";
  const item = useRequest(() => getListItem(code), [code]);
  const data = item.data;

  useShareAppMessage(() => ({
    title: data ? `${data.shortName || data.name}｜市场准入负面清单` : "市场准入负面清单事项",
    path: pageUrl(Pages.item, { code }),
  }));

  return (
    <PageShell
      className="item-page"
      footer={
        data ? (
          <View className="item-page__footer">
            <FollowItemButton code={data.code} />
            <Button
              className="item-page__footer-main"
              type="primary"
              onClick={() => void openPage(Pages.check, { scope: data.shortName || data.name })}
            >
              准入自查
            </Button>
          </View>
        ) : undefined
      }
    >
      <PageState
        loading={item.loading}
        error={item.error}
        onRetry={item.reload}
        empty={!code}
        emptyTitle="没有指定要查看的事项"
        emptyAction={<Button onClick={() => void openPage(Pages.list)}>去清单查找</Button>}
      >
        {data ? (
          <>
            <SampleBanner visible={data.sample} />
            <View className="item-page__header">
              <View>
                <Tag tone={categoryTone(data.category)} solid>
                  {data.category}
                </Tag>
                <Tag>{data.industry}</Tag>
              </View>
              <Text className="item-page__name">{data.name}</Text>
              <Text className="item-page__code">
                事项编码 {data.code} · 第 {data.no} 项 · {data.edition.title}
              </Text>
              <View className="item-page__explanation">{data.explanation}</View>
            </View>

            <Section title={`准入措施（${data.measures.length} 条）`}>
              {data.measures.map((m, i) => (
                <View key={`${i}-${m.text}`} className="item-page__measure">
                  <Text className="item-page__measure-no">{i + 1}.</Text>
                  <View className="item-page__measure-text">
                    {m.text}
                    {m.local ? (
                      <Tag className="item-page__measure-tag" tone="primary">
                        地方性许可措施
                      </Tag>
                    ) : null}
                  </View>
                </View>
              ))}
              {data.note ? <View className="item-page__note">说明：{data.note}</View> : null}
            </Section>

            <Section title="主管部门">
              <View className="item-page__row">
                <Text className="item-page__row-label">国家主管部门</Text>
                <Text className="item-page__row-value">
                  {data.departments.join("、") || "清单未列明"}
                </Text>
              </View>
              <View className="item-page__row">
                <Text className="item-page__row-label">庐山市承办部门</Text>
                <Text className="item-page__row-value">
                  {data.localDepartment?.name ?? "暂未明确，可拨打 12345 咨询"}
                </Text>
              </View>
            </Section>

            <Section title="办事指南" plain={data.guides.length > 0}>
              {data.guides.length === 0 ? (
                <Text className="item-page__empty">
                  承办部门尚未发布本事项的办事指南，可拨打 12345 咨询办理要求。
                </Text>
              ) : (
                data.guides.map((guide) => <GuideCard key={guide.id} guide={guide} />)
              )}
            </Section>

            {data.history.length > 1 ? (
              <Section className="ls-nonessential" title="历次版本">
                {data.history.map((h) => (
                  <View key={h.editionCode} className="item-page__row">
                    <Text className="item-page__row-label">{h.editionTitle}</Text>
                    <Text className="item-page__row-value">
                      {h.name}（{h.measureCount} 条措施）
                    </Text>
                  </View>
                ))}
              </Section>
            ) : null}

            <Section title="办理时遇到门槛？">
              <Text className="item-page__empty">
                如果办理本事项时被要求清单和法规之外的审批、材料或条件，可以向我们反映。
              </Text>
              <Button
                className="item-page__report"
                block
                onClick={() =>
                  void openPage(Pages.complaintNew, { item: data.code, itemName: data.name })
                }
              >
                反映问题
              </Button>
            </Section>

            <Section title="分享">
              <ShareButton path={pageUrl(Pages.item, { code: data.code })} text="分享给朋友" />
            </Section>
          </>
        ) : null}
      </PageState>
    </PageShell>
  );
}
