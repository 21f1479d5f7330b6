import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * The stored answer to a request made with an Idempotency-Key: a retry with the same key and body
 * gets the same answer; the same key with another body is refused. Expires after a day.
 */
const idempotencySchema = new Schema(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    status: { type: Number, required: true },
    body: { type: Schema.Types.Mixed, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, _id: false },
);

idempotencySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type IdempotencyRecord = InferSchemaType<typeof idempotencySchema> & { _id: string };

export const IdempotencyModel = model("Idempotency", idempotencySchema);
