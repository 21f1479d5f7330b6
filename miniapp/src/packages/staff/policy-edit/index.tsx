import { useEffect, useState } from "react";
import { View, Text, Picker } from "@tarojs/components";
import type { StaffPostView } from "@lushan/shared/schemas/policy";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Notice } from "@/components/notice";
import { Button } from "@/components/button";
import { Tag } from "@/components/tag";
import { FormField, TextAreaField, TextField } from "@/components/form-field";
import { PickerField } from "@/components/picker-field";
import { ReasonForm } from "@/components/reason-form";
import { Timeline } from "@/components/steps";
import { StaffGate } from "@/components/staff-gate";
import { actionErrorText, isConflict } from "@/components/staff-gate/errors";
import { useAuth } from "@/hooks/useAuth";
import { usePageParams } from "@/hooks/usePageParams";
import { useRequest } from "@/hooks/useRequest";
import { useDraftForm } from "@/hooks/useDraftForm";
import {
  createStaffPolicy,
  getStaffPolicy,
  listPolicyVersions,
  publishStaffPolicy,
  unpublishStaffPolicy,
  updateStaffPolicy,
} from "@/services/staffPolicies";
import { openPage, Pages } from "@/routes";
import { formatDate } from "@/utils/format";
import { POST_STATUS_LABELS, POST_STATUS_TONES, POST_WRITERS } from "../policies/labels";
import {
  beijingToday,
  createBody,
  draftFromPost,
  emptyDraft,
  isDirty,
  scheduleIso,
  updateBody,
  validateDraft,
  writableCategories,
  type PolicyDraft,
} from "./form";
import "./index.scss";

type Busy = "save" | "publish" | "schedule" | "unpublish" | null;

/** 历史版本：每次保存留下的版本（谁、何时、说明），点开才加载。 */
function Versions({ id, version }: { id: string; version: number }) {
  const [open, setOpen] = useState(false);
  const versions = useRequest(() => listPolicyVersions(id), [id, version], { enabled: open });
  if (!open) {
    return (
      <Button type="text" block onClick={() => setOpen(true)}>
        查看历史版本（共 {version} 版）
      </Button>
    );
  }
  return (
    <PageState
      inline
      loading={versions.loading}
      error={versions.error}
      onRetry={versions.reload}
      empty={(versions.data ?? []).length === 0}
      emptyTitle="还没有保存过的版本"
    >
      <Timeline
        entries={[...(versions.data ?? [])]
          .sort((a, b) => a.version - b.version)
          .map((v) => ({
            key: String(v.version),
            title: `第 ${v.version} 版：${v.title}`,
            time: `${formatDate(v.editedAt, true)}${v.editedBy ? ` · ${v.editedBy}` : ""}`,
            description: v.note ?? undefined,
          }))}
      />
    </PageState>
  );
}

