import type { Types } from "mongoose";
import { ComplaintModel } from "../models/complaint/complaint.schema";
import { ListEditionModel, type ListEditionRecord } from "../models/listEdition/listEdition.schema";
import { scopeFilter, type DepartmentScope } from "../models/scope";

/** What the statistics read of a complaint (the timeline only as actions, targets and times). */
export interface StatsComplaint {
  _id: Types.ObjectId;
  departmentId: Types.ObjectId | null;
  status: string;
  barrierType: string;
  complex: boolean;
  reopenCount: number;
  closeReason: string | null;
  rating: { value: string } | null;
  createdAt: Date;
  closedAt: Date | null;
  timeline: { at: Date; action: string; to: string | null }[];
}

/** Complaint reads for the efficiency statistics, limited to the caller's department scope. */
export const statsRepository = {
  /**
   * Complaints submitted in [from, to], by the department handling them now.
   * @param scope the caller's scope.
   * @param from first instant.
   * @param to last instant.
   * @returns plain records with the fields the figures need.
   */
  async complaintsSubmittedBetween(scope: DepartmentScope, from: Date, to: Date): Promise<StatsComplaint[]> {
    return ComplaintModel.find(
      { ...scopeFilter(scope), createdAt: { $gte: from, $lte: to } } as never,
      { departmentId: 1, status: 1, barrierType: 1, complex: 1, reopenCount: 1, closeReason: 1, rating: 1, createdAt: 1, closedAt: 1, "timeline.at": 1, "timeline.action": 1, "timeline.to": 1 },
    ).lean<StatsComplaint[]>();
  },

  /** Published list editions (active and archived; drafts are not public), newest first. */
  async publishedEditions(): Promise<ListEditionRecord[]> {
    return ListEditionModel.find({ status: { $ne: "draft" } }).sort({ createdAt: -1 }).lean<ListEditionRecord[]>();
  },
};
