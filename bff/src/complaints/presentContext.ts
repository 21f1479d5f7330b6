import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import { uploadRepository } from "../models/upload/upload.repository";
import type { PresentContext } from "../presenters/complaintParts";
import type { Services } from "../services";

/**
 * What presenting some complaints needs: departments by id (cached by the list catalog) and the
 * uploads of their evidence and supplements.
 * @param services the catalog and the upload store.
 * @param complaints the complaints to present.
 * @param withEvidence false for lists (rows show no images).
 * @returns the context.
 */
export async function presentContextFor(services: Services, complaints: ComplaintRecord[], withEvidence = true): Promise<PresentContext> {
  const ids = withEvidence ? [...new Set(complaints.flatMap((c) => c.evidence))] : [];
  const [departments, uploads] = await Promise.all([services.list.departmentsByCode(), uploadRepository.findByIds(ids)]);
  return {
    departmentsById: new Map([...departments.values()].map((d) => [d._id.toHexString(), d])),
    uploads,
    signedPath: (id) => services.uploads.signedPath(id),
    now: new Date(),
  };
}
