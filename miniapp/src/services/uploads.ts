import { api } from "./api";
import { upload } from "./request";

/**
 * Uploads one evidence photo. The BFF checks the content, strips location data and answers
 * with an upload id to put into a complaint or supplement.
 * @param filePath the local path (weapp temp file, H5 blob URL) from `chooseImages`.
 * @returns the upload (id, size, status, a short-lived link).
 */
export function uploadEvidence(filePath: string) {
  return upload(api.complaints.upload, { filePath, name: "file" });
}
