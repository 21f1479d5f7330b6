import { rectificationsContract, staffRectificationsContract } from "@lushan/shared";
import { rectificationCreator, rectificationTransitioner, rectificationUpdater } from "../../commands/rectificationWriter";
import { NotFoundError } from "../../errors";
import { departmentRepository } from "../../models/department/department.repository";
import type { RectificationRecord } from "../../models/rectification/rectification.schema";
import { rectificationRepository } from "../../models/rectification/rectification.repository";
import { departmentScopeFor } from "../../policies/predicates";
import { rectificationPolicy } from "../../policies/rectification";
import { presentPublicRectification, presentRectification, presentRectificationListItem } from "../../presenters/rectification";
import type { Actor } from "../../types";
import { register, type ApiRouter } from "../register";

async function present(actor: Actor, t: RectificationRecord) {
  return presentRectification(t, await departmentRepository.findByIds([t.departmentId]), abilities(actor, t));
}

function abilities(actor: Actor, t: RectificationRecord) {
  const { read: _read, ...rest } = rectificationPolicy.abilities(actor, t);
  return rest;
}

/** The rectification ledger (workbench) and the public board of signed-off items. */
export function rectificationRoutes(router: ApiRouter): void {
  register(router, rectificationsContract.board, async (ctx) => {
    const { page, pageSize, department } = ctx.input.query;
    let departmentId = null;
    if (department) {
      const d = await departmentRepository.findByCode(department);
      if (!d) return { items: [], total: 0, page, pageSize };
      departmentId = d._id;
    }
    const { rows, total } = await rectificationRepository.listDone(departmentId, page, pageSize);
    const departments = await departmentRepository.findByIds(rows.map((t) => t.departmentId));
    return { items: rows.map((t) => presentPublicRectification(t, departments)), total, page, pageSize };
  });

  register(router, staffRectificationsContract.list, async (ctx) => {
    const actor = ctx.state.actor!;
    const scope = departmentScopeFor(actor);
    const { page, pageSize, department, ...filters } = ctx.input.query;
    let departmentId;
    if (department && scope.kind === "all") {
      const d = await departmentRepository.findByCode(department);
      if (!d) return { items: [], total: 0, page, pageSize, counts: await rectificationRepository.counts(scope) };
      departmentId = d._id;
    }
    const now = new Date();
    const [{ rows, total }, counts] = await Promise.all([rectificationRepository.list(scope, { ...filters, departmentId }, page, pageSize, now), rectificationRepository.counts(scope, now)]);
    const departments = await departmentRepository.findByIds(rows.map((t) => t.departmentId));
    return { items: rows.map((t) => presentRectificationListItem(t, departments, abilities(actor, t), now)), total, page, pageSize, counts };
  });

  register(router, staffRectificationsContract.get, async (ctx) => {
    const actor = ctx.state.actor!;
    const t = await rectificationRepository.findById(ctx.input.params.id);
    if (!t) throw NotFoundError("整改事项不存在");
    rectificationPolicy.authorize(actor, "read", t, { hide: true });
    return present(actor, t);
  });

  register(router, staffRectificationsContract.create, async (ctx) => present(ctx.state.actor!, await rectificationCreator(ctx.state.actor!, ctx.input.body, ctx.state.requestId)));

  register(router, staffRectificationsContract.update, async (ctx) =>
    present(ctx.state.actor!, await rectificationUpdater(ctx.state.actor!, ctx.input.params.id, ctx.input.body, ctx.state.requestId)),
  );

  register(router, staffRectificationsContract.act, async (ctx) =>
    present(ctx.state.actor!, await rectificationTransitioner(ctx.state.actor!, ctx.input.params.id, ctx.input.body, ctx.state.requestId)),
  );
}
