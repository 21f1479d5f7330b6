import { useState } from "react";
import Taro, { usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import type { StaffComplaintView } from "@lushan/shared/schemas/complaint";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Tag } from "@/components/tag";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { ComplaintStatusTags } from "@/components/complaint-status-tags";
import { ComplaintTimeline } from "@/components/complaint-timeline";
import { EvidencePhotos } from "@/components/evidence-photos";
import { useAuth } from "@/hooks/useAuth";
import { usePageParams } from "@/hooks/usePageParams";
import { useRequest } from "@/hooks/useRequest";
import { getStaffComplaint } from "@/services/complaints";
import { LIST_SCOPE_TEXT } from "@/utils/complaintLabels";
import { formatDate } from "@/utils/format";
import { openPage, Pages } from "@/routes";
import { ActionPanel } from "./ActionPanel";
import { actionLabel, actionFields, isStaffAction, type StaffAction } from "./actionForm";
import "./index.scss";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className="staff-complaint__row">
      <Text className="staff-complaint__row-label">{label}</Text>
      <View className="staff-complaint__row-value">{children}</View>
    </View>
  );
}

/** 工作台投诉详情：个人信息按权限脱敏，只显示当前可以办理的动作。 */
export default function StaffComplaintPage() {
  const ticketNo = usePageParams().ticketNo ?? "";
  const { isStaff, user } = useAuth();
  const detail = useRequest(() => getStaffComplaint(ticketNo), [ticketNo, isStaff], {
    enabled: isStaff && ticketNo !== "",
  });
  const [acting, setActing] = useState<StaffAction | null>(null);
  const [done, setDone] = useState<string | null>(null);

  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = detail.data;
  const actions = (c?.allowedActions ?? []).filter(isStaffAction);

  const onDone = (next: StaffComplaintView, action: StaffAction) => {
    detail.setData(next);
    setActing(null);
    setDone(`已${actionLabel(action)}`);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  };

  return (
    <PageShell
      className="staff-complaint"
      footer={
        c && !acting && actions.length > 0 ? (
          <View className="staff-complaint__actions">
            {actions.map((a) => (
              <Button
                key={a}
                className="staff-complaint__action"
                size="small"
                type={
                  actionFields(a).tone === "danger"
                    ? "danger"
                    : actionFields(a).tone === "primary"
                      ? "primary"
                      : "default"
                }
                onClick={() => {
                  setDone(null);
                  setActing(a);
                  // The form opens above the complaint: bring it into view.
                  void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
                }}
              >
                {actionLabel(a)}
              </Button>
            ))}
          </View>
        ) : undefined
      }
    >
      <PageState
        loading={detail.loading}
        error={detail.error}
        onRetry={detail.reload}
        empty={!isStaff || !ticketNo}
        emptyTitle={isStaff ? "没有指定要查看的问题" : "请先登录工作人员账号"}
        emptyAction={
          isStaff ? (
            <Button onClick={() => void openPage(Pages.staffComplaints)}>返回投诉列表</Button>
          ) : (
            <Button type="primary" onClick={() => void openPage(Pages.staffLogin)}>
              工作人员登录
            </Button>
          )
        }
      >
        {c ? (
          <>
            {done ? (
              <Notice className="staff-complaint__done" tone="success" title={done}>
                当前状态：{c.statusLabel}
              </Notice>
            ) : null}
            {acting ? (
              <ActionPanel
                complaint={c}
                action={acting}
                onDone={onDone}
                onCancel={() => setActing(null)}
              />
            ) : null}

            <View className="staff-complaint__header">
              <View className="staff-complaint__tags">
                <ComplaintStatusTags complaint={c} />
                {c.supervised ? <Tag tone="danger">督办</Tag> : null}
                {c.escalated ? <Tag tone="danger">已上报</Tag> : null}
                {c.complex ? <Tag tone="warning">疑难复杂</Tag> : null}
                {c.reopenCount > 0 ? <Tag tone="warning">重办 {c.reopenCount} 次</Tag> : null}
              </View>
              <Text className="staff-complaint__title">{c.title}</Text>
              <Text className="staff-complaint__no">
                受理编号 {c.ticketNo} · {c.channel === "phone" ? "电话登记" : "网上反映"} ·{" "}
                {formatDate(c.createdAt, true)}
              </Text>
              {c.deadlines.acceptBy || c.deadlines.replyBy ? (
                <Text className="staff-complaint__deadline">
                  {c.deadlines.acceptBy ? `受理期限 ${formatDate(c.deadlines.acceptBy, true)}` : ""}
                  {c.deadlines.acceptBy && c.deadlines.replyBy ? "；" : ""}
                  {c.deadlines.replyBy ? `答复期限 ${formatDate(c.deadlines.replyBy, true)}` : ""}
                </Text>
              ) : null}
            </View>

            {c.moderation !== "cleared" && c.moderation !== "skipped" ? (
              <Notice tone="warning" title={c.moderationLabel}>
                {c.moderationNote ?? "内容审核通过前，承办部门看不到问题经过。"}
              </Notice>
            ) : null}

            <Section title="反映人">
              {c.contact.withheld ? (
                <Text className="staff-complaint__muted">
                  反映人要求对被反映部门保密，身份信息不予显示。
                </Text>
              ) : (
                <>
                  <Row label="联系人">{c.contact.name}</Row>
                  <Row label="联系电话">{c.contact.phone}</Row>
                  {c.contact.masked ? (
                    <Text className="staff-complaint__muted">个人信息已部分隐藏。</Text>
                  ) : null}
                </>
              )}
              {c.business ? (
                <>
                  <Row label="经营主体">{c.business.name}</Row>
                  {c.business.creditCode ? (
                    <Row label="信用代码">{c.business.creditCode}</Row>
                  ) : null}
                </>
              ) : null}
            </Section>

            <Section title="问题内容">
              <Row label="问题类型">
                {c.barrierType.code} {c.barrierType.name}
              </Row>
              <Row label="被反映单位">{c.accusedDepartment?.name ?? c.accusedName}</Row>
              <Row label="发生地点">{c.town}</Row>
              <Row label="清单事项">
                {c.listItem
                  ? `${c.listItem.name}（${c.listItem.code}）`
                  : LIST_SCOPE_TEXT[c.listScope]}
              </Row>
              <View className="staff-complaint__description">{c.description}</View>
              {c.evidence.length > 0 ? <EvidencePhotos items={c.evidence} /> : null}
            </Section>

            <Section title="分办情况">
              <Row label="承办部门">{c.department?.name ?? "待协调分办"}</Row>
              {c.coDepartments.length > 0 ? (
                <Row label="协办部门">{c.coDepartments.map((d) => d.name).join("、")}</Row>
              ) : null}
              <Row label="分办依据">{c.routingDetail.explanation || c.routing.reason}</Row>
              {c.mergedFrom.length > 0 ? (
                <Row label="并入的件">{c.mergedFrom.join("、")}</Row>
              ) : null}
              {c.mergedInto ? <Row label="已并入">{c.mergedInto}</Row> : null}
            </Section>

            {c.reply ? (
              <Section title="答复">
                <View className="staff-complaint__description">{c.reply.text}</View>
                <Text className="staff-complaint__muted">
                  {c.reply.department} · {formatDate(c.reply.at, true)}
                </Text>
              </Section>
            ) : null}

            {c.rating ? (
              <Section title="反映人评价">
                <Tag tone={c.rating.value === "unsatisfied" ? "danger" : "success"} solid>
                  {c.rating.label}
                </Tag>
                {c.rating.comment ? (
                  <View className="staff-complaint__description">{c.rating.comment}</View>
                ) : null}
              </Section>
            ) : null}

            {c.supplements.length > 0 ? (
              <Section title={`补充材料（${c.supplements.length}）`}>
                {c.supplements.map((s) => (
                  <View key={s.id} className="staff-complaint__supplement">
                    <Text className="staff-complaint__muted">{formatDate(s.at, true)}</Text>
                    <View className="staff-complaint__description">
                      {s.text ?? `（${s.moderationLabel}）`}
                    </View>
                    {s.evidence.length > 0 ? <EvidencePhotos items={s.evidence} /> : null}
                  </View>
                ))}
              </Section>
            ) : null}

            {(c.status === "replied" || c.status === "closed") &&
            user?.role !== "hotline_operator" ? (
              <Section title="典型案例">
                <Button
                  block
                  onClick={() => void openPage(Pages.staffCases, { ticketNo: c.ticketNo })}
                >
                  推荐为典型案例
                </Button>
              </Section>
            ) : null}

            <Section title="办理记录">
              <ComplaintTimeline entries={c.timeline} />
            </Section>

            {actions.length === 0 ? (
              <Text className="staff-complaint__muted staff-complaint__none">
                当前状态下您没有可以办理的动作。
              </Text>
            ) : null}
          </>
        ) : null}
      </PageState>
    </PageShell>
  );
}
