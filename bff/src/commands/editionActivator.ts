import type { Types } from "mongoose";
import { withTransaction } from "../db/transaction";
import { NotFoundError } from "../errors";
import { LIST_STATE_ID } from "../list/catalog";
import { diffEditions } from "../list/editionDiff";
import type { ListItemData } from "../list/listItem";
import { GuideModel } from "../models/guide/guide.schema";
import { ListEditionModel, ListStateModel, type ListEditionRecord } from "../models/listEdition/listEdition.schema";
import { ListItemModel } from "../models/listItem/listItem.schema";
import { emitEvents } from "../queues/events";

async function itemsOf(code: string): Promise<ListItemData[]> {
  const rows = await ListItemModel.find({ editionCode: code }).lean();
  return rows.map((r) => ({
    editionCode: r.editionCode,
    sample: r.sample,
    no: r.no,
    code: r.code,
    name: r.name,
    category: r.category as ListItemData["category"],
    industry: r.industry,
    measures: r.measures.map((m) => ({ text: m.text, local: m.local })),
    departments: r.departments,
    keywords: r.keywords,
  }));
}

export { itemsOf as editionItems };

/**
 * Makes an edition the active one in one transaction: the previous active edition is archived,
 * the shared version counter moves (every instance rebuilds its index), guides of changed or
 * removed items are flagged for review, and a `list.edition_activated` event is recorded for
 * 清单动态 and subscribers.
 * @param code the edition to activate.
 * @param actorId who did it.
 * @returns the activated edition and the previous one's code.
 */
export async function editionActivator(code: string, actorId: Types.ObjectId | null): Promise<{ edition: ListEditionRecord; previous: string | null }> {
  const target = await ListEditionModel.findOne({ code }).lean<ListEditionRecord>();
  if (!target) throw NotFoundError(`清单版本 ${code} 不存在`);
  const previous = await ListEditionModel.findOne({ status: "active" }).lean<ListEditionRecord>();
  if (previous?.code === code) return { edition: target, previous: null };
  const reviewCodes = new Set<string>();
  if (previous) {
    const diff = diffEditions(await itemsOf(previous.code), await itemsOf(code));
    for (const c of diff.changed) reviewCodes.add(c.code);
    for (const r of diff.removed) reviewCodes.add(r.code);
  }
  const edition = await withTransaction(async (session) => {
    if (previous) await ListEditionModel.updateOne({ _id: previous._id }, { $set: { status: "archived" } }, { session });
    const activated = await ListEditionModel.findOneAndUpdate(
      { _id: target._id },
      { $set: { status: "active", activatedAt: new Date(), activatedBy: actorId } },
      { returnDocument: "after", session },
    ).lean<ListEditionRecord>();
    await ListStateModel.updateOne({ _id: LIST_STATE_ID }, { $set: { activeEdition: code }, $inc: { version: 1 } }, { upsert: true, session });
    if (reviewCodes.size) await GuideModel.updateMany({ itemCode: { $in: [...reviewCodes] } }, { $set: { needsReview: true } }, { session });
    await emitEvents(
      [
        {
          name: "list.edition_activated",
          payload: { editionId: code, previousEditionId: previous?.code ?? null },
          actorId: actorId ? actorId.toHexString() : null,
        },
      ],
      session,
    );
    return activated!;
  });
  return { edition, previous: previous?.code ?? null };
}
