import { Types } from "mongoose";
import { usersContract } from "@lushan/shared";
import { staffAccountCreator, staffAccountUpdater } from "../../commands/staffAccountWriter";
import { ValidationError } from "../../errors";
import { departmentRepository } from "../../models/department/department.repository";
import { userRepository } from "../../models/user/user.repository";
import { departmentScopeFor } from "../../policies/predicates";
import { presentStaffAccount } from "../../presenters/user";
import { register, type ApiRouter } from "../register";

/** Staff account administration. */
export function userRoutes(router: ApiRouter): void {
  register(router, usersContract.list, async (ctx) => {
    const actor = ctx.state.actor!;
    const { department, role, q, page, pageSize } = ctx.input.query;
    const scope = departmentScopeFor(actor);
    let departmentId: Types.ObjectId | undefined;
    if (department) {
      const dept = await departmentRepository.findByCode(department);
      if (!dept) throw ValidationError(`部门代码 ${department} 不存在`);
      departmentId = dept._id;
    }
    const { items, total } = await userRepository.listStaff(scope, { departmentId, role, q }, { page, pageSize });
    const depts = await departmentRepository.findByIds(items.flatMap((u) => (u.departmentId ? [u.departmentId] : [])));
    return {
      items: items.map((u) => presentStaffAccount(u, u.departmentId ? (depts.get(u.departmentId.toHexString()) ?? null) : null)),
      total,
      page,
      pageSize,
    };
  });

  register(router, usersContract.create, async (ctx) => {
    const user = await staffAccountCreator(ctx.state.actor!, ctx.input.body, ctx.state.requestId);
    const dept = user.departmentId ? await departmentRepository.findById(user.departmentId) : null;
    return presentStaffAccount(user, dept);
  });

  register(router, usersContract.update, async (ctx) => {
    const user = await staffAccountUpdater(
      ctx.state.actor!,
      new Types.ObjectId(ctx.input.params.id),
      ctx.input.body,
      ctx.state.requestId,
    );
    const dept = user.departmentId ? await departmentRepository.findById(user.departmentId) : null;
    return presentStaffAccount(user, dept);
  });
}
