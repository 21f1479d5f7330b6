import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { ALL_ROLES } from "@lushan/shared";

/**
 * Append-only record of sensitive actions: disclosures of personal data, account changes,
 * configuration edits. Never updated or deleted by the application.
 */
const auditLogSchema = new Schema(
  {
    actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    actorRole: { type: String, enum: [...ALL_ROLES, "system"], required: true },
    action: { type: String, required: true },
    resourceType: { type: String, required: true },
    resourceId: { type: String, required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: "Department", default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    requestId: { type: String, default: null },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

auditLogSchema.index({ resourceType: 1, resourceId: 1, at: -1 });
auditLogSchema.index({ actorId: 1, at: -1 });
auditLogSchema.index({ at: -1 });

export type AuditLogRecord = InferSchemaType<typeof auditLogSchema> & { _id: Types.ObjectId };

export const AuditLogModel = model("AuditLog", auditLogSchema);
