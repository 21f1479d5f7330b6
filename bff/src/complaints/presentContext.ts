import { UploadModel, type UploadRecord } from "../models/upload/upload.schema";
import type { ComplaintRecord } from "../models/complaint/complaint.schema";
import type { PresentContext } from "../presenters/complaint";
import type { Services } from "../services";

/** What presenting some complaints needs: departments (cached) and their evidence uploads. */
export async function presentContextFor(services: Services, complaints: ComplaintRecord[]): Promise<PresentContext> {
  const ids = [...new Set(complaints.flatMap((c) => c.evidence))];
  const uploads = ids.length ? await UploadModel.find({ _id: { $in: ids } }).lean<UploadRecord[]>() : [];
  return { departments: await services.list.departmentsByCode(), uploads: new Map(uploads.map((u) => [u._id, u])), store: services.uploads };
}
