import { complaintsContract } from "@lushan/shared";
import { complaintCreator } from "../../commands/complaintCreator";
import { complaintTransitioner, loadVisibleComplaint } from "../../commands/complaintTransitioner";
import { presentContextFor } from "../../complaints/presentContext";
import { complaintRepository } from "../../models/complaint/complaint.repository";
import { presentComplaintForOwner, presentComplaintListItem } from "../../presenters/complaint";
import { register, type ApiRouter } from "../register";

/** The complainant's side: file, follow, supplement, rate, withdraw. */
export function complaintRoutes(router: ApiRouter): void {
  register(router, complaintsContract.create, async (ctx) => {
    const created = await complaintCreator(ctx.state.actor!, ctx.input.body, ctx, ctx.input.headers["idempotency-key"]);
    ctx.set("Location", `/api/v1/complaints/${created.ticketNo}`);
    return created;
  });

  register(router, complaintsContract.mine, async (ctx) => {
    const actor = ctx.state.actor!;
    const { page, pageSize } = ctx.input.query;
    const { rows, total } = await complaintRepository.listForOwner(actor.userId, page, pageSize);
    const pctx = await presentContextFor(ctx.services, rows, false);
    return { items: rows.map((c) => presentComplaintListItem(c, pctx, actor)), total, page, pageSize };
  });

  register(router, complaintsContract.get, async (ctx) => {
    const { complaint } = await loadVisibleComplaint(ctx.state.actor!, ctx.input.params.ticketNo);
    return presentComplaintForOwner(complaint, await presentContextFor(ctx.services, [complaint]));
  });

  register(router, complaintsContract.rate, async (ctx) => {
    const c = await complaintTransitioner(ctx.state.actor!, ctx.input.params.ticketNo, { action: "rate", ...ctx.input.body }, ctx);
    return presentComplaintForOwner(c, await presentContextFor(ctx.services, [c]));
  });

  register(router, complaintsContract.supplement, async (ctx) => {
    const input = { action: "supplement" as const, ...ctx.input.body, idempotencyKey: ctx.input.headers["idempotency-key"] };
    const c = await complaintTransitioner(ctx.state.actor!, ctx.input.params.ticketNo, input, ctx);
    return presentComplaintForOwner(c, await presentContextFor(ctx.services, [c]));
  });

  register(router, complaintsContract.withdraw, async (ctx) => {
    const c = await complaintTransitioner(ctx.state.actor!, ctx.input.params.ticketNo, { action: "withdraw", reason: ctx.input.body.reason }, ctx);
    return presentComplaintForOwner(c, await presentContextFor(ctx.services, [c]));
  });
}
