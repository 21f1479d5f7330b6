import type { Guide } from "@lushan/shared/schemas/list";
import { View, Text } from "@tarojs/components";
import { Tag } from "@/components/tag";
import { Notice } from "@/components/notice";
import { formatDate } from "@/utils/format";

/** One 办事指南: department, time limit, materials, steps, legal basis and acceptance rules. */
export function GuideCard({ guide }: { guide: Guide }) {
  return (
    <View className="item-guide">
      <View className="item-guide__head">
        <Text className="item-guide__title">{guide.title}</Text>
        {guide.sample ? <Tag tone="warning">示例</Tag> : null}
      </View>
      {guide.needsReview ? (
        <Notice tone="warning" className="item-guide__review">
          清单已调整，承办部门正在复核本指南，办理前请先电话确认。
        </Notice>
      ) : null}
      <View className="item-guide__row">
        <Text className="item-guide__label">办理部门</Text>
        <Text>{guide.department?.name ?? "—"}</Text>
      </View>
      <View className="item-guide__row">
        <Text className="item-guide__label">办理时限</Text>
        <Text>{guide.timeLimit}</Text>
      </View>
      <Text className="item-guide__subtitle">申请材料</Text>
      {guide.materials.map((m, i) => (
        <View key={`${i}-${m}`} className="item-guide__list-item">
          {i + 1}. {m}
        </View>
      ))}
      <Text className="item-guide__subtitle">办理流程</Text>
      {guide.process.map((p, i) => (
        <View key={`${i}-${p}`} className="item-guide__list-item">
          第 {i + 1} 步：{p}
        </View>
      ))}
      {guide.promiseAcceptance.applicable ? (
        <View className="item-guide__accept">
          <Tag tone="success">可告知承诺</Tag>
          <Text className="item-guide__accept-note">{guide.promiseAcceptance.note}</Text>
        </View>
      ) : null}
      {guide.toleranceAcceptance.applicable ? (
        <View className="item-guide__accept">
          <Tag tone="success">可容缺受理</Tag>
          <Text className="item-guide__accept-note">{guide.toleranceAcceptance.note}</Text>
        </View>
      ) : null}
      {guide.legalBasis.length > 0 ? (
        <View className="ls-nonessential">
          <Text className="item-guide__subtitle">设定依据</Text>
          {guide.legalBasis.map((b) => (
            <View key={b} className="item-guide__list-item">
              {b}
            </View>
          ))}
        </View>
      ) : null}
      <Text className="item-guide__updated">更新于 {formatDate(guide.updatedAt)}</Text>
    </View>
  );
}
