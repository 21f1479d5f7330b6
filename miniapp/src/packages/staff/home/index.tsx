import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { RoleLabels } from "@lushan/shared/roles";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { Section } from "@/components/section";
import { useAuth } from "@/hooks/useAuth";
import { useRequest } from "@/hooks/useRequest";
import { staffComplaintSummary } from "@/services/complaints";
import { openPage, Pages } from "@/routes";
import { cx } from "@/utils/cx";
import { STAFF_TOOL_ENTRIES } from "../tools";
import { STAFF_TOOLS } from "./tools";
import "./index.scss";

/** 工作台首页：待办角标和各项工具入口，只对工作人员账号显示。 */
export default function StaffHomePage() {
  const { user, isStaff } = useAuth();
  const summary = useRequest(staffComplaintSummary, [user?.id], { enabled: isStaff });

  useDidShow(() => {
    if (isStaff) void summary.reload();
  });
  usePullDownRefresh(() => {
    void summary.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!isStaff || !user) {
    return (
      <PageShell className="staff-home">
        <PageState
          empty
          emptyTitle="请先登录工作人员账号"
          emptyDescription="工作台供各部门、12345 热线和发改协调人员办理群众反映的问题。"
          emptyAction={
            <Button type="primary" onClick={() => void openPage(Pages.staffLogin)}>
              工作人员登录
            </Button>
          }
        />
      </PageShell>
    );
  }

  const s = summary.data;
  const open = Object.values(s?.byStatus ?? {}).reduce((a, b) => a + b, 0);
  const badges = s
    ? [
        { key: "open", label: "办理中的问题", count: open, query: {} },
        {
          key: "overdue",
          label: "已超期",
          count: s.overdue,
          query: { overdue: "true" },
          danger: true,
        },
        { key: "dueSoon", label: "即将到期", count: s.dueSoon, query: {} },
        {
          key: "coordination",
          label: "待分办",
          count: s.coordination,
          query: { queue: "coordination" },
        },
        {
          key: "supervision",
          label: "督办",
          count: s.supervision,
          query: { queue: "supervision" },
          danger: true,
        },
        { key: "review", label: "内容审核", count: s.review, query: { queue: "review" } },
      ]
    : [];

  return (
    <PageShell className="staff-home">
      <View className="staff-home__profile">
        <Text className="staff-home__name">{user.displayName}</Text>
        <Text className="staff-home__role">
          {RoleLabels[user.role]}
          {user.department ? ` · ${user.department.name}` : ""}
        </Text>
      </View>

      <Section title="待办概况">
        <PageState
          inline
          loading={summary.loading}
          error={summary.error}
          onRetry={summary.reload}
          loadingText="正在统计待办"
        >
          <View className="staff-home__badges">
            {badges.map((b) => (
              <View
                key={b.key}
                className={cx(
                  "staff-home__badge",
                  b.danger && b.count > 0 && "staff-home__badge--danger",
                )}
                hoverClass="staff-home__badge--active"
                onClick={() => void openPage(Pages.staffComplaints, b.query)}
              >
                <Text className="staff-home__count">{b.count}</Text>
                <Text className="staff-home__label">{b.label}</Text>
              </View>
            ))}
          </View>
        </PageState>
      </Section>

      <Section title="工作工具">
        <View className="staff-home__tools">
          {[...STAFF_TOOLS, ...STAFF_TOOL_ENTRIES]
            .filter((t) => !t.roles || t.roles.includes(user.role))
            .map((t) => (
              <View
                key={t.title}
                className="staff-home__tool"
                hoverClass="staff-home__tool--active"
                onClick={() => void openPage(t.page, t.query)}
              >
                <Text className="staff-home__mark ls-nonessential">{t.mark}</Text>
                <View className="staff-home__tool-text">
                  <Text className="staff-home__tool-title">{t.title}</Text>
                  <Text className="staff-home__tool-desc">{t.text}</Text>
                </View>
                {t.page === Pages.staffComplaints && !t.query && open > 0 ? (
                  <Badge count={open} />
                ) : null}
              </View>
            ))}
        </View>
      </Section>
    </PageShell>
  );
}
