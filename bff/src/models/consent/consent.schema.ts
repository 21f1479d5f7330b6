import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { TEMPLATE_KEYS } from "@lushan/shared";

/**
 * What a user allowed for one subscribe-message template (WeChat counts per template id):
 * one-time consents add a credit each (one message per credit), a long-term consent is a standing
 * permission until the user turns it off. Credits are taken atomically when a message is sent.
 */
const consentSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    templateId: { type: String, required: true },
    template: { type: String, enum: TEMPLATE_KEYS, required: true },
    kind: { type: String, enum: ["one_time", "long_term"], required: true },
    credits: { type: Number, default: 0 },
    standing: { type: Boolean, default: false },
    lastResult: { type: String, enum: ["accept", "reject", "ban", "filter", null], default: null },
    lastResultAt: { type: Date, default: null },
  },
  { timestamps: true },
);

consentSchema.index({ userId: 1, templateId: 1 }, { unique: true });
// Fan-out reads the users who hold a consent for one template.
consentSchema.index({ templateId: 1, credits: 1 });

export type ConsentRecord = InferSchemaType<typeof consentSchema> & { _id: Types.ObjectId };
export const ConsentModel = model("Consent", consentSchema);
