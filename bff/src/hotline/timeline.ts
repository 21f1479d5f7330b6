import type { ClientSession, Types } from "mongoose";
import { timelineEntry, type TimelineInput } from "../complaints/dispatcher";
import { complaintRepository } from "../models/complaint/complaint.repository";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";

/**
 * Appends a note to a complaint's timeline without changing its status (e.g. 已推送12345),
 * re-reading when a concurrent change moved the version on.
 * @param complaintId the complaint.
 * @param input the entry (from/to are the complaint's current status).
 * @param session the transaction, if any.
 * @returns the complaint after, or null when it does not exist.
 */
export async function appendTimeline(
  complaintId: Types.ObjectId,
  input: Omit<TimelineInput, "from" | "to">,
  session?: ClientSession,
): Promise<ComplaintRecord | null> {
  for (let i = 0; i < 5; i++) {
    const c = await complaintRepository.findById(complaintId, session);
    if (!c) return null;
    const updated = await complaintRepository.update(c, { $push: { timeline: timelineEntry({ ...input, from: c.status, to: c.status }) } }, session);
    if (updated) return updated;
  }
  throw new Error(`投诉 ${complaintId.toHexString()} 持续被修改，未能记录办理过程`);
}
