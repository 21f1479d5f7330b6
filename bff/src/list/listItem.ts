/** The two kinds of list items. */
export const LIST_CATEGORIES = ["禁止准入类", "许可准入类"] as const;
export type ListCategory = (typeof LIST_CATEGORIES)[number];

export interface Measure {
  text: string;
  /** 地方性许可事项 (local measure) rather than a national one. */
  local: boolean;
}

/** One item of a list edition, as searched and presented (plain data, no database types). */
export interface ListItemData {
  editionCode: string;
  /** Items of the sample edition are demonstration data, never the official text. */
  sample: boolean;
  /** 项目号 */
  no: number;
  /** 事项编码 */
  code: string;
  /** 禁止或许可事项 */
  name: string;
  category: ListCategory;
  industry: string;
  /** 禁止或许可准入措施描述 */
  measures: Measure[];
  /** 主管部门 (national) */
  departments: string[];
  keywords: string[];
  note?: string;
}
