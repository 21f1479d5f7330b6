import { useEffect, useRef, useState } from "react";
import Taro from "@tarojs/taro";
import { View, Text } from "@tarojs/components";
import { BARRIER_TYPES } from "@lushan/shared/barrierTypes";
import { TOWNS } from "@lushan/shared/towns";
import type { ComplaintCreated } from "@lushan/shared/schemas/complaint";
import { PageShell } from "@/components/page-shell";
import { Steps } from "@/components/steps";
import { Button } from "@/components/button";
import { Notice } from "@/components/notice";
import { ChoiceList } from "@/components/choice-list";
import { PickerField } from "@/components/picker-field";
import { TextAreaField, TextField } from "@/components/form-field";
import { useAuth } from "@/hooks/useAuth";
import { usePageParams } from "@/hooks/usePageParams";
import { useStore } from "@/hooks/useStore";
import { isApiError } from "@/services/apiError";
import { ensureSignedIn } from "@/services/auth";
import { openPage, Pages } from "@/routes";
import {
  draftHasContent,
  draftStore,
  discardDraft,
  emptyDraft,
  firstInvalidStep,
  LIMITS,
  STEP,
  STEPS,
  updateDraft,
  validateStep,
  withListItem,
  type ComplaintDraft,
  type DraftErrors,
} from "./draft";
import { renewDraftKey, submitDraft } from "./submit";
import { ListStep } from "./ListStep";
import { PhotoStep } from "./PhotoStep";
import { ReviewStep } from "./ReviewStep";
import { Done } from "./Done";
import { usePhotoUploads } from "../common/usePhotoUploads";
import "./index.scss";

