import type { Model } from "mongoose";

interface BulkWriteErrorLike {
  code?: number;
  writeErrors?: { code?: number; err?: { code?: number } }[] | { code?: number; err?: { code?: number } };
  result?: { insertedCount?: number };
  insertedCount?: number;
}

/**
 * Inserts documents in one unordered batch, skipping those that already exist (unique index,
 * error 11000). A replayed fan-out therefore writes only what the crashed run had not.
 * @param model the model whose collection receives the documents.
 * @param docs plain documents, already in their stored shape.
 * @returns how many were newly inserted.
 */
export async function insertIgnoringDuplicates<T>(model: Model<T>, docs: Record<string, unknown>[]): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    const res = await model.collection.insertMany(docs, { ordered: false });
    return res.insertedCount;
  } catch (raw) {
    const err = raw as BulkWriteErrorLike;
    const list = Array.isArray(err.writeErrors) ? err.writeErrors : err.writeErrors ? [err.writeErrors] : [];
    if (list.length === 0 || list.some((e) => (e.code ?? e.err?.code) !== 11000)) throw raw;
    return err.insertedCount ?? err.result?.insertedCount ?? docs.length - list.length;
  }
}
