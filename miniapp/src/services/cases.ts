import type { z } from "zod";
import type {
  CaseCheckBody,
  CaseListQuery,
  CaseUpdateBody,
  StaffCaseListQuery,
} from "@lushan/shared/schemas/cases";
import { api } from "./api";
import { call } from "./request";

/** Filters of the public case library. */
export type CaseLibraryFilters = Omit<z.input<typeof CaseListQuery>, "page" | "pageSize">;
/** Filters of the workbench's case list (adds the status). */
export type StaffCaseFilters = Omit<z.input<typeof StaffCaseListQuery>, "page" | "pageSize">;
/** The coordinator's edit of the public text, with the version the editor started from. */
export type CaseUpdateRequest = z.input<typeof CaseUpdateBody>;
/** Text to check for personal data without saving. */
export type CaseCheckRequest = z.input<typeof CaseCheckBody>;

/**
 * The public case library (published local cases and national 通报 with their sources).
 * @param filters origin, kind, barrier type, text.
 * @param page 1-based page.
 * @returns one page of cases.
 */
export function listCaseLibrary(filters: CaseLibraryFilters, page = 1) {
  return call(api.cases.list, { query: { ...filters, page, pageSize: 20 } });
}

/**
 * One published case.
 * @param id the case id.
 * @returns the anonymised case text and its source.
 */
export function getPublicCase(id: string) {
  return call(api.cases.get, { params: { id } });
}

/**
 * Cases in the workbench (department staff: the ones their department proposed).
 * @param filters status, origin, text.
 * @param page 1-based page.
 * @returns one page of cases with abilities.
 */
export function listStaffCases(filters: StaffCaseFilters, page = 1) {
  return call(api.staffCases.list, { query: { ...filters, page, pageSize: 20 } });
}

/**
 * One case with its anonymity check, history and abilities.
 * @param id the case id.
 * @returns the case.
 */
export function getStaffCase(id: string) {
  return call(api.staffCases.get, { params: { id } });
}

/**
 * Proposes a replied or closed complaint as a typical case; the BFF drafts an anonymised text.
 * @param ticketNo the complaint's ticket number.
 * @param reason why it is typical.
 * @returns the proposed case.
 */
export function proposeCase(ticketNo: string, reason: string) {
  return call(api.staffCases.propose, { body: { ticketNo, reason } });
}

/**
 * Saves the coordinator's edit (409 `conflict` when someone saved first).
 * @param id the case id.
 * @param body changed fields and `expectedVersion`.
 * @returns the case with a fresh anonymity check.
 */
export function updateCase(id: string, body: CaseUpdateRequest) {
  return call(api.staffCases.update, { params: { id }, body });
}

/**
 * Checks text for personal data without saving it (fields left out use the saved text).
 * @param id the case id.
 * @param body the text being edited.
 * @returns the findings and an explanation.
 */
export function checkCaseText(id: string, body: CaseCheckRequest) {
  return call(api.staffCases.check, { params: { id }, body });
}

/**
 * Publishes the case as a 通报 (library + policy feed). Refused with 422
 * `personal_data_found` while the text still holds personal data.
 * @param id the case id.
 * @param expectedVersion the version the coordinator reviewed.
 * @returns the published case.
 */
export function publishCase(id: string, expectedVersion?: number) {
  return call(api.staffCases.publish, {
    params: { id },
    body: expectedVersion ? { expectedVersion } : {},
  });
}

/**
 * Takes a published case down.
 * @param id the case id.
 * @param reason why.
 * @returns the case.
 */
export function unpublishCase(id: string, reason: string) {
  return call(api.staffCases.unpublish, { params: { id }, body: { reason } });
}

/**
 * Declines a proposed case.
 * @param id the case id.
 * @param reason why.
 * @returns the case.
 */
export function rejectCase(id: string, reason: string) {
  return call(api.staffCases.reject, { params: { id }, body: { reason } });
}
