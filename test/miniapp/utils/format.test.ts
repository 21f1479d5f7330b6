import { formatDate, formatRelative } from "@/utils/format";

describe("formatDate", () => {
  it("reads dates in Beijing time whatever the zone of the instant", () => {
    expect(formatDate("2026-11-23T16:30:00Z")).toBe("2026年11月24日");
    expect(formatDate("2026-11-24T09:05:00+08:00", true)).toBe("2026年11月24日 09:05");
    expect(formatDate(null)).toBe("");
    expect(formatDate("不是日期")).toBe("");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-11-24T12:00:00+08:00");
  it("says how long ago in plain words", () => {
    expect(formatRelative("2026-11-24T11:59:40+08:00", now)).toBe("刚刚");
    expect(formatRelative("2026-11-24T11:15:00+08:00", now)).toBe("45分钟前");
    expect(formatRelative("2026-11-24T02:00:00+08:00", now)).toBe("10小时前");
    expect(formatRelative("2026-11-23T09:00:00+08:00", now)).toBe("昨天");
    expect(formatRelative("2026-11-20T09:00:00+08:00", now)).toBe("2026年11月20日");
  });
});
