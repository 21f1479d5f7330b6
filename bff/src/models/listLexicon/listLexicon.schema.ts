import { Schema, model, type InferSchemaType } from "mongoose";

export const LEXICON_ID = "lexicon";

/**
 * The search lexicon (synonym table) as administrators edit it: one document, replaced as a
 * whole and versioned. Until it exists the table shipped in `bff/data/search-synonyms.json` is used.
 */
const listLexiconSchema = new Schema(
  {
    _id: { type: String, required: true },
    groups: { type: [Schema.Types.Mixed], default: [] },
    entries: { type: Schema.Types.Mixed, default: {} },
    relatedEntries: { type: Schema.Types.Mixed, default: {} },
    version: { type: Number, default: 0 },
    updatedBy: { type: Schema.Types.ObjectId, ref: "User", default: null },
  },
  { timestamps: true, _id: false, minimize: false },
);

export type ListLexiconRecord = InferSchemaType<typeof listLexiconSchema> & { _id: string; updatedAt: Date };

export const ListLexiconModel = model("ListLexicon", listLexiconSchema);
