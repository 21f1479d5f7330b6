import type { z } from "zod";
import type {
  PublicRectificationQuery,
  RectificationActionBody,
  RectificationCreateBody,
  RectificationListQuery,
  RectificationUpdateBody,
} from "@lushan/shared/schemas/ledger";
import { api } from "./api";
import { call } from "./request";

/** Filters of the ledger (status, origin, department, overdue, text). */
export type LedgerFilters = Omit<z.input<typeof RectificationListQuery>, "page" | "pageSize">;
/** A new task as the coordinator fills it in. */
export type RectificationCreateRequest = z.input<typeof RectificationCreateBody>;
/** The coordinator's change of owner, person, deadline or problem. */
export type RectificationUpdateRequest = z.input<typeof RectificationUpdateBody>;
/** One status move or note on a task. */
export type RectificationActionRequest = z.input<typeof RectificationActionBody>;

/**
 * The rectification ledger (department staff: their own department's tasks), with counts.
 * @param filters status, origin, department, overdue, text.
 * @param page 1-based page.
 * @returns one page of tasks and counts by status over the caller's scope.
 */
export function listRectifications(filters: LedgerFilters, page = 1) {
  return call(api.staffRectifications.list, { query: { ...filters, page, pageSize: 20 } });
}

/**
 * One task with measures, evidence, history and abilities.
 * @param id the task id.
 * @returns the task.
 */
export function getRectification(id: string) {
  return call(api.staffRectifications.get, { params: { id } });
}

/**
 * Opens a task (coordinator).
 * @param body origin, problem, owner department, responsible person, deadline.
 * @returns the task.
 */
export function createRectification(body: RectificationCreateRequest) {
  return call(api.staffRectifications.create, { body });
}

/**
 * Changes the owner, responsible person, deadline or problem (coordinator).
 * @param id the task id.
 * @param body changed fields and `expectedVersion`.
 * @returns the task.
 */
export function updateRectification(id: string, body: RectificationUpdateRequest) {
  return call(api.staffRectifications.update, { params: { id }, body });
}

/**
 * Moves a task along (start, progress, request sign-off, confirm 销号, reject) or adds a note.
 * @param id the task id.
 * @param body the action and its fields.
 * @returns the task.
 */
export function actOnRectification(id: string, body: RectificationActionRequest) {
  return call(api.staffRectifications.act, { params: { id }, body });
}

/**
 * The public board of signed-off tasks (整改销号公示).
 * @param filters an optional department code.
 * @param page 1-based page.
 * @returns one page of anonymised items.
 */
export function listRectificationBoard(
  filters: Omit<z.input<typeof PublicRectificationQuery>, "page" | "pageSize">,
  page = 1,
) {
  return call(api.rectifications.board, { query: { ...filters, page, pageSize: 20 } });
}
