import type { z } from "zod";
import type {
  ComplaintActionBody,
  ComplaintCreateInput,
  RatingBody,
  StaffComplaintsQuery,
} from "@lushan/shared/schemas/complaint";
import { api } from "./api";
import { call } from "./request";

/** A lifecycle action as the form sends it (defaults such as `coDepartments` may be left out). */
export type ComplaintActionRequest = z.input<typeof ComplaintActionBody>;

/** Filters of the staff queue (status, overdue, queue, search). */
export type StaffComplaintFilters = Omit<z.input<typeof StaffComplaintsQuery>, "page" | "pageSize">;

/**
 * Files a complaint. Send the same `idempotencyKey` on every retry of one draft: the BFF then
 * creates one complaint however often the request is repeated (a lost answer, a second tap).
 * @param body the complaint as the contract takes it.
 * @param idempotencyKey the draft's key (8–64 of A–Z a–z 0–9 _ -).
 * @returns the ticket number, routing and how to follow it.
 */
export function createComplaint(body: ComplaintCreateInput, idempotencyKey: string) {
  return call(api.complaints.create, {
    body,
    headers: { "Idempotency-Key": idempotencyKey },
    timeout: 20_000,
  });
}

/**
 * The signed-in citizen's complaints, newest first.
 * @param page 1-based page.
 * @returns one page of complaints.
 */
export function listMyComplaints(page = 1) {
  return call(api.complaints.mine, { query: { page, pageSize: 20 } });
}

/**
 * One of my complaints with timeline, reply, supplements and what I may do now.
 * @param ticketNo the ticket number.
 * @returns the complaint.
 */
export function getMyComplaint(ticketNo: string) {
  return call(api.complaints.get, { params: { ticketNo } });
}

/**
 * Rates the reply. 满意/基本满意 close the case; 不满意 sends it back to the department.
 * @param ticketNo the ticket number.
 * @param body rating and optional comment.
 * @returns the updated complaint.
 */
export function rateComplaint(ticketNo: string, body: z.input<typeof RatingBody>) {
  return call(api.complaints.rate, { params: { ticketNo }, body });
}

/**
 * Adds a supplement (text and optional photos); retries with the same key count once.
 * @param ticketNo the ticket number.
 * @param body text and upload ids.
 * @param idempotencyKey one key per supplement being sent.
 * @returns the updated complaint.
 */
export function supplementComplaint(
  ticketNo: string,
  body: { text: string; evidence?: string[] },
  idempotencyKey: string,
) {
  return call(api.complaints.supplement, {
    params: { ticketNo },
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

/**
 * Withdraws a complaint before the department accepts it.
 * @param ticketNo the ticket number.
 * @param reason optional reason.
 * @returns the updated complaint.
 */
export function withdrawComplaint(ticketNo: string, reason?: string) {
  return call(api.complaints.withdraw, {
    params: { ticketNo },
    body: reason?.trim() ? { reason: reason.trim() } : {},
  });
}

/**
 * The workbench queue of the signed-in staff member (scoped by the BFF to their department).
 * @param filters status, overdue, queue, search.
 * @param page 1-based page.
 * @returns one page of complaints with masked personal data.
 */
export function listStaffComplaints(filters: StaffComplaintFilters, page = 1) {
  return call(api.complaints.staffList, { query: { ...filters, page, pageSize: 20 } });
}

/** Workbench badges: counts by status and queue, overdue and due soon. */
export function staffComplaintSummary() {
  return call(api.complaints.staffSummary);
}

/**
 * A complaint as staff see it, with the actions they may take now.
 * @param ticketNo the ticket number.
 * @returns the staff view.
 */
export function getStaffComplaint(ticketNo: string) {
  return call(api.complaints.staffGet, { params: { ticketNo } });
}

/**
 * Takes a lifecycle action (accept, reply, return, assign…).
 * @param ticketNo the ticket number.
 * @param body the action and its fields.
 * @returns the updated staff view.
 */
export function actOnComplaint(ticketNo: string, body: ComplaintActionRequest) {
  return call(api.complaints.staffAction, { params: { ticketNo }, body });
}

/** The departments of 庐山市 (for assigning and transferring). */
export async function listDepartments() {
  return (await call(api.departments.list)).items;
}
