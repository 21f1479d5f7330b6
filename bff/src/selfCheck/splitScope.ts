/** Parenthetical boilerplate of Chinese business-scope text (营业执照 经营范围). */
const BOILERPLATE = [
  /[（(][^）)]*依法须经批准[^）)]*[）)]/g,
  /[（(][^）)]*凭营业执照[^）)]*[）)]/g,
  /[（(][^）)]*以相关部门批准文件或许可证件为准[^）)]*[）)]/g,
  /具体经营项目以[^；;。\n]*为准/g,
  /(?:一般|许可)项目[:：]/g,
  /经营范围[:：]/g,
];

const MAX_ACTIVITIES = 50;
const MAX_ACTIVITY_LENGTH = 100;

/**
 * Splits a business scope as people write it into activities: by ；; 。 and line breaks, then by
 * ，, 、 unless that leaves a fragment of two characters or fewer ("广告设计、代理" stays whole).
 * Registration boilerplate is dropped; duplicates are removed.
 * @param scope the business scope text.
 * @returns the activities, in order.
 */
export function splitScope(scope: string): string[] {
  let text = scope;
  for (const re of BOILERPLATE) text = text.replace(re, "；");
  const out: string[] = [];
  for (const primary of text.split(/[；;。\n\r]+/)) {
    const piece = primary.trim().replace(/^[，,、\s]+|[，,、\s]+$/g, "");
    if (!piece) continue;
    const parts = piece.split(/[，,、]/).map((p) => p.trim()).filter(Boolean);
    if (parts.length > 1 && parts.every((p) => visible(p) > 2)) out.push(...parts.flatMap(splitConjunction));
    else out.push(...splitConjunction(piece));
  }
  const unique = [...new Set(out.map((a) => a.slice(0, MAX_ACTIVITY_LENGTH)))];
  return unique.slice(0, MAX_ACTIVITIES);
}

const visible = (p: string) => p.replace(/[（(][^）)]*[）)]/g, "").length;

/**
 * "理发及美容服务" → 理发, 美容服务: two activities joined by 及/和/与, when both sides are
 * words of their own (at least two characters) and no parenthetical remark spans the join.
 */
function splitConjunction(activity: string): string[] {
  if (/[（(]/.test(activity)) return [activity];
  const parts = activity.split(/[及和与]/).map((p) => p.trim());
  return parts.length > 1 && parts.every((p) => visible(p) >= 2) ? parts : [activity];
}

/** The activity without its parenthetical clarifications, which must not drive matching. */
export function coreOf(activity: string): string {
  return activity.replace(/[（(][^）)]*[）)]/g, "").trim();
}
