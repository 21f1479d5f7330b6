import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * A WeChat access token shared by every BFF instance (per app id). The row doubles as the refresh
 * lock: only the instance holding the lease fetches a new token, so instances never race and
 * invalidate each other's tokens.
 */
const wechatTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    token: { type: String, default: null },
    expiresAt: { type: Date, default: null },
    leaseOwner: { type: String, default: null },
    leaseUntil: { type: Date, default: null },
  },
  { timestamps: true, _id: false },
);

export type WechatTokenRecord = InferSchemaType<typeof wechatTokenSchema> & { _id: string };

export const WechatTokenModel = model("WechatToken", wechatTokenSchema);
