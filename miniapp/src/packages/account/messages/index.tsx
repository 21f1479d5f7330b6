import { useState } from "react";
import Taro, { usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import type { MessageView } from "@lushan/shared/schemas/message";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { ListFooter } from "@/components/list-footer";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { Notice } from "@/components/notice";
import { useAuth } from "@/hooks/useAuth";
import { usePagedList } from "@/hooks/usePagedList";
import { listMessages, markAllMessagesRead, markMessageRead } from "@/services/messages";
import { formatRelative } from "@/utils/format";
import { cx } from "@/utils/cx";
import { openPage, Pages } from "@/routes";
import "./index.scss";

const KIND_LABELS: Record<MessageView["kind"], string> = {
  list: "清单更新",
  policy: "政策发布",
  complaint: "办理进度",
};

export default function MessagesPage() {
  const { signedIn } = useAuth();
  const messages = usePagedList((page) => listMessages(page), [signedIn], { enabled: signedIn });
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  usePullDownRefresh(() => {
    setAllRead(false);
    setReadIds(new Set());
    void messages.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const isRead = (m: MessageView) => allRead || m.readAt !== null || readIds.has(m.id);
  const unread = Math.max(
    0,
    (messages.last?.unreadCount ?? 0) - (allRead ? Infinity : readIds.size),
  );

  const open = (m: MessageView) => {
    if (!isRead(m)) {
      setReadIds((prev) => new Set(prev).add(m.id));
      markMessageRead(m.id).catch(() =>
        setReadIds((prev) => {
          const next = new Set(prev);
          next.delete(m.id);
          return next;
        }),
      );
    }
    if (m.target.type === "post") void openPage(Pages.post, { id: m.target.id });
    else if (m.target.type === "complaint")
      void openPage(Pages.complaintDetail, { ticketNo: m.target.id });
    else if (m.target.type === "rectification")
      void openPage(Pages.staffLedgerDetail, { id: m.target.id });
  };

  const readAll = async () => {
    setProblem(null);
    try {
      await markAllMessagesRead();
      setAllRead(true);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };

  return (
    <PageShell className="messages">
      <PageState
        loading={messages.loading}
        error={messages.items.length === 0 ? messages.error : undefined}
        onRetry={messages.reload}
        empty={!signedIn || messages.items.length === 0}
        emptyTitle={signedIn ? "还没有消息" : "登录后查看消息"}
        emptyDescription={
          signedIn ? "清单更新、政策发布和您反映问题的办理进度都会通知到这里。" : undefined
        }
        emptyAction={
          signedIn ? (
            <Button onClick={() => void openPage(Pages.subscriptions)}>设置想收到的提醒</Button>
          ) : (
            <Button type="primary" onClick={() => void openPage(Pages.me)}>
              去登录
            </Button>
          )
        }
      >
        <View className="messages__bar">
          <Text className="messages__count">{unread > 0 ? `${unread} 条未读` : "全部已读"}</Text>
          {unread > 0 ? (
            <Button size="small" type="text" onClick={() => void readAll()}>
              全部标为已读
            </Button>
          ) : null}
        </View>
        {problem ? <Notice tone="danger">{problem}</Notice> : null}
        {messages.items.map((m) => (
          <View
            key={m.id}
            className={cx("messages__item", !isRead(m) && "messages__item--unread")}
            hoverClass="messages__item--active"
            onClick={() => open(m)}
          >
            <View className="messages__head">
              {!isRead(m) ? <Text className="messages__unread">未读</Text> : null}
              <Tag tone={m.kind === "complaint" ? "primary" : "neutral"}>
                {m.target.type === "rectification" ? "整改台账" : KIND_LABELS[m.kind]}
              </Tag>
              <Text className="messages__time">{formatRelative(m.createdAt)}</Text>
            </View>
            <Text className="messages__title">{m.title}</Text>
            <Text className="messages__body">{m.body}</Text>
            <Text className="messages__link">
              {m.target.type === "complaint"
                ? "查看办理进度 ›"
                : m.target.type === "rectification"
                  ? "查看整改事项 ›"
                  : "查看详情 ›"}
            </Text>
          </View>
        ))}
        <ListFooter list={messages} />
      </PageState>
    </PageShell>
  );
}
