import type { DepartmentDetail, DepartmentSummary } from "@lushan/shared";
import type { DepartmentRecord } from "../models/department/department.schema";

/** A department as anyone may see it. */
export function presentDepartmentSummary(dept: DepartmentRecord): DepartmentSummary {
  return { id: dept._id.toHexString(), code: dept.code, name: dept.name, shortName: dept.shortName };
}

/** A department with its configuration, for administrators and coordinators. */
export function presentDepartmentDetail(dept: DepartmentRecord): DepartmentDetail {
  return {
    ...presentDepartmentSummary(dept),
    phone: dept.phone ?? null,
    active: dept.active,
    sample: dept.sample,
    order: dept.order,
    updatedAt: dept.updatedAt.toISOString(),
  };
}
