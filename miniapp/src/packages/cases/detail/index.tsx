import { useState } from "react";
import { useShareAppMessage } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { CASE_KIND_LABELS, CASE_ORIGIN_LABELS } from "@lushan/shared/cases/lifecycle";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Notice } from "@/components/notice";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { ShareButton } from "@/components/share-button";
import { usePageParams } from "@/hooks/usePageParams";
import { useRequest } from "@/hooks/useRequest";
import { copyText } from "@/platform";
import { getPublicCase } from "@/services/cases";
import { openPage, pageUrl, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import "./index.scss";

const QUALITY_TEXT = {
  official: "发布机关原文",
  reprint: "公开转载",
  secondary: "二次整理，待核对原文",
  local: "本市投诉办理",
} as const;

/** 案例详情：脱敏后的案情、处理情况、警示意义和来源。 */
export default function CaseDetailPage() {
  const id = usePageParams().id ?? "";
  const item = useRequest(() => getPublicCase(id), [id], { enabled: Boolean(id) });
  const [copied, setCopied] = useState<string | null>(null);
  const c = item.data;
  useShareAppMessage(() => ({
    title: c?.title ?? "市场准入壁垒典型案例",
    path: pageUrl(Pages.caseDetail, { id }),
  }));

  return (
    <PageShell className="case-detail">
      <PageState
        loading={item.loading}
        error={item.error}
        onRetry={item.reload}
        empty={!id}
        emptyTitle="没有指定要查看的案例"
        emptyAction={<Button onClick={() => void openPage(Pages.caseLibrary)}>查看典型案例</Button>}
      >
        {c ? (
          <>
            <View className="case-detail__head">
              <View className="case-detail__tags">
                <Tag tone={c.kind === "barrier" ? "danger" : "warning"}>
                  {CASE_KIND_LABELS[c.kind]}
                </Tag>
                <Tag tone="primary">{CASE_ORIGIN_LABELS[c.origin]}</Tag>
                {c.sample ? <Tag tone="warning">示例</Tag> : null}
              </View>
              <Text className="case-detail__title">{c.title}</Text>
              <Text className="case-detail__meta">
                {c.caseNo} · {c.locality}
                {c.batch ? ` · ${c.batch}` : ""}
                {c.publishedAt ? ` · ${formatDate(c.publishedAt)}` : ""}
              </Text>
            </View>
            {c.sample ? (
              <Notice className="case-detail__notice" tone="warning" title="示例">
                本案例摘自公开转载的通报，仅供了解问题类型，原文以发布机关公布的为准。
              </Notice>
            ) : null}
            <Section title="案情">
              <Text className="case-detail__para">{c.summary}</Text>
              {c.authority ? (
                <Text className="case-detail__meta">被通报单位：{c.authority}</Text>
              ) : null}
              {c.barrierTypeName ? (
                <Text className="case-detail__meta">
                  问题类型：{c.barrierType} {c.barrierTypeName}
                </Text>
              ) : null}
            </Section>
            {c.handling ? (
              <Section title="处理情况">
                <Text className="case-detail__para">{c.handling}</Text>
              </Section>
            ) : null}
            {c.lesson ? (
              <Section title="警示意义">
                <Text className="case-detail__para">{c.lesson}</Text>
              </Section>
            ) : null}
            {c.relatedItemCodes.length > 0 ? (
              <Section title="相关清单事项">
                <View className="case-detail__items">
                  {c.relatedItemCodes.map((code) => (
                    <Button
                      key={code}
                      size="small"
                      onClick={() => void openPage(Pages.item, { code })}
                    >
                      {code}
                    </Button>
                  ))}
                </View>
              </Section>
            ) : null}
            <Section title="来源">
              <Text className="case-detail__para">{c.source.label}</Text>
              <Text className="case-detail__meta">{QUALITY_TEXT[c.source.quality]}</Text>
              {c.source.note ? <Text className="case-detail__meta">{c.source.note}</Text> : null}
              {c.source.url ? (
                <Button
                  size="small"
                  onClick={() =>
                    copyText(c.source.url ?? "").then(
                      () => setCopied("来源链接已复制，可在浏览器中打开"),
                      () => setCopied("无法复制链接，请稍后重试"),
                    )
                  }
                >
                  复制来源链接
                </Button>
              ) : null}
              {copied ? <Text className="case-detail__meta">{copied}</Text> : null}
            </Section>
            <View className="case-detail__actions">
              <Button type="primary" block onClick={() => void openPage(Pages.complaintNew)}>
                遇到类似问题？我要反映
              </Button>
              <ShareButton path={pageUrl(Pages.caseDetail, { id: c.id })} text="分享给朋友" />
            </View>
          </>
        ) : null}
      </PageState>
    </PageShell>
  );
}
