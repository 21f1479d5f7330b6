import { readFileSync } from "node:fs";
import path from "node:path";

interface MappingFile {
  mapping: Record<string, string>;
  approvalCentre: string;
}

let cached: MappingFile | null = null;

function load(): MappingFile {
  cached ??= JSON.parse(readFileSync(path.resolve(__dirname, "../../data/department-mapping.json"), "utf8")) as MappingFile;
  return cached;
}

/**
 * The code of the 庐山市 department that handles an item, from its national 主管部门 (data in
 * `bff/data/department-mapping.json`; sample configuration until checked on deployment).
 * @param departments the item's national departments, in the list's order.
 * @returns the first mapped department code, or null when none is mapped.
 */
export function localDepartmentCode(departments: readonly string[]): string | null {
  const { mapping } = load();
  for (const d of departments) if (mapping[d]) return mapping[d];
  return null;
}

/** Where applications go when no department is mapped: the approval centre (政务服务中心). */
export function approvalCentreCode(): string {
  return load().approvalCentre;
}
