import type { ClientSession, Types } from "mongoose";
import type { Actor } from "../../types";
import { AuditLogModel } from "./auditLog.schema";

export interface AuditEntry {
  /** The acting user; absent for system jobs. */
  actor: Actor | null;
  /** Verb-noun, e.g. `complaint.disclose_contact`, `user.update`. */
  action: string;
  resourceType: string;
  resourceId: string;
  departmentId?: Types.ObjectId | null;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** The append-only audit trail. */
export const auditLogRepository = {
  async record(entry: AuditEntry, session?: ClientSession): Promise<void> {
    await AuditLogModel.create(
      [
        {
          actorId: entry.actor?.userId ?? null,
          actorRole: entry.actor?.role ?? "system",
          action: entry.action,
          resourceType: entry.resourceType,
          resourceId: entry.resourceId,
          departmentId: entry.departmentId ?? null,
          details: entry.details ?? {},
          requestId: entry.requestId ?? null,
        },
      ],
      { session },
    );
  },

  async forResource(resourceType: string, resourceId: string, limit = 100) {
    return AuditLogModel.find({ resourceType, resourceId }).sort({ at: -1 }).limit(limit).lean();
  },
};
