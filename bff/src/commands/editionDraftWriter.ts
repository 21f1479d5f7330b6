import type { Types } from "mongoose";
import { withTransaction } from "../db/transaction";
import { AppError } from "../errors";
import { ListEditionModel, type ListEditionRecord } from "../models/listEdition/listEdition.schema";
import { ListItemModel } from "../models/listItem/listItem.schema";
import type { ListItemData } from "../list/listItem";

export interface DraftInput {
  code: string;
  title: string;
  items: Omit<ListItemData, "editionCode" | "sample">[];
  sample?: boolean;
  notice?: string | null;
  source?: string | null;
  actorId?: Types.ObjectId | null;
}

/**
 * Writes an edition as a draft, replacing a previous draft of the same code. Items that lack
 * everyday keywords or an industry (the official table has neither) inherit them from the same
 * 事项编码 in earlier editions, so search keeps working after an official import.
 * @param input the edition and its items.
 * @returns the stored edition.
 */
export async function editionDraftWriter(input: DraftInput): Promise<ListEditionRecord> {
  const existing = await ListEditionModel.findOne({ code: input.code }).lean<ListEditionRecord>();
  if (existing?.status === "active") {
    throw new AppError(409, "edition_active", `版本 ${input.code} 正在使用中，不能覆盖；请使用新的版本代码`);
  }
  const codes = input.items.map((i) => i.code);
  const earlier = await ListItemModel.find({ code: { $in: codes }, editionCode: { $ne: input.code } }, { code: 1, keywords: 1, industry: 1, updatedAt: 1 })
    .lean();
  const inherit = new Map<string, { keywords: string[]; industry: string }>();
  for (const e of earlier.sort((a, b) => (a.updatedAt?.getTime() ?? 0) - (b.updatedAt?.getTime() ?? 0))) {
    inherit.set(e.code, { keywords: e.keywords, industry: e.industry });
  }
  const sample = input.sample ?? false;
  const docs = input.items.map((item) => {
    const prev = inherit.get(item.code);
    return {
      ...item,
      editionCode: input.code,
      sample,
      keywords: item.keywords.length ? item.keywords : (prev?.keywords ?? []),
      industry: item.industry && item.industry !== "未分类" ? item.industry : (prev?.industry ?? "未分类"),
    };
  });
  return withTransaction(async (session) => {
    await ListItemModel.deleteMany({ editionCode: input.code }, { session });
    for (let i = 0; i < docs.length; i += 500) {
      await ListItemModel.insertMany(docs.slice(i, i + 500), { session });
    }
    const edition = await ListEditionModel.findOneAndUpdate(
      { code: input.code },
      {
        $set: {
          title: input.title,
          status: "draft",
          sample,
          notice: input.notice ?? null,
          source: input.source ?? null,
          itemCount: docs.length,
          importedBy: input.actorId ?? null,
        },
      },
      { upsert: true, returnDocument: "after", session },
    ).lean<ListEditionRecord>();
    return edition!;
  });
}
