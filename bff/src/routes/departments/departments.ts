import { departmentsContract } from "@lushan/shared";
import { withTransaction } from "../../db/transaction";
import { DuplicateError, NotFoundError } from "../../errors";
import { auditLogRepository } from "../../models/auditLog/auditLog.repository";
import { departmentRepository } from "../../models/department/department.repository";
import { departmentPolicy } from "../../policies/department";
import { presentDepartmentDetail, presentDepartmentSummary } from "../../presenters/department";
import { register, type ApiRouter } from "../register";

/** The public department list and its administration. */
export function departmentRoutes(router: ApiRouter): void {
  register(router, departmentsContract.list, async () => {
    const items = await departmentRepository.list({ activeOnly: true });
    return { items: items.map(presentDepartmentSummary) };
  });

  register(router, departmentsContract.adminList, async (ctx) => {
    departmentPolicy.authorize(ctx.state.actor!, "read", null);
    const items = await departmentRepository.list();
    return { items: items.map(presentDepartmentDetail) };
  });

  register(router, departmentsContract.create, async (ctx) => {
    const actor = ctx.state.actor!;
    departmentPolicy.authorize(actor, "manage", null);
    const body = ctx.input.body;
    if (await departmentRepository.findByCode(body.code)) throw DuplicateError(`部门代码 ${body.code} 已存在`);
    const dept = await withTransaction(async (session) => {
      const created = await departmentRepository.create({ ...body, sample: false }, session);
      await auditLogRepository.record(
        { actor, action: "department.create", resourceType: "department", resourceId: body.code, details: body, requestId: ctx.state.requestId },
        session,
      );
      return created;
    });
    return presentDepartmentDetail(dept);
  });

  register(router, departmentsContract.update, async (ctx) => {
    const actor = ctx.state.actor!;
    departmentPolicy.authorize(actor, "manage", null);
    const { code } = ctx.input.params;
    const dept = await withTransaction(async (session) => {
      const updated = await departmentRepository.update(code, ctx.input.body, session);
      if (!updated) throw NotFoundError("部门不存在");
      await auditLogRepository.record(
        { actor, action: "department.update", resourceType: "department", resourceId: code, details: ctx.input.body, requestId: ctx.state.requestId },
        session,
      );
      return updated;
    });
    return presentDepartmentDetail(dept);
  });
}
