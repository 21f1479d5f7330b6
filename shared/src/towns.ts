/**
 * Towns and townships of 庐山市 (9 镇、1 乡，另有林场和管理处), used to locate complaints and in
 * routing rules. Sample configuration: check against the current administrative division on
 * deployment.
 */
export const TOWNS = [
  "南康镇",
  "白鹿镇",
  "温泉镇",
  "华林镇",
  "横塘镇",
  "蛟塘镇",
  "蓼花镇",
  "海会镇",
  "牯岭镇",
  "蓼南乡",
  "东牯山林场",
  "沙湖山管理处",
  "其他或不确定",
] as const;

export type Town = (typeof TOWNS)[number];
