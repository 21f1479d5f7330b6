import { useEffect, useState } from "react";
import { View, Text } from "@tarojs/components";
import type { PolicyCategory } from "@lushan/shared/schemas/policy";
import type { SubscriptionView, TemplateConsentView } from "@lushan/shared/schemas/subscription";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { CellGroup, Cell } from "@/components/cell";
import { SwitchCell } from "@/components/switch-cell";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { useAuth } from "@/hooks/useAuth";
import { useRequest } from "@/hooks/useRequest";
import { platformName } from "@/platform";
import { searchList } from "@/services/list";
import { getSubscriptions, requestConsents, saveSubscriptions } from "@/services/subscriptions";
import { POLICY_CATEGORY_ORDER } from "@/utils/labels";
import { cx } from "@/utils/cx";
import { openPage, Pages } from "@/routes";
import "./index.scss";

interface Topics {
  listAll: boolean;
  items: string[];
  industries: string[];
  categories: PolicyCategory[];
}

function topicsOf(view: SubscriptionView): Topics {
  return {
    listAll: view.listAll,
    items: view.items.map((i) => i.code),
    industries: view.industries,
    categories: view.categories,
  };
}

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export default function SubscriptionsPage() {
  const { signedIn } = useAuth();
  const subscription = useRequest(getSubscriptions, [signedIn], { enabled: signedIn });
  const industries = useRequest(
    async () => (await searchList({}, 1)).facets.industry.map((f) => f.value),
    [],
  );
  const [topics, setTopics] = useState<Topics | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{
    tone: "success" | "danger" | "info";
    text: string;
  } | null>(null);

  useEffect(() => {
    if (subscription.data) setTopics(topicsOf(subscription.data));
  }, [subscription.data]);

  const change = (next: Topics) => {
    setTopics(next);
    setStatus(null);
  };

  const save = async () => {
    if (!topics) return;
    setSaving(true);
    setStatus(null);
    try {
      subscription.setData(await saveSubscriptions(topics));
      setStatus({ tone: "success", text: "订阅已保存。有新内容时会通知到消息中心。" });
    } catch (e) {
      setStatus({ tone: "danger", text: (e as Error).message });
    } finally {
      setSaving(false);
    }
  };

  // Must run directly from the tap: WeChat refuses requestSubscribeMessage otherwise.
  const askConsent = async (template: TemplateConsentView) => {
    if (!template.templateId) return;
    setStatus(null);
    try {
      const outcome = await requestConsents([template.templateId]);
      if (!outcome.pushed) {
        setStatus({ tone: "info", text: "浏览器中无法接收微信消息，通知会发送到消息中心。" });
      } else if (outcome.templates && subscription.data) {
        subscription.setData({ ...subscription.data, templates: outcome.templates });
        const updated = outcome.templates.find((t) => t.key === template.key);
        setStatus(
          updated?.canPush
            ? { tone: "success", text: `已开启“${template.title}”微信提醒。` }
            : { tone: "info", text: "您没有允许微信提醒，通知仍会发送到消息中心。" },
        );
      } else {
        setStatus({
          tone: "info",
          text: "微信没有返回授权结果。如果关闭了订阅消息总开关，请在右上角“…→设置”中打开。",
        });
      }
    } catch (e) {
      setStatus({ tone: "danger", text: (e as Error).message });
    }
  };

  const dirty =
    topics && subscription.data
      ? JSON.stringify(topics) !== JSON.stringify(topicsOf(subscription.data))
      : false;

  return (
    <PageShell
      className="subscriptions"
      footer={
        signedIn && topics ? (
          <Button
            type="primary"
            block
            size="large"
            loading={saving}
            disabled={!dirty}
            onClick={() => void save()}
          >
            {dirty ? "保存订阅" : "订阅已保存"}
          </Button>
        ) : undefined
      }
    >
      <PageState
        loading={subscription.loading}
        error={subscription.error}
        onRetry={subscription.reload}
        empty={!signedIn}
        emptyTitle="登录后设置订阅"
        emptyAction={
          <Button type="primary" onClick={() => void openPage(Pages.me)}>
            去登录
          </Button>
        }
      >
        {topics && subscription.data ? (
          <>
            {status ? (
              <Notice className="subscriptions__status" tone={status.tone}>
                {status.text}
              </Notice>
            ) : null}

            <CellGroup title="清单更新" footer="您反映的问题有进展时，总会通知您，无需订阅。">
              <SwitchCell
                title="负面清单有调整时提醒我"
                description="新版清单启用、事项增加或调整"
                checked={topics.listAll}
                onChange={(on) => change({ ...topics, listAll: on })}
              />
            </CellGroup>

            <CellGroup title="关注的政策栏目">
              <View className="subscriptions__chips">
                {POLICY_CATEGORY_ORDER.map((c) => (
                  <View
                    key={c}
                    className={cx(
                      "subscriptions__chip",
                      topics.categories.includes(c) && "subscriptions__chip--on",
                    )}
                    role="checkbox"
                    aria-checked={topics.categories.includes(c)}
                    onClick={() => change({ ...topics, categories: toggle(topics.categories, c) })}
                  >
                    {topics.categories.includes(c) ? `✓ ${c}` : c}
                  </View>
                ))}
              </View>
            </CellGroup>

            <CellGroup title="关注的行业">
              <PageState
                inline
                loading={industries.loading}
                error={industries.error}
                onRetry={industries.reload}
              >
                <View className="subscriptions__chips">
                  {(industries.data ?? []).map((name) => (
                    <View
                      key={name}
                      className={cx(
                        "subscriptions__chip",
                        topics.industries.includes(name) && "subscriptions__chip--on",
                      )}
                      role="checkbox"
                      aria-checked={topics.industries.includes(name)}
                      onClick={() =>
                        change({ ...topics, industries: toggle(topics.industries, name) })
                      }
                    >
                      {topics.industries.includes(name) ? `✓ ${name}` : name}
                    </View>
                  ))}
                </View>
              </PageState>
            </CellGroup>

            <CellGroup title="关注的清单事项" footer="在事项详情页点“关注变化”即可添加。">
              {subscription.data.items.length === 0 ? (
                <Cell
                  title="还没有关注的事项"
                  description="去清单里找到关心的事项"
                  onClick={() => void openPage(Pages.list)}
                />
              ) : (
                subscription.data.items.map((item) =>
                  topics.items.includes(item.code) ? (
                    <Cell
                      key={item.code}
                      title={item.name ?? `事项 ${item.code}`}
                      description={`事项编码 ${item.code}`}
                      value={
                        <Text
                          className="subscriptions__remove"
                          onClick={() =>
                            change({
                              ...topics,
                              items: topics.items.filter((c) => c !== item.code),
                            })
                          }
                        >
                          取消关注
                        </Text>
                      }
                    />
                  ) : null,
                )
              )}
            </CellGroup>

            <CellGroup
              title="微信提醒"
              footer={
                platformName === "weapp"
                  ? "一次性提醒每允许一次可以收到一条；未开启时，通知仍会发送到消息中心。"
                  : "浏览器中无法接收微信提醒，所有通知都会发送到消息中心。"
              }
            >
              {subscription.data.templates.map((t) => (
                <Cell
                  key={t.key}
                  title={t.title}
                  description={consentText(t)}
                  value={
                    platformName === "weapp" && t.templateId && t.shouldAsk ? (
                      <Button size="small" type="primary" onClick={() => void askConsent(t)}>
                        开启提醒
                      </Button>
                    ) : undefined
                  }
                />
              ))}
            </CellGroup>
          </>
        ) : null}
      </PageState>
    </PageShell>
  );
}

function consentText(t: TemplateConsentView): string {
  if (!t.templateId) return "暂未开通，通知发送到消息中心";
  if (t.standing) return "已开启长期提醒";
  if (t.credits > 0) return `已开启，还可以收到 ${t.credits} 条提醒`;
  if (t.lastResult === "ban") return "您已在微信中拒绝，通知发送到消息中心";
  return "未开启，通知发送到消息中心";
}
