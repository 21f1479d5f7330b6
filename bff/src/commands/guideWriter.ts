import { withTransaction } from "../db/transaction";
import { ValidationError } from "../errors";
import { localDepartmentCode } from "../list/departmentMapping";
import type { ListItemData } from "../list/listItem";
import { auditLogRepository } from "../models/auditLog/auditLog.repository";
import { departmentRepository } from "../models/department/department.repository";
import { GuideModel, type GuideRecord } from "../models/guide/guide.schema";
import { guidePolicy } from "../policies/guide";
import type { Actor } from "../types";

export interface GuideFields {
  title: string;
  materials: string[];
  process: string[];
  timeLimit: string;
  legalBasis: string[];
  promiseAcceptance: { applicable: boolean; note: string };
  toleranceAcceptance: { applicable: boolean; note: string };
}

/**
 * Creates or updates the guide a department keeps for an item. A department administrator writes
 * their own department's guide; a system administrator may name the department (default: the
 * item's handling department). Saving clears the review flag and bumps the version.
 * @returns the stored guide.
 */
export async function guideWriter(actor: Actor, item: ListItemData, departmentCode: string | undefined, fields: GuideFields, requestId?: string): Promise<GuideRecord> {
  let departmentId = actor.departmentId;
  if (actor.role === "admin") {
    const code = departmentCode ?? localDepartmentCode(item.departments);
    if (!code) throw ValidationError("该事项没有对应的庐山市承办部门，请用 department 参数指定部门");
    const dept = await departmentRepository.findByCode(code);
    if (!dept) throw ValidationError(`部门代码 ${code} 不存在`);
    departmentId = dept._id;
  }
  if (!departmentId) throw ValidationError("账号未关联部门");
  const mapped = localDepartmentCode(item.departments);
  const mappedDept = mapped ? await departmentRepository.findByCode(mapped) : null;
  const handles = Boolean(mappedDept?._id.equals(departmentId)) || Boolean(await GuideModel.exists({ itemCode: item.code, departmentId }));
  guidePolicy.authorize(actor, "update", { departmentId, handles });
  return withTransaction(async (session) => {
    const guide = await GuideModel.findOneAndUpdate(
      { itemCode: item.code, departmentId },
      { $set: { ...fields, needsReview: false, sample: false, updatedBy: actor.userId }, $inc: { version: 1 } },
      { upsert: true, returnDocument: "after", session },
    ).lean<GuideRecord>();
    await auditLogRepository.record(
      { actor, action: "guide.update", resourceType: "guide", resourceId: `${item.code}`, departmentId, details: { title: fields.title, version: guide!.version }, requestId },
      session,
    );
    return guide!;
  });
}
