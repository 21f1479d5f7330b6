import type { TypicalCaseRecord } from "../models/typicalCase/typicalCase.schema";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { complaintRepository } from "../models/complaint/complaint.repository";
import { departmentRepository } from "../models/department/department.repository";
import { NO_FACTS, type PrivateFacts } from "./anonymity";

/**
 * The private facts of a complaint: its complainant's name and phone, the business's name and
 * credit code. Department office phones are public and may stay in a text.
 * @param c the complaint.
 * @returns facts for the anonymity check.
 */
export async function privateFactsOf(c: ComplaintRecord | null): Promise<PrivateFacts> {
  const departments = await departmentRepository.list();
  const allowedPhones = departments.flatMap((d) => (d.phone ? [d.phone] : []));
  if (!c) return { ...NO_FACTS, allowedPhones };
  return {
    names: [c.contact.name],
    phones: [c.contact.phone],
    businesses: c.business?.name ? [c.business.name] : [],
    creditCodes: c.business?.creditCode ? [c.business.creditCode] : [],
    allowedPhones,
  };
}

/**
 * The private facts a case's text is checked against (those of the complaint it came from).
 * @param c the case.
 * @returns facts for the anonymity check.
 */
export async function privateFactsOfCase(c: TypicalCaseRecord): Promise<PrivateFacts> {
  return privateFactsOf(c.complaintId ? await complaintRepository.findById(c.complaintId) : null);
}
