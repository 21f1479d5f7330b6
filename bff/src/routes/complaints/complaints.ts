import { complaintsContract } from "@lushan/shared";
import { complaintCreator } from "../../commands/complaintCreator";
import { complaintTransitioner, loadVisibleComplaint } from "../../commands/complaintTransitioner";
import { presentContextFor } from "../../complaints/presentContext";
import { ComplaintModel, type ComplaintRecord } from "../../models/complaint/complaint.schema";
import { presentComplaintForOwner, presentComplaintListItem } from "../../presenters/complaint";
import { register, type ApiRouter } from "../register";

/** The complainant's side: file, follow, supplement, rate, withdraw. */
export function complaintRoutes(router: ApiRouter): void {
  register(router, complaintsContract.create, async (ctx) => {
    const result = await complaintCreator(ctx.state.actor!, ctx.input.body, ctx.services, ctx.input.headers["idempotency-key"]);
    ctx.set("Location", `/api/v1/complaints/${result.body.ticketNo}`);
    return result.body;
  });

  register(router, complaintsContract.mine, async (ctx) => {
    const actor = ctx.state.actor!;
    const { page, pageSize } = ctx.input.query;
    const filter = { $or: [{ ownerId: actor.userId }, { followerIds: actor.userId }] };
    const [rows, total] = await Promise.all([
      ComplaintModel.find(filter).sort({ createdAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<ComplaintRecord[]>(),
      ComplaintModel.countDocuments(filter),
    ]);
    const pctx = await presentContextFor(ctx.services, rows);
    return { items: rows.map((c) => presentComplaintListItem(c, pctx, "owner")), total, page, pageSize };
  });

  register(router, complaintsContract.get, async (ctx) => {
    const { complaint, relation } = await loadVisibleComplaint(ctx.state.actor!, ctx.input.params.ticketNo);
    if (relation !== "owner") throw new Error("unreachable: citizens only see their own complaints");
    return presentComplaintForOwner(complaint, await presentContextFor(ctx.services, [complaint]));
  });

  register(router, complaintsContract.rate, async (ctx) => {
    const { rating, comment } = ctx.input.body;
    const c = await complaintTransitioner(ctx.state.actor!, ctx.input.params.ticketNo, { action: "rate", rating, comment }, ctx.services);
    return presentComplaintForOwner(c, await presentContextFor(ctx.services, [c]));
  });

  register(router, complaintsContract.supplement, async (ctx) => {
    const c = await complaintTransitioner(ctx.state.actor!, ctx.input.params.ticketNo, { action: "supplement", ...ctx.input.body }, ctx.services);
    return presentComplaintForOwner(c, await presentContextFor(ctx.services, [c]));
  });

  register(router, complaintsContract.withdraw, async (ctx) => {
    const c = await complaintTransitioner(ctx.state.actor!, ctx.input.params.ticketNo, { action: "withdraw", reason: ctx.input.body.reason }, ctx.services);
    return presentComplaintForOwner(c, await presentContextFor(ctx.services, [c]));
  });
}
