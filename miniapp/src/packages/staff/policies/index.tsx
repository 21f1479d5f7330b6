import { useState } from "react";
import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import type { PostStatus } from "@lushan/shared/schemas/policy";
import { PageShell } from "@/components/page-shell";
import { PagedList } from "@/components/paged-list";
import { Tabs } from "@/components/tabs";
import { SearchBar } from "@/components/search-bar";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { RecordCard } from "@/components/record-card";
import { StaffGate } from "@/components/staff-gate";
import { useAuth } from "@/hooks/useAuth";
import { usePagedList } from "@/hooks/usePagedList";
import { useSearchQuery } from "@/hooks/useSearchQuery";
import { listStaffPolicies } from "@/services/staffPolicies";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import { POST_STATUS_LABELS, POST_STATUS_TONES, POST_WRITERS } from "./labels";
import "./index.scss";

type StatusFilter = "all" | PostStatus;
const FILTERS: StatusFilter[] = ["all", "draft", "scheduled", "published", "unpublished"];

function PolicyList() {
  const { user } = useAuth();
  const [status, setStatus] = useState<StatusFilter>("all");
  const search = useSearchQuery();
  const q = search.query;
  const list = usePagedList(
    (page) =>
      listStaffPolicies({ status: status === "all" ? undefined : status, q: q || undefined }, page),
    [status, q],
  );
  useDidShow(() => {
    // Back from the editor: a saved or published post changes its place in the list.
    if (list.items.length > 0) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const canWrite = user ? (POST_WRITERS as readonly string[]).includes(user.role) : false;
  const filtered = status !== "all" || q !== "";

  return (
    <PageShell className="staff-policies">
      <View className="staff-policies__top">
        <SearchBar {...search.bind} placeholder="按标题搜索稿件" label="搜索稿件" />
        <Tabs
          label="稿件状态"
          options={FILTERS.map((value) => ({
            value,
            label: value === "all" ? "全部" : POST_STATUS_LABELS[value],
          }))}
          value={status}
          onChange={setStatus}
        />
        {canWrite ? (
          <View className="staff-policies__new">
            <Button type="primary" block onClick={() => void openPage(Pages.staffPolicyEdit)}>
              写新稿件
            </Button>
          </View>
        ) : (
          <Text className="staff-policies__hint">
            您可以查看本部门的稿件；撰写稿件需要部门管理员或协调员账号。
          </Text>
        )}
      </View>
      <PagedList
        list={list}
        emptyTitle={filtered ? "没有符合条件的稿件" : "还没有稿件"}
        emptyDescription={
          filtered ? "换个状态或搜索词再看看。" : canWrite ? "点“写新稿件”开始撰写。" : undefined
        }
        header={<Text className="staff-policies__total">共 {list.total} 篇</Text>}
        renderItem={(p) => (
          <RecordCard
            key={p.id}
            tags={
              <>
                <Tag tone={POST_STATUS_TONES[p.status]} solid>
                  {POST_STATUS_LABELS[p.status]}
                </Tag>
                <Tag tone="primary">{p.category}</Tag>
                {p.sample ? <Tag>示例</Tag> : null}
              </>
            }
            title={p.title}
            lines={[
              p.summary ? <Text key="s">{p.summary}</Text> : null,
              <Text key="d">
                {p.department ? p.department.name : "全市"}
                {p.author ? ` · ${p.author}` : ""} · 第 {p.version} 版
              </Text>,
            ].filter(Boolean)}
            footer={
              p.status === "scheduled" && p.publishAt
                ? `将于 ${formatDate(p.publishAt, true)} 发布`
                : p.status === "published" && p.publishedAt
                  ? `发布于 ${formatDate(p.publishedAt, true)}`
                  : `更新于 ${formatDate(p.updatedAt, true)}`
            }
            onClick={() => void openPage(Pages.staffPolicyEdit, { id: p.id })}
          />
        )}
      />
    </PageShell>
  );
}

/** 政策动态稿件：本部门（协调员为全部）的草稿、定时发布、已发布、已撤下稿件。 */
export default function StaffPoliciesPage() {
  return (
    <StaffGate
      className="staff-policies"
      roles={["dept_staff", "dept_admin", "coordinator", "admin"]}
    >
      <PolicyList />
    </StaffGate>
  );
}
