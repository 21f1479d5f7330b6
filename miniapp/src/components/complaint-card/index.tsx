import { View, Text } from "@tarojs/components";
import type { ComplaintListItem } from "@lushan/shared/schemas/complaint";
import { Tag } from "@/components/tag";
import { ComplaintStatusTags } from "@/components/complaint-status-tags";
import { formatDate } from "@/utils/format";
import { cx } from "@/utils/cx";
import "./index.scss";

export interface ComplaintCardProps {
  /** 额外的类名 */
  className?: string;
  /** 投诉 */
  complaint: ComplaintListItem;
  /** 工作人员视角：显示投诉人（已脱敏）、督办、上报 */
  staff?: boolean;
  onClick: () => void;
}

/** 投诉卡片：编号、标题、状态、逾期或临期提示。群众“我的反映”和工作台列表共用。 */
export function ComplaintCard({
  className,
  complaint: c,
  staff = false,
  onClick,
}: ComplaintCardProps) {
  return (
    <View
      className={cx(
        "ls-complaint-card",
        c.deadlines.overdue && "ls-complaint-card--overdue",
        className,
      )}
      hoverClass="ls-complaint-card--active"
      onClick={onClick}
    >
      <View className="ls-complaint-card__head">
        <ComplaintStatusTags complaint={c} />
        {staff && c.supervised ? <Tag tone="danger">督办</Tag> : null}
        {staff && c.escalated ? <Tag tone="danger">已上报</Tag> : null}
        {c.followed ? <Tag>并入的诉求</Tag> : null}
        <Text className="ls-complaint-card__no">{c.ticketNo}</Text>
      </View>
      <Text className="ls-complaint-card__title">{c.title}</Text>
      <Text className="ls-complaint-card__meta">
        {c.barrierType.code} {c.barrierType.name}
      </Text>
      <Text className="ls-complaint-card__meta">
        {c.department ? `承办：${c.department.name}` : "待确定承办部门"} · {c.town}
        {staff ? ` · 投诉人：${c.complainant}` : ""}
      </Text>
      <Text className="ls-complaint-card__time">
        {c.channel === "phone" ? "电话登记" : "网上反映"} · {formatDate(c.createdAt, true)}
      </Text>
    </View>
  );
}
