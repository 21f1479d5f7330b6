import { Schema, model, type ClientSession } from "mongoose";

/** Named counters (daily ticket sequences, configuration versions). */
const counterSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, default: 0 } }, { _id: false, versionKey: false });

export const CounterModel = model("Counter", counterSchema);

/**
 * Increments a counter atomically (inside the caller's transaction, so an aborted write does not
 * use up a number).
 * @param name the counter.
 * @param session the transaction.
 * @param by how many numbers to take at once.
 * @returns the new value (the last of the numbers taken).
 */
export async function nextValue(name: string, session?: ClientSession, by = 1): Promise<number> {
  const doc = await CounterModel.collection.findOneAndUpdate({ _id: name } as never, { $inc: { seq: by } }, { upsert: true, returnDocument: "after", session });
  return (doc as unknown as { seq: number }).seq;
}

/** Reads a counter without changing it. */
export async function currentValue(name: string): Promise<number> {
  return (await CounterModel.findById(name).lean<{ seq: number }>())?.seq ?? 0;
}
