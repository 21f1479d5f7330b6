import type { z } from "zod";
import type { ComplaintCreateInput } from "@lushan/shared/schemas/complaint";
import type { HotlineDispatchInput, HotlineQueueQuery } from "@lushan/shared/schemas/hotline";
import { api } from "./api";
import { call } from "./request";

/** Filters of the 12345 operator queue (view, status, text). */
export type HotlineQueueFilters = Omit<z.input<typeof HotlineQueueQuery>, "page" | "pageSize">;

/**
 * The 12345 work-order queue, as the signed-in operator sees it (with what they may do on each).
 * @param filters the view (open, mine, unclaimed, dispatched, all) and search.
 * @param page 1-based page.
 * @returns one page of work orders.
 */
export function listHotlineQueue(filters: HotlineQueueFilters, page = 1) {
  return call(api.hotline.queue, { query: { ...filters, page, pageSize: 20 } });
}

/**
 * One work order.
 * @param ticketNo the ticket number.
 * @returns the work order.
 */
export function getHotlineOrder(ticketNo: string) {
  return call(api.hotline.get, { params: { ticketNo } });
}

/**
 * Claims a work order (409 when another operator already has it).
 * @param ticketNo the ticket number.
 * @returns the work order.
 */
export function claimHotlineOrder(ticketNo: string) {
  return call(api.hotline.claim, { params: { ticketNo } });
}

/**
 * Acknowledges (签收) a claimed work order.
 * @param ticketNo the ticket number.
 * @returns the work order.
 */
export function acknowledgeHotlineOrder(ticketNo: string) {
  return call(api.hotline.acknowledge, { params: { ticketNo } });
}

/**
 * Dispatches a claimed work order to a department (and optional co-departments).
 * @param ticketNo the ticket number.
 * @param body the department code, co-departments and an optional note.
 * @returns the work order.
 */
export function dispatchHotlineOrder(ticketNo: string, body: HotlineDispatchInput) {
  return call(api.hotline.dispatch, { params: { ticketNo }, body });
}

/**
 * Files a complaint taken over the phone. The BFF records the channel as `phone` for operators.
 * The same key on every retry of one call creates one complaint however often it is sent.
 * @param body the complaint as the intake contract takes it.
 * @param idempotencyKey one key per phone call being recorded.
 * @returns the ticket number and where it was routed.
 */
export function filePhoneComplaint(body: ComplaintCreateInput, idempotencyKey: string) {
  return call(api.complaints.create, {
    body,
    headers: { "Idempotency-Key": idempotencyKey },
    timeout: 20_000,
  });
}

/**
 * The departments of 庐山市, for the dispatch picker.
 * @returns code, name and short name of each department.
 */
export async function listDispatchDepartments() {
  return (await call(api.departments.list)).items;
}

/**
 * A fresh idempotency key (8–64 of A–Z a–z 0–9 _ -) for one phone intake.
 * @param now the time (tests).
 * @param random a random source (tests).
 * @returns the key.
 */
export function newIntakeKey(now = Date.now(), random = Math.random): string {
  let tail = "";
  while (tail.length < 16)
    tail += Math.floor(random() * 36 ** 4)
      .toString(36)
      .padStart(4, "0");
  return `phone_${now.toString(36)}_${tail.slice(0, 16)}`;
}
