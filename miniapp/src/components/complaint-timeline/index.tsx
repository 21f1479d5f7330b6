import type { ComplaintView } from "@lushan/shared/schemas/complaint";
import { Timeline } from "@/components/steps";
import { formatDate } from "@/utils/format";

export interface ComplaintTimelineProps {
  /** 额外的类名 */
  className?: string;
  /** 投诉的办理记录（先后顺序） */
  entries: ComplaintView["timeline"];
}

/** 投诉的办理记录：每条显示“动作 · 办理人”、时间和说明，最后一条为当前进度。 */
export function ComplaintTimeline({ className, entries }: ComplaintTimelineProps) {
  return (
    <Timeline
      className={className}
      entries={entries.map((t, i) => ({
        key: `${i}-${t.at}`,
        title: `${t.actionLabel} · ${t.actor}`,
        time: formatDate(t.at, true),
        description: t.note ?? undefined,
      }))}
    />
  );
}
