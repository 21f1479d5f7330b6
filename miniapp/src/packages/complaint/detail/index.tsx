import { useState } from "react";
import Taro, { usePullDownRefresh } from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import type { ComplaintView } from "@lushan/shared/schemas/complaint";
import { PageShell } from "@/components/page-shell";
import { PageState } from "@/components/page-state";
import { Section } from "@/components/section";
import { Tag } from "@/components/tag";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { ChoiceList } from "@/components/choice-list";
import { TextAreaField } from "@/components/form-field";
import { ImageUploader } from "@/components/image-uploader";
import { ComplaintTimeline } from "@/components/complaint-timeline";
import { EvidencePhotos } from "@/components/evidence-photos";
import { useAuth } from "@/hooks/useAuth";
import { usePageParams } from "@/hooks/usePageParams";
import { useRequest } from "@/hooks/useRequest";
import {
  getMyComplaint,
  rateComplaint,
  supplementComplaint,
  withdrawComplaint,
} from "@/services/complaints";
import { signInCitizen } from "@/services/auth";
import { complaintStatusTone, LIST_SCOPE_TEXT, RATING_OPTIONS } from "@/utils/complaintLabels";
import { formatDate } from "@/utils/format";
import { openPage, Pages } from "@/routes";
import { newIdempotencyKey } from "../new/draft";
import { usePhotoUploads } from "../common/usePhotoUploads";
import "./index.scss";

type Rating = (typeof RATING_OPTIONS)[number]["value"];

