import { useState } from "react";
import { useShareAppMessage } from "@tarojs/taro";
import { usePageParams } from "@/hooks/usePageParams";
import { View, Text, RichText } from "@tarojs/components";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Tag } from "@/components/tag";
import { Button } from "@/components/button";
import { Cell, CellGroup } from "@/components/cell";
import { Notice } from "@/components/notice";
import { ShareButton } from "@/components/share-button";
import { useRequest } from "@/hooks/useRequest";
import { copyText } from "@/platform";
import { getPolicy } from "@/services/policies";
import { formatDate } from "@/utils/format";
import { richTextHtml } from "@/utils/richText";
import { openPage, pageUrl, Pages } from "@/routes";
import "./index.scss";

export default function PolicyDetailPage() {
  const id = usePageParams().id ?? "";
  const post = useRequest(() => getPolicy(id), [id]);
  const [copied, setCopied] = useState<string | null>(null);
  const data = post.data;

  useShareAppMessage(() => ({
    title: data?.title ?? "庐山市市场准入政策动态",
    path: pageUrl(Pages.post, { id }),
  }));

  const copy = (label: string, url: string) => {
    copyText(url).then(
      () => setCopied(`${label}链接已复制，可在浏览器中打开`),
      () => setCopied("无法复制链接，请稍后重试"),
    );
  };

  return (
    <PageShell className="post-page">
      <PageState
        loading={post.loading}
        error={post.error}
        onRetry={post.reload}
        empty={!id}
        emptyTitle="没有指定要查看的文章"
        emptyAction={<Button onClick={() => void openPage(Pages.policy)}>查看政策动态</Button>}
      >
        {data ? (
          <>
            <View className="post-page__header">
              <View>
                <Tag tone="primary">{data.category}</Tag>
                {data.sample ? <Tag tone="warning">示例</Tag> : null}
              </View>
              <Text className="post-page__title">{data.title}</Text>
              <Text className="post-page__meta">
                {[
                  data.department?.name ??
                    data.author ??
                    (data.source === "wechat" ? "庐山发布" : ""),
                  formatDate(data.publishedAt),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </View>
            <View className="post-page__body">
              {data.body ? (
                <RichText nodes={richTextHtml(data.body)} />
              ) : (
                <Text>{data.summary}</Text>
              )}
            </View>
            {data.externalUrl ? (
              <View className="post-page__external">
                <Button block onClick={() => copy("原文", data.externalUrl ?? "")}>
                  复制“庐山发布”原文链接
                </Button>
              </View>
            ) : null}
            {copied ? (
              <Notice className="post-page__copied" tone="success">
                {copied}
              </Notice>
            ) : null}
            {data.attachments.length > 0 ? (
              <CellGroup title="附件">
                {data.attachments.map((a) => (
                  <Cell
                    key={a.url}
                    title={a.title}
                    value="复制链接"
                    onClick={() => copy("附件", a.url)}
                  />
                ))}
              </CellGroup>
            ) : null}
            {data.items.length > 0 ? (
              <CellGroup title="相关清单事项">
                {data.items.map((item) => (
                  <Cell
                    key={item.code}
                    title={item.name ?? `事项 ${item.code}`}
                    description={item.name ? `事项编码 ${item.code}` : "该事项已不在现行清单中"}
                    onClick={
                      item.name ? () => void openPage(Pages.item, { code: item.code }) : undefined
                    }
                  />
                ))}
              </CellGroup>
            ) : null}
            <Section title="分享">
              <ShareButton path={pageUrl(Pages.post, { id: data.id })} text="分享给朋友" />
            </Section>
          </>
        ) : null}
      </PageState>
    </PageShell>
  );
}
