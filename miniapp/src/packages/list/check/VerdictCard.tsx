import type { SelfCheckResult } from "@lushan/shared/schemas/list";
import { View, Text } from "@tarojs/components";
import { Tag } from "@/components/tag";
import { verdictTone } from "@/utils/labels";
import { openPage, Pages } from "@/routes";

/** One activity of a self-check: the verdict in words, what to do next, the items and licences behind it. */
export function VerdictCard({ result }: { result: SelfCheckResult }) {
  return (
    <View className={`verdict verdict--${result.verdict}`}>
      <View className="verdict__head">
        <Text className="verdict__activity">{result.activity}</Text>
        <Tag tone={verdictTone(result.verdict)} solid>
          {result.verdictLabel}
        </Tag>
      </View>
      <View className="verdict__summary">{result.summary}</View>
      {result.items.map((item) => (
        <View
          key={item.code}
          className="verdict__item"
          hoverClass="verdict__item--active"
          onClick={() => void openPage(Pages.item, { code: item.code })}
        >
          <Text className="verdict__item-name">{item.name}</Text>
          {item.exemption ? (
            <View className="verdict__exemption">例外情形：{item.exemption}</View>
          ) : null}
          {item.measures.slice(0, 3).map((m, i) => (
            <View key={`${i}-${m.text}`} className="verdict__measure ls-nonessential">
              · {m.text}
            </View>
          ))}
          <View className="verdict__department">
            办理部门：
            {item.localDepartment?.name ?? (item.departments.join("、") || "可拨打 12345 咨询")}
          </View>
          <Text className="verdict__link">查看事项详情与办事指南 ›</Text>
        </View>
      ))}
      {result.related.length > 0 ? (
        <View className="verdict__related">
          <Text className="verdict__related-label">可能相关：</Text>
          {result.related.map((r) => (
            <View
              key={r.code}
              className="verdict__related-item"
              onClick={() => void openPage(Pages.item, { code: r.code })}
            >
              {r.shortName || r.name}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