/** 评价答复：满意、基本满意即办结；不满意退回承办部门重新办理。 */
function RatingForm({
  ticketNo,
  onDone,
}: {
  ticketNo: string;
  onDone: (c: ComplaintView) => void;
}) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!rating) {
      setError("请选择您对答复是否满意");
      return;
    }
    if (rating === "unsatisfied" && !comment.trim()) {
      setError("请说说哪里不满意，便于承办部门重新办理");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(
        await rateComplaint(ticketNo, {
          rating,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="评价答复">
      <Text className="complaint-detail__hint">您对这次答复满意吗？</Text>
      <ChoiceList
        label="评价"
        options={RATING_OPTIONS.map((r) => ({
          value: r.value,
          label: r.label,
          description: r.description,
        }))}
        value={rating}
        onChange={(v) => {
          setRating(v);
          setError(null);
        }}
      />
      <TextAreaField
        label={rating === "unsatisfied" ? "哪里不满意" : "评价内容（可不填）"}
        required={rating === "unsatisfied"}
        value={comment}
        onChange={setComment}
        placeholder={rating === "unsatisfied" ? "如：问题没有解决、答复没有依据" : "想说的话"}
        maxLength={500}
      />
      {error ? <Text className="complaint-detail__error">{error}</Text> : null}
      <Button
        type={rating === "unsatisfied" ? "danger" : "primary"}
        block
        loading={busy}
        onClick={() => void submit()}
      >
        {rating === "unsatisfied" ? "不满意，要求重新办理" : "提交评价"}
      </Button>
    </Section>
  );
}

/** 补充说明或材料；一次补充一个幂等标识，重试不会重复记录。 */
function SupplementForm({
  ticketNo,
  onDone,
}: {
  ticketNo: string;
  onDone: (c: ComplaintView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [key, setKey] = useState(() => newIdempotencyKey());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const photos = usePhotoUploads(9);
  if (!open) {
    return (
      <View className="complaint-detail__inline-action">
        <Button block onClick={() => setOpen(true)}>
          补充说明或材料
        </Button>
      </View>
    );
  }
  const submit = async () => {
    if (!text.trim()) {
      setError("请填写补充说明");
      return;
    }
    if (photos.uploading) {
      setError("照片还在上传，请稍候");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await supplementComplaint(
        ticketNo,
        { text: text.trim(), evidence: photos.uploadIds },
        key,
      );
      setText("");
      photos.setItems([]);
      setKey(newIdempotencyKey());
      setOpen(false);
      onDone(next);
    } catch (e) {
      setError(`${(e as Error).message}。内容还在，可以再点一次“提交补充”，不会重复记录。`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="补充说明或材料">
      <TextAreaField
        label="补充说明"
        required
        value={text}
        onChange={setText}
        placeholder="新的情况、对方的答复、办理进展等"
        maxLength={1000}
      />
      <ImageUploader
        items={photos.items}
        onAdd={() => void photos.add()}
        onRemove={photos.remove}
        onRetry={photos.retry}
        onPreview={photos.preview}
      />
      {photos.problem ? <Text className="complaint-detail__error">{photos.problem}</Text> : null}
      {error ? <Text className="complaint-detail__error">{error}</Text> : null}
      <View className="complaint-detail__row-actions">
        <Button disabled={busy} onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button
          className="complaint-detail__grow"
          type="primary"
          loading={busy}
          onClick={() => void submit()}
        >
          提交补充
        </Button>
      </View>
    </Section>
  );
}

/** 撤回（部门受理前）。 */
function WithdrawForm({
  ticketNo,
  onDone,
}: {
  ticketNo: string;
  onDone: (c: ComplaintView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <View className="complaint-detail__inline-action">
        <Button type="text" block onClick={() => setOpen(true)}>
          撤回这件反映
        </Button>
      </View>
    );
  }
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await withdrawComplaint(ticketNo, reason));
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="撤回反映">
      <Text className="complaint-detail__hint">撤回后这件反映即办结，不再办理。确定要撤回吗？</Text>
      <TextAreaField
        label="撤回原因（可不填）"
        value={reason}
        onChange={setReason}
        placeholder="如：问题已经解决"
        maxLength={200}
      />
      {error ? <Text className="complaint-detail__error">{error}</Text> : null}
      <View className="complaint-detail__row-actions">
        <Button disabled={busy} onClick={() => setOpen(false)}>
          不撤回
        </Button>
        <Button
          className="complaint-detail__grow"
          type="danger"
          loading={busy}
          onClick={() => void submit()}
        >
          确认撤回
        </Button>
      </View>
    </Section>
  );
}

/** 我反映的问题：办理进度、答复、评价与重办、补充材料、撤回。 */
export default function ComplaintDetailPage() {
  const ticketNo = usePageParams().ticketNo ?? "";
  const { signedIn, isStaff } = useAuth();
  const detail = useRequest(() => getMyComplaint(ticketNo), [ticketNo, signedIn], {
    enabled: signedIn && !isStaff && ticketNo !== "",
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [loginProblem, setLoginProblem] = useState<string | null>(null);

  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = detail.data;
  const update = (message: string) => (next: ComplaintView) => {
    detail.setData(next);
    setNotice(message);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  };

  if (isStaff && ticketNo) {
    return (
      <PageShell className="complaint-detail">
        <PageState
          empty
          emptyTitle="这是群众查看进度的页面"
          emptyDescription="工作人员请在工作台中办理。"
          emptyAction={
            <Button
              type="primary"
              onClick={() => void openPage(Pages.staffComplaint, { ticketNo })}
            >
              在工作台打开
            </Button>
          }
        />
      </PageShell>
    );
  }

  return (
    <PageShell className="complaint-detail">
      {loginProblem ? (
        <Notice tone="danger" title="登录没有成功">
          {loginProblem}
        </Notice>
      ) : null}
      <PageState
        loading={detail.loading}
        error={detail.error}
        onRetry={detail.reload}
        empty={!signedIn || !ticketNo}
        emptyTitle={!ticketNo ? "没有指定要查看的问题" : "登录后查看办理进度"}
        emptyAction={
          !ticketNo ? (
            <Button onClick={() => void openPage(Pages.complaintMine)}>查看我的反映</Button>
          ) : (
            <Button
              type="primary"
              onClick={() =>
                void signInCitizen().then(
                  () => setLoginProblem(null),
                  (e: Error) => setLoginProblem(e.message),
                )
              }
            >
              登录
            </Button>
          )
        }
      >
        {c ? (
          <>
            {notice ? (
              <Notice className="complaint-detail__notice" tone="success" title={notice}>
                当前状态：{c.statusLabel}
              </Notice>
            ) : null}
            <View className="complaint-detail__header">
              <View>
                <Tag tone={complaintStatusTone(c.status)} solid>
                  {c.statusLabel}
                </Tag>
                {c.deadlines.overdue ? <Tag tone="danger">已超过办理期限，已提醒督办</Tag> : null}
              </View>
              <Text className="complaint-detail__title">{c.title}</Text>
              <Text className="complaint-detail__meta">
                受理编号 {c.ticketNo} · {formatDate(c.createdAt, true)}
              </Text>
              <Text className="complaint-detail__meta">
                {c.routing.department
                  ? `承办部门：${c.routing.department.name}`
                  : "正在确定承办部门"}
              </Text>
              {c.deadlines.replyBy && c.status !== "closed" && c.status !== "replied" ? (
                <Text className="complaint-detail__meta">
                  答复期限：{formatDate(c.deadlines.replyBy, true)}
                </Text>
              ) : null}
            </View>

            {c.mergedInto ? (
              <Notice
                tone="info"
                title="已与相同问题合并办理"
                action={
                  <Button
                    size="small"
                    onClick={() =>
                      void openPage(Pages.complaintDetail, { ticketNo: c.mergedInto! })
                    }
                  >
                    查看 {c.mergedInto}
                  </Button>
                }
              >
                您反映的问题与其他群众反映的相同，已并入一起办理，进度和答复请看合并后的那一件。
              </Notice>
            ) : null}

            {c.reply ? (
              <Section title="部门答复">
                <View className="complaint-detail__reply">{c.reply.text}</View>
                <Text className="complaint-detail__meta">
                  {c.reply.department} · {formatDate(c.reply.at, true)}
                </Text>
              </Section>
            ) : null}

            {c.rating ? (
              <Section title="我的评价">
                <Tag tone={c.rating.value === "unsatisfied" ? "danger" : "success"} solid>
                  {c.rating.label}
                </Tag>
                {c.rating.comment ? (
                  <View className="complaint-detail__text">{c.rating.comment}</View>
                ) : null}
                {c.rating.value === "unsatisfied" && c.status === "accepted" ? (
                  <Text className="complaint-detail__hint">
                    已退回承办部门重新办理，有新的答复会通知您。
                  </Text>
                ) : null}
              </Section>
            ) : null}

            {c.can.rate ? <RatingForm ticketNo={c.ticketNo} onDone={update("评价已提交")} /> : null}

            <Section title="办理进度">
              <ComplaintTimeline entries={c.timeline} />
            </Section>

            {c.can.supplement ? (
              <SupplementForm ticketNo={c.ticketNo} onDone={update("补充材料已提交")} />
            ) : null}

            <Section title="我反映的内容">
              <Text className="complaint-detail__label">
                {c.barrierType.code} {c.barrierType.name}
              </Text>
              <View className="complaint-detail__text">{c.description}</View>
              <Text className="complaint-detail__meta">
                被反映单位：{c.accusedName} · {c.town}
              </Text>
              <Text className="complaint-detail__meta">
                {c.listItem
                  ? `涉及事项：${c.listItem.name}（${c.listItem.code}）`
                  : LIST_SCOPE_TEXT[c.listScope]}
              </Text>
              {c.evidence.length > 0 ? <EvidencePhotos items={c.evidence} /> : null}
              {c.moderation === "review" || c.moderation === "pending" ? (
                <Text className="complaint-detail__hint">
                  {c.moderationLabel}，审核通过后转交承办部门。
                </Text>
              ) : null}
            </Section>

            {c.supplements.length > 0 ? (
              <Section title="我补充的材料">
                {c.supplements.map((s) => (
                  <View key={s.id} className="complaint-detail__supplement">
                    <Text className="complaint-detail__meta">
                      {formatDate(s.at, true)} · {s.moderationLabel}
                    </Text>
                    {s.text ? <View className="complaint-detail__text">{s.text}</View> : null}
                    {s.evidence.length > 0 ? <EvidencePhotos items={s.evidence} /> : null}
                  </View>
                ))}
              </Section>
            ) : null}

            <Section title="联系方式">
              <Text className="complaint-detail__meta">
                {c.contact.name} · {c.contact.phone}
              </Text>
              {c.business ? (
                <Text className="complaint-detail__meta">
                  {c.business.name}
                  {c.business.creditCode ? `（${c.business.creditCode}）` : ""}
                </Text>
              ) : null}
              <Text className="complaint-detail__meta">
                {c.confidential ? "已要求对被反映部门保密" : "未要求保密"}
              </Text>
            </Section>

            {c.can.withdraw ? (
              <WithdrawForm ticketNo={c.ticketNo} onDone={update("已撤回")} />
            ) : null}
          </>
        ) : null}
      </PageState>
    </PageShell>
  );
}
