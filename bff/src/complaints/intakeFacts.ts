import type { Types } from "mongoose";
import { ValidationError } from "../errors";
import type { ListItemData } from "../list/listItem";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { Services } from "../services";

export interface IntakeFacts {
  item: ListItemData | null;
  departments: Map<string, DepartmentRecord>;
  accusedDepartmentId: Types.ObjectId | null;
}

/**
 * What a complaint's codes refer to: the list item in the active edition and the department
 * complained about. Unknown codes are a 400 naming the field.
 * @param input the item code and the accused department's code, if given.
 * @param services the list catalog (cached editions and departments).
 * @returns the item, the departments by code and the accused department's id.
 */
export async function resolveIntakeFacts(input: { listItemCode: string | null; accusedDepartment?: string }, services: Services): Promise<IntakeFacts> {
  let item: ListItemData | null = null;
  if (input.listItemCode) {
    const entry = await services.list.getActive();
    item = entry.byCode.get(input.listItemCode) ?? null;
    if (!item) throw ValidationError(`事项编码 ${input.listItemCode} 不在现行清单中`, [{ path: "body.listItemCode", message: "不在现行清单中" }]);
  }
  const departments = await services.list.departmentsByCode();
  let accusedDepartmentId: Types.ObjectId | null = null;
  if (input.accusedDepartment) {
    const d = departments.get(input.accusedDepartment);
    if (!d) throw ValidationError(`部门代码 ${input.accusedDepartment} 不存在`, [{ path: "body.accusedDepartment", message: "部门不存在" }]);
    accusedDepartmentId = d._id;
  }
  return { item, departments, accusedDepartmentId };
}
