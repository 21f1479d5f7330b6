import { casesContract, staffCasesContract } from "@lushan/shared";
import { checkAnonymity } from "../../cases/anonymity";
import { privateFactsOfCase } from "../../cases/privateFacts";
import { caseEditor, caseProposer } from "../../commands/caseWriter";
import { casePublisher, caseRejecter, caseUnpublisher, checkCase } from "../../commands/casePublisher";
import { NotFoundError } from "../../errors";
import { departmentRepository } from "../../models/department/department.repository";
import type { TypicalCaseRecord } from "../../models/typicalCase/typicalCase.schema";
import { typicalCaseRepository } from "../../models/typicalCase/typicalCase.repository";
import { departmentScopeFor } from "../../policies/predicates";
import { casePolicy } from "../../policies/typicalCase";
import { presentCaseDetail, presentCaseSummary, presentStaffCase, presentStaffCaseListItem } from "../../presenters/typicalCase";
import type { Actor } from "../../types";
import { register, type ApiRouter } from "../register";

async function present(actor: Actor, c: TypicalCaseRecord) {
  const departments = await departmentRepository.findByIds(c.departmentId ? [c.departmentId] : []);
  return presentStaffCase(c, departments, await checkCase(c), casePolicy.abilities(actor, c));
}

async function loadVisible(actor: Actor, id: string): Promise<TypicalCaseRecord> {
  const c = await typicalCaseRepository.findById(id);
  if (!c) throw NotFoundError("案例不存在");
  casePolicy.authorize(actor, "read", c, { hide: true });
  return c;
}

/** The public case library and the case workbench. */
export function caseRoutes(router: ApiRouter): void {
  register(router, casesContract.list, async (ctx) => {
    const { page, pageSize, ...filters } = ctx.input.query;
    const { rows, total } = await typicalCaseRepository.listPublished(filters, page, pageSize);
    return { items: rows.map(presentCaseSummary), total, page, pageSize };
  });

  register(router, casesContract.get, async (ctx) => {
    const c = await typicalCaseRepository.findPublished(ctx.input.params.id);
    if (!c) throw NotFoundError("该案例不存在或已撤下");
    return presentCaseDetail(c);
  });

  register(router, staffCasesContract.list, async (ctx) => {
    const actor = ctx.state.actor!;
    const { page, pageSize, ...filters } = ctx.input.query;
    const { rows, total } = await typicalCaseRepository.listForStaff(departmentScopeFor(actor), filters, page, pageSize);
    const departments = await departmentRepository.findByIds(rows.flatMap((c) => (c.departmentId ? [c.departmentId] : [])));
    return { items: rows.map((c) => presentStaffCaseListItem(c, departments, casePolicy.abilities(actor, c))), total, page, pageSize };
  });

  register(router, staffCasesContract.get, async (ctx) => present(ctx.state.actor!, await loadVisible(ctx.state.actor!, ctx.input.params.id)));

  register(router, staffCasesContract.propose, async (ctx) => present(ctx.state.actor!, await caseProposer(ctx.state.actor!, ctx.input.body, ctx.state.requestId)));

  register(router, staffCasesContract.update, async (ctx) => present(ctx.state.actor!, await caseEditor(ctx.state.actor!, ctx.input.params.id, ctx.input.body, ctx.state.requestId)));

  register(router, staffCasesContract.check, async (ctx) => {
    const actor = ctx.state.actor!;
    const c = await loadVisible(actor, ctx.input.params.id);
    const draft = ctx.input.body;
    return checkAnonymity(
      {
        title: draft.title ?? c.title,
        summary: draft.summary ?? c.summary,
        handling: draft.handling === undefined ? c.handling : draft.handling,
        lesson: draft.lesson === undefined ? c.lesson : draft.lesson,
        authority: draft.authority === undefined ? c.authority : draft.authority,
      },
      await privateFactsOfCase(c),
    );
  });

  register(router, staffCasesContract.publish, async (ctx) =>
    present(ctx.state.actor!, await casePublisher(ctx.state.actor!, ctx.input.params.id, ctx.input.body.expectedVersion, ctx.services, ctx.state.requestId)),
  );

  register(router, staffCasesContract.unpublish, async (ctx) =>
    present(ctx.state.actor!, await caseUnpublisher(ctx.state.actor!, ctx.input.params.id, ctx.input.body.reason, ctx.services, ctx.state.requestId)),
  );

  register(router, staffCasesContract.reject, async (ctx) => present(ctx.state.actor!, await caseRejecter(ctx.state.actor!, ctx.input.params.id, ctx.input.body.reason, ctx.state.requestId)));
}
