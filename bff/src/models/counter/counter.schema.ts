import { Schema, model, type ClientSession } from "mongoose";

/** Named counters (daily ticket sequences, configuration versions). */
const counterSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, default: 0 } }, { _id: false, versionKey: false });

export const CounterModel = model("Counter", counterSchema);

/**
 * Increments a counter atomically (inside the caller's transaction, so an aborted write does not
 * use up a number).
 * @param name the counter.
 * @param session the transaction.
 * @returns the new value.
 */
export async function nextValue(name: string, session?: ClientSession): Promise<number> {
  const doc = await CounterModel.findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: "after", session }).lean<{ seq: number }>();
  return doc!.seq;
}

/** Reads a counter without changing it. */
export async function currentValue(name: string): Promise<number> {
  return (await CounterModel.findById(name).lean<{ seq: number }>())?.seq ?? 0;
}
