import { View, Text, Image } from "@tarojs/components";
import { barrierTypeByCode } from "@lushan/shared/barrierTypes";
import { normalizeCreditCode } from "@lushan/shared/creditCode";
import { LIST_SCOPE_TEXT } from "@/utils/complaintLabels";
import { STEP, type ComplaintDraft } from "./draft";

export interface ReviewStepProps {
  draft: ComplaintDraft;
  onEdit: (step: number) => void;
}

function Block({
  title,
  step,
  onEdit,
  children,
}: {
  title: string;
  step: number;
  onEdit: (step: number) => void;
  children: React.ReactNode;
}) {
  return (
    <View className="complaint-new__review">
      <View className="complaint-new__review-head">
        <Text className="complaint-new__review-title">{title}</Text>
        <Text
          className="complaint-new__review-edit"
          aria-label={`修改${title}`}
          onClick={() => onEdit(step)}
        >
          修改
        </Text>
      </View>
      {children}
    </View>
  );
}

/** 第 7 步：核对全部内容，每一块都可以回去修改。 */
export function ReviewStep({ draft: d, onEdit }: ReviewStepProps) {
  const type = d.barrierType ? barrierTypeByCode(d.barrierType) : undefined;
  const code = normalizeCreditCode(d.creditCode);
  return (
    <View className="complaint-new__step">
      <Text className="complaint-new__question">请核对后提交</Text>
      <Block title="问题类型" step={STEP.barrier} onEdit={onEdit}>
        <Text className="complaint-new__review-text">
          {type ? `${type.code} ${type.name}` : "未选择"}
        </Text>
      </Block>
      <Block title="涉及事项" step={STEP.list} onEdit={onEdit}>
        <Text className="complaint-new__review-text">
          {d.listItem
            ? `${d.listItem.name}（${d.listItem.code}）`
            : d.listScope
              ? LIST_SCOPE_TEXT[d.listScope]
              : "未选择"}
        </Text>
      </Block>
      <Block title="问题经过" step={STEP.story} onEdit={onEdit}>
        <Text className="complaint-new__review-strong">{d.title}</Text>
        <Text className="complaint-new__review-text">{d.description}</Text>
        <Text className="complaint-new__review-text">
          被反映单位：{d.accusedName} · {d.town}
        </Text>
      </Block>
      <Block title={`证据照片（${d.photos.length} 张）`} step={STEP.photos} onEdit={onEdit}>
        {d.photos.length === 0 ? (
          <Text className="complaint-new__review-text">没有上传照片</Text>
        ) : (
          <View className="complaint-new__review-photos">
            {d.photos.map((p) => (
              <Image
                key={p.key}
                className="complaint-new__review-photo"
                src={p.path}
                mode="aspectFill"
              />
            ))}
          </View>
        )}
      </Block>
      <Block title="经营主体和联系人" step={STEP.contact} onEdit={onEdit}>
        <Text className="complaint-new__review-text">
          {d.businessName.trim()
            ? `${d.businessName.trim()}${code ? `（${code}）` : ""}`
            : "未填写经营主体"}
        </Text>
        <Text className="complaint-new__review-text">
          {d.contactName.trim()} · {d.contactPhone.trim()}
        </Text>
      </Block>
      <Block title="是否保密" step={STEP.confidential} onEdit={onEdit}>
        <Text className="complaint-new__review-text">
          {d.confidential ? "对被反映部门保密" : "不需要保密"}
        </Text>
      </Block>
    </View>
  );
}