/** 我要反映：分步填写，草稿随时保存在本机，提交可安全重试。 */
export default function ComplaintNewPage() {
  const params = usePageParams();
  const { isStaff } = useAuth();
  const stored = useStore(draftStore);
  const [restored, setRestored] = useState(false);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [created, setCreated] = useState<ComplaintCreated | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; reused: boolean } | null>(null);
  const photos = usePhotoUploads(LIMITS.photos);
  const [photoWait, setPhotoWait] = useState(false);
  const started = useRef(false);

  // Open the draft left last time, or start one; an item from the 反映问题 button is applied.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const existing = draftStore.get();
    let draft = existing ?? emptyDraft();
    if (draftHasContent(existing)) setRestored(true);
    if (params.item) {
      draft = withListItem(draft, { code: params.item, name: params.itemName || params.item });
    }
    draftStore.set(draft);
    photos.setItems(
      draft.photos.map((p) => ({ key: p.key, path: p.path, status: "done", uploadId: p.uploadId })),
    );
  }, []);

  // The draft keeps the photos that finished uploading (ids for the complaint, paths to show).
  useEffect(() => {
    if (!started.current || created) return;
    updateDraft({
      photos: photos.items
        .filter((u) => u.status === "done" && u.uploadId)
        .map((u) => ({ key: u.key, path: u.path, uploadId: u.uploadId! })),
    });
  }, [photos.items]);

  if (created) {
    return (
      <PageShell className="complaint-new">
        <Done created={created} />
      </PageShell>
    );
  }

  const draft: ComplaintDraft = stored ?? emptyDraft();
  const step = Math.min(Math.max(draft.step, 0), STEP.review);
  const change = (patch: Partial<ComplaintDraft>) => {
    updateDraft(patch);
    if (Object.keys(errors).length) setErrors({});
    setSubmitError(null);
  };
  const goTo = (next: number) => {
    setErrors({});
    updateDraft({ step: next });
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  const next = () => {
    const problems = validateStep(draft, step);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return;
    }
    if (step === STEP.photos && photos.uploading) {
      setPhotoWait(true);
      return;
    }
    setPhotoWait(false);
    goTo(step + 1);
  };

  const submit = async () => {
    const invalid = firstInvalidStep(draft);
    if (invalid >= 0) {
      goTo(invalid);
      setErrors(validateStep(draft, invalid));
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      await ensureSignedIn();
      const result = await submitDraft(draft);
      photos.setItems([]);
      setCreated(result);
    } catch (error) {
      const reused = isApiError(error) && error.code === "idempotency_key_reused";
      if (isApiError(error) && error.details.length > 0) {
        const bad = firstInvalidStep(draft);
        if (bad >= 0) goTo(bad);
      }
      setSubmitError({
        message: reused
          ? "这份内容修改前已经提交过一次。可以到“我的反映”查看那一件，或把修改后的内容作为新的问题提交。"
          : (error as Error).message,
        reused,
      });
    } finally {
      setSubmitting(false);
    }
  };

  const startOver = () => {
    discardDraft();
    draftStore.set(emptyDraft());
    photos.setItems([]);
    setRestored(false);
    setErrors({});
    setSubmitError(null);
  };

  const barrierOptions = BARRIER_TYPES.map((t) => ({
    value: t.code,
    label: `${t.code} ${t.name}`,
    description: (
      <View>
        <Text className="complaint-new__plain">{t.plain}</Text>
        <Text className="complaint-new__example ls-nonessential">例如：{t.examples[0]}</Text>
      </View>
    ),
  }));

  return (
    <PageShell
      className="complaint-new"
      footer={
        <View className="complaint-new__footer">
          {step > 0 ? (
            <Button
              className="complaint-new__back"
              disabled={submitting}
              onClick={() => goTo(step - 1)}
            >
              上一步
            </Button>
          ) : null}
          {step < STEP.review ? (
            <Button className="complaint-new__next" type="primary" onClick={next}>
              {step === STEP.photos && draft.photos.length === 0 ? "跳过，下一步" : "下一步"}
            </Button>
          ) : (
            <Button
              className="complaint-new__next"
              type="primary"
              loading={submitting}
              disabled={submitting}
              onClick={() => void submit()}
            >
              {submitting ? "正在提交" : submitError && !submitError.reused ? "重新提交" : "提交"}
            </Button>
          )}
        </View>
      }
    >
      <Steps items={[...STEPS]} current={step} />
      {isStaff ? (
        <Notice tone="warning" title="当前登录的是工作人员账号">
          请在“我的”中退出工作人员账号，以个人身份反映问题。
        </Notice>
      ) : null}
      {restored && step < STEP.review ? (
        <Notice
          tone="info"
          title="已恢复您上次没有提交的内容"
          action={
            <Button size="small" type="text" onClick={startOver}>
              清空重新填写
            </Button>
          }
        />
      ) : null}

      {step === STEP.barrier ? (
        <View className="complaint-new__step">
          <Text className="complaint-new__question">您遇到的是哪一类问题？</Text>
          <Text className="complaint-new__hint">选最接近的一项即可，工作人员会再核实。</Text>
          {errors.barrierType ? (
            <Text className="complaint-new__error">{errors.barrierType}</Text>
          ) : null}
          <ChoiceList
            label="问题类型"
            options={barrierOptions}
            value={draft.barrierType}
            onChange={(barrierType) => change({ barrierType })}
          />
        </View>
      ) : null}

      {step === STEP.list ? <ListStep draft={draft} errors={errors} onChange={change} /> : null}

      {step === STEP.story ? (
        <View className="complaint-new__step">
          <Text className="complaint-new__question">说说发生了什么</Text>
          <TextField
            label="一句话概括"
            required
            value={draft.title}
            onChange={(title) => change({ title })}
            placeholder="如：办食品经营许可被要求先办消防证明"
            maxLength={LIMITS.title}
            error={errors.title}
          />
          <TextAreaField
            label="问题经过"
            required
            hint="什么时间、在哪个窗口或部门、被要求做什么、依据是什么"
            value={draft.description}
            onChange={(description) => change({ description })}
            placeholder="请尽量写清楚时间、地点、经办部门和具体要求"
            maxLength={LIMITS.description}
            error={errors.description}
          />
          <TextField
            label="被反映的部门或单位"
            required
            value={draft.accusedName}
            onChange={(accusedName) => change({ accusedName })}
            placeholder="如：某某局政务服务窗口"
            maxLength={LIMITS.accused}
            error={errors.accusedName}
          />
          <PickerField
            label="发生在哪个乡镇（街道）"
            required
            options={TOWNS.map((t) => ({ value: t, label: t }))}
            value={draft.town}
            onChange={(town) => change({ town })}
            placeholder="请选择"
            error={errors.town}
          />
        </View>
      ) : null}

      {step === STEP.photos ? (
        <PhotoStep
          items={photos.items}
          problem={
            photoWait && photos.uploading ? "照片还在上传，请稍候再点下一步" : photos.problem
          }
          onAdd={() => void photos.add()}
          onRemove={photos.remove}
          onRetry={photos.retry}
          onPreview={photos.preview}
        />
      ) : null}

      {step === STEP.contact ? (
        <View className="complaint-new__step">
          <Text className="complaint-new__question">经营主体和联系方式</Text>
          <Text className="complaint-new__hint">
            以企业或个体户名义反映的，请填写经营主体；个人反映可以不填。
          </Text>
          <TextField
            label="企业名称（可不填）"
            value={draft.businessName}
            onChange={(businessName) => change({ businessName })}
            placeholder="营业执照上的名称"
            maxLength={LIMITS.business}
            error={errors.businessName}
          />
          <TextField
            label="统一社会信用代码（可不填）"
            hint="营业执照上的 18 位代码，填写后会自动核对"
            value={draft.creditCode}
            onChange={(creditCode) => change({ creditCode })}
            placeholder="如 91360483MA35XXXXXX"
            maxLength={22}
            error={errors.creditCode}
          />
          <TextField
            label="联系人"
            required
            value={draft.contactName}
            onChange={(contactName) => change({ contactName })}
            placeholder="怎么称呼您"
            maxLength={LIMITS.contactName}
            error={errors.contactName}
          />
          <TextField
            label="联系电话"
            required
            type="number"
            value={draft.contactPhone}
            onChange={(contactPhone) => change({ contactPhone })}
            placeholder="手机号或固定电话"
            maxLength={13}
            error={errors.contactPhone}
          />
        </View>
      ) : null}

      {step === STEP.confidential ? (
        <View className="complaint-new__step">
          <Text className="complaint-new__question">是否需要对被反映部门保密？</Text>
          <ChoiceList
            label="是否保密"
            options={[
              {
                value: "yes",
                label: "需要保密",
                description:
                  "被反映的部门看不到您的姓名、电话和企业信息，只有负责协调的发改部门和 12345 在必要时可以查看，每次查看都有记录。",
              },
              {
                value: "no",
                label: "不需要保密",
                description: "承办部门可以看到您的联系方式，便于直接联系您核实情况。",
              },
            ]}
            value={draft.confidential === null ? null : draft.confidential ? "yes" : "no"}
            onChange={(v) => change({ confidential: v === "yes" })}
          />
          {errors.confidential ? (
            <Text className="complaint-new__error">{errors.confidential}</Text>
          ) : null}
        </View>
      ) : null}

      {step === STEP.review ? (
        <>
          <ReviewStep draft={draft} onEdit={goTo} />
          {submitError ? (
            <Notice
              className="complaint-new__submit-error"
              tone="danger"
              title="提交没有成功"
              action={
                submitError.reused ? (
                  <View>
                    <Button size="small" onClick={() => void openPage(Pages.complaintMine)}>
                      查看我的反映
                    </Button>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => {
                        renewDraftKey();
                        setSubmitError(null);
                      }}
                    >
                      作为新问题提交
                    </Button>
                  </View>
                ) : undefined
              }
            >
              {submitError.message}
              {!submitError.reused ? "。内容已保存，可以直接点“重新提交”，不会重复登记。" : ""}
            </Notice>
          ) : (
            <Text className="complaint-new__hint complaint-new__promise">
              提交后会生成受理编号。承办部门在规定的工作日内受理和答复，每一步进展都会通知您。
            </Text>
          )}
        </>
      ) : null}
    </PageShell>
  );
}
