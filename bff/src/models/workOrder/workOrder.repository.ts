import type { ClientSession, Types } from "mongoose";
import { WorkOrderModel, type WorkOrderRecord } from "./workOrder.schema";

/** What the 12345 platform receives for a complaint (a snapshot taken when the order is written). */
export interface WorkOrderPayload {
  ticketNo: string;
  title: string;
  content: string;
  category: { code: string; name: string };
  town: string;
  accused: string;
  channel: "miniapp" | "phone";
  confidential: boolean;
  /** Withheld (null) when the complainant asked for confidentiality. */
  requester: { name: string; phone: string } | null;
  department: { code: string; name: string } | null;
  listItem: { code: string; name: string } | null;
  createdAt: string;
}

/** The 12345 work-order outbox. Delivery (dispatcher, callbacks, operator queue) belongs to the hotline module. */
export const workOrderRepository = {
  /**
   * Writes the work order of a complaint in the caller's transaction, once per ticket (a second
   * call, e.g. after a transfer, leaves the existing record and its delivery state alone).
   * @param complaintId the complaint.
   * @param payload the snapshot sent to the platform.
   * @param session the transaction of the complaint's state change.
   */
  async createOnce(complaintId: Types.ObjectId, payload: WorkOrderPayload, session: ClientSession): Promise<void> {
    await WorkOrderModel.updateOne(
      { ticketNo: payload.ticketNo },
      { $setOnInsert: { ticketNo: payload.ticketNo, complaintId, payload, deliveryState: "pending", attempts: 0, nextAttemptAt: new Date() } },
      { upsert: true, session },
    );
  },

  /**
   * Inserts the work orders of newly numbered complaints (there can be none for them yet).
   * @param orders the complaints and their payloads.
   * @param session the intake transaction.
   */
  async insertNew(orders: { complaintId: Types.ObjectId; payload: WorkOrderPayload }[], session: ClientSession): Promise<void> {
    const now = new Date();
    await WorkOrderModel.collection.insertMany(
      orders.map(({ complaintId, payload }) => ({
        ticketNo: payload.ticketNo,
        complaintId,
        payload,
        deliveryState: "pending",
        attempts: 0,
        nextAttemptAt: now,
        leaseOwner: null,
        leaseUntil: null,
        externalId: null,
        externalStatus: null,
        lastError: null,
        deliveredAt: null,
        claimedBy: null,
        acknowledgedAt: null,
        createdAt: now,
        updatedAt: now,
      })) as never[],
      { session, ordered: true },
    );
  },

  async findByComplaintId(complaintId: Types.ObjectId): Promise<WorkOrderRecord | null> {
    return WorkOrderModel.findOne({ complaintId }).lean<WorkOrderRecord>();
  },

  async findByTicketNo(ticketNo: string): Promise<WorkOrderRecord | null> {
    return WorkOrderModel.findOne({ ticketNo }).lean<WorkOrderRecord>();
  },
};
