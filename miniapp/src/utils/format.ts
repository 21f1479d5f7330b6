function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A date as people read it in China, in Beijing time whatever the phone's zone.
 * @param iso an ISO 8601 instant.
 * @param withTime add hours and minutes.
 * @returns e.g. `2026年11月24日` or `2026年11月24日 09:30`; empty for missing or bad input.
 */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms + 8 * 3600_000);
  const day = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

/**
 * A short relative time for feeds and messages: 刚刚, 5分钟前, 3小时前, 昨天, else the date.
 * @param iso an ISO 8601 instant.
 * @param now the current time (for tests).
 * @returns the label.
 */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const minutes = Math.floor((now - ms) / 60_000);
  if (minutes < 1) return "刚刚";
  if (minutes < 60) return `${minutes}分钟前`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}小时前`;
  const day = (t: number) => Math.floor((t + 8 * 3600_000) / 86_400_000);
  if (day(now) - day(ms) === 1) return "昨天";
  return formatDate(iso);
}