function PolicyEditor() {
  const params = usePageParams();
  const { user } = useAuth();
  const [postId, setPostId] = useState<string | undefined>(params.id);
  const loaded = useRequest(() => getStaffPolicy(params.id as string), [params.id], {
    enabled: Boolean(params.id),
  });
  const [post, setPost] = useState<StaffPostView | null>(null);
  const { draft, setDraft, errors, setErrors, field } = useDraftForm<PolicyDraft>(() =>
    emptyDraft(user?.role ?? "coordinator"),
  );
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [date, setDate] = useState("");
  const [time, setTime] = useState("09:00");

  useEffect(() => {
    if (loaded.data) {
      setPost(loaded.data);
      setDraft(draftFromPost(loaded.data));
    }
  }, [loaded.data]);

  if (params.id && !post) {
    return (
      <PageShell className="policy-edit">
        <PageState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />
      </PageShell>
    );
  }

  const role = user?.role ?? "dept_staff";
  const editable = post
    ? post.abilities.update
    : (POST_WRITERS as readonly string[]).includes(role);
  const categories = writableCategories(role);
  const categoryOptions = (
    post && !categories.includes(post.category) ? [post.category, ...categories] : categories
  ).map((c) => ({ value: c, label: c }));
  const dirty = isDirty(draft, post);

  async function save(): Promise<StaffPostView | null> {
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage({ tone: "danger", text: "请按提示修改后再保存" });
      return null;
    }
    setBusy("save");
    setMessage(null);
    try {
      let saved: StaffPostView;
      if (!post) {
        saved = await createStaffPolicy(createBody(draft));
        setPostId(saved.id);
      } else {
        const body = updateBody(draft, post);
        if (!body) return post;
        saved = await updateStaffPolicy(post.id, body);
      }
      setPost(saved);
      setDraft(draftFromPost(saved));
      setConflict(false);
      setMessage({ tone: "success", text: `已保存（第 ${saved.version} 版）` });
      return saved;
    } catch (e) {
      if (isConflict(e)) setConflict(true);
      setMessage({ tone: "danger", text: actionErrorText(e) });
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function reloadLatest(keepMine: boolean) {
    if (!postId) return;
    setMessage(null);
    try {
      const latest = await getStaffPolicy(postId);
      setPost(latest);
      if (!keepMine) setDraft(draftFromPost(latest));
      setConflict(false);
      setMessage({
        tone: "success",
        text: keepMine
          ? `已取得最新的第 ${latest.version} 版。您的修改仍在表单中，核对后再点“保存”会覆盖为您的内容。`
          : `已载入最新的第 ${latest.version} 版。`,
      });
    } catch (e) {
      setMessage({ tone: "danger", text: actionErrorText(e) });
    }
  }

  async function publish(at?: string) {
    if (!post) return;
    setBusy(at ? "schedule" : "publish");
    setMessage(null);
    try {
      const next = await publishStaffPolicy(post.id, at);
      setPost(next);
      setMessage({
        tone: "success",
        text:
          next.status === "scheduled" && next.publishAt
            ? `已设定于 ${formatDate(next.publishAt, true)} 发布`
            : "已发布，订阅用户会收到通知",
      });
    } catch (e) {
      setMessage({ tone: "danger", text: actionErrorText(e) });
    } finally {
      setBusy(null);
    }
  }

  async function unpublish(reason: string) {
    if (!post) return;
    setBusy("unpublish");
    setMessage(null);
    try {
      const next = await unpublishStaffPolicy(post.id, reason);
      setPost(next);
      setMessage({ tone: "success", text: "已撤下" });
    } catch (e) {
      setMessage({ tone: "danger", text: actionErrorText(e) });
    } finally {
      setBusy(null);
    }
  }

  const schedule = scheduleIso(date, time);

  return (
    <PageShell
      className="policy-edit"
      footer={
        editable ? (
          <Button
            type="primary"
            block
            size="large"
            loading={busy === "save"}
            disabled={Boolean(post) && !dirty}
            onClick={() => void save()}
          >
            {!post ? "保存为草稿" : dirty ? "保存修改" : "没有未保存的修改"}
          </Button>
        ) : undefined
      }
    >
      {post ? (
        <View className="policy-edit__status">
          <Tag tone={POST_STATUS_TONES[post.status]} solid>
            {POST_STATUS_LABELS[post.status]}
          </Tag>
          <Text className="policy-edit__meta">
            第 {post.version} 版 · 更新于 {formatDate(post.updatedAt, true)}
            {post.status === "scheduled" && post.publishAt
              ? ` · 将于 ${formatDate(post.publishAt, true)} 发布`
              : ""}
            {post.status === "published" && post.publishedAt
              ? ` · 发布于 ${formatDate(post.publishedAt, true)}`
              : ""}
          </Text>
          {post.status === "unpublished" && post.unpublishReason ? (
            <Text className="policy-edit__meta">撤下原因：{post.unpublishReason}</Text>
          ) : null}
        </View>
      ) : null}

      {message ? (
        <Notice
          className="policy-edit__message"
          tone={message.tone}
          action={
            conflict ? (
              <View className="policy-edit__buttons">
                <Button size="small" type="primary" onClick={() => void reloadLatest(false)}>
                  载入最新版本（放弃我的修改）
                </Button>
                <Button size="small" onClick={() => void reloadLatest(true)}>
                  保留我的修改
                </Button>
              </View>
            ) : undefined
          }
        >
          {message.text}
        </Notice>
      ) : null}

      {!editable ? (
        <Notice className="policy-edit__message" tone="info">
          您可以查看这篇稿件，但当前账号不能修改它。
        </Notice>
      ) : null}

      <Section title="稿件内容" plain>
        <PickerField
          label="栏目"
          required
          options={categoryOptions}
          value={draft.category}
          onChange={(c) => {
            setDraft((d) => ({ ...d, category: c }));
            setErrors((e) => ({ ...e, category: undefined }));
          }}
          disabled={!editable}
          error={errors.category}
        />
        <TextField
          label="标题"
          required
          {...field("title")}
          maxLength={64}
          placeholder="不超过 64 个字"
          disabled={!editable}
        />
        <TextAreaField
          label="摘要"
          {...field("summary")}
          maxLength={200}
          placeholder="列表中显示的一两句话，可不填"
        />
        <TextAreaField
          label="正文"
          required
          {...field("body")}
          maxLength={20000}
          placeholder="直接输入正文"
          hint="空一行另起一段；以“## ”开头的一行是小标题；以“- ”开头的几行是列表。"
        />
        <TextField
          label="行业标签"
          {...field("industries")}
          maxLength={400}
          placeholder="如：餐饮，食品销售（用逗号分隔）"
          disabled={!editable}
        />
        <TextField
          label="关联清单事项编码"
          {...field("items")}
          maxLength={1000}
          placeholder="如：101001，用逗号分隔，可不填"
          disabled={!editable}
        />
      </Section>

      {post && (post.abilities.publish || post.abilities.unpublish) ? (
        <Section title="发布">
          {post.abilities.publish ? (
            <View className="policy-edit__publish">
              {dirty ? <Notice tone="warning">有未保存的修改，请先保存，再发布。</Notice> : null}
              <Button
                type="primary"
                block
                loading={busy === "publish"}
                disabled={dirty || busy !== null}
                onClick={() => void publish()}
              >
                立即发布
              </Button>
              <FormField label="定时发布" hint="选择北京时间的日期和时刻，到时自动发布。">
                <View className="policy-edit__when">
                  <Picker
                    mode="date"
                    value={date || beijingToday()}
                    start={beijingToday()}
                    onChange={(e) => setDate(String(e.detail.value))}
                  >
                    <View className="policy-edit__pick">{date || "选择日期"}</View>
                  </Picker>
                  <Picker
                    mode="time"
                    value={time}
                    onChange={(e) => setTime(String(e.detail.value))}
                  >
                    <View className="policy-edit__pick">{time}</View>
                  </Picker>
                </View>
              </FormField>
              <Button
                block
                loading={busy === "schedule"}
                disabled={dirty || !schedule || busy !== null}
                onClick={() => schedule && void publish(schedule)}
              >
                {schedule ? `定时于 ${date} ${time} 发布` : "请先选择日期"}
              </Button>
            </View>
          ) : null}
          {post.abilities.unpublish ? (
            <ReasonForm
              trigger={post.status === "scheduled" ? "取消定时发布" : "撤下稿件"}
              label={post.status === "scheduled" ? "取消原因" : "撤下原因"}
              tone="danger"
              hint="原因会记入稿件的历史记录。"
              busy={busy === "unpublish"}
              onConfirm={(reason) => void unpublish(reason)}
            />
          ) : null}
        </Section>
      ) : post ? (
        <Notice className="policy-edit__message" tone="info">
          发布和撤下由发改协调员或系统管理员操作。
        </Notice>
      ) : (
        <Notice className="policy-edit__message" tone="info">
          保存草稿后可以发布或定时发布。
        </Notice>
      )}
      {post ? (
        <Section title="历史版本">
          <Versions id={post.id} version={post.version} />
        </Section>
      ) : null}
      {post && post.status === "published" ? (
        <View className="policy-edit__link">
          <Button type="text" onClick={() => void openPage(Pages.post, { id: post.id })}>
            查看公众看到的页面
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}

/** 编辑稿件：撰写或修改政策动态，保存版本，发布、定时发布或撤下（按账号权限显示按钮）。 */
export default function PolicyEditPage() {
  return (
    <StaffGate className="policy-edit" roles={["dept_staff", "dept_admin", "coordinator", "admin"]}>
      <PolicyEditor />
    </StaffGate>
  );
}
