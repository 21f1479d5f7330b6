import type { ComplaintListItem } from "@lushan/shared/schemas/complaint";
import { Tag } from "@/components/tag";
import { complaintStatusTone } from "@/utils/complaintLabels";

export interface ComplaintStatusTagsProps {
  /** 投诉（列表项或详情） */
  complaint: Pick<ComplaintListItem, "status" | "statusLabel" | "deadlines">;
}

/** 投诉的状态标签，以及办理期限提示：已超期（醒目）或即将到期。 */
export function ComplaintStatusTags({ complaint: c }: ComplaintStatusTagsProps) {
  return (
    <>
      <Tag tone={complaintStatusTone(c.status)} solid>
        {c.statusLabel}
      </Tag>
      {c.deadlines.overdue ? (
        <Tag tone="danger" solid>
          已超期
        </Tag>
      ) : c.deadlines.dueSoon ? (
        <Tag tone="warning">即将到期</Tag>
      ) : null}
    </>
  );
}
