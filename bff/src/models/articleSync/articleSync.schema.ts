import { Schema, model, type InferSchemaType } from "mongoose";

/** Where the 庐山发布 sync stands: the newest update time seen and the last full pass. */
const articleSyncSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** Newest `update_time` seen (unix seconds); incremental runs stop below it. */
    watermark: { type: Number, default: 0 },
    lastFullAt: { type: Date, default: null },
    lastRunAt: { type: Date, default: null },
    lastError: { type: String, default: null },
    runs: { type: Number, default: 0 },
  },
  { timestamps: true, _id: false },
);

export type ArticleSyncRecord = InferSchemaType<typeof articleSyncSchema> & { _id: string };
export const ArticleSyncModel = model("ArticleSync", articleSyncSchema);
