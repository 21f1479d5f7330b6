import type { TemplateKey } from "@lushan/shared";

/** What a notice says, independent of any template's field names. */
export interface NoticeFacts {
  /** The post title or the complaint's title. */
  title: string;
  at: Date;
  /** Policy category (政策发布提醒). */
  category?: string;
  /** A short remark (≤ 20 characters after formatting). */
  note?: string;
  /** Complaint ticket number and status phrase (≤ 5 Chinese characters). */
  ticketNo?: string;
  status?: string;
}

/**
 * The field layout of each subscribe-message template, in the order the keywords are chosen when
 * the template is added in the mini-program console (WeChat numbers the keys in that order).
 * Values are formatted to WeChat's limits by `templateData()` when sending.
 */
export const TEMPLATE_LAYOUTS: Record<TemplateKey, { keywords: string[]; values(f: NoticeFacts): Record<string, string> }> = {
  list_update: {
    keywords: ["更新内容 thing1", "更新时间 time2", "温馨提示 thing3"],
    values: (f) => ({ thing1: f.title, time2: f.at.toISOString(), thing3: f.note ?? "点击查看清单变化详情" }),
  },
  policy_update: {
    keywords: ["标题 thing1", "栏目 thing2", "发布时间 time3"],
    values: (f) => ({ thing1: f.title, thing2: f.category ?? "政策动态", time3: f.at.toISOString() }),
  },
  complaint_progress: {
    keywords: ["受理编号 character_string1", "投诉事项 thing2", "办理状态 phrase3", "更新时间 time4", "备注 thing5"],
    values: (f) => ({
      character_string1: f.ticketNo ?? "",
      thing2: f.title,
      phrase3: f.status ?? "有更新",
      time4: f.at.toISOString(),
      thing5: f.note ?? "点击查看办理详情",
    }),
  },
};
