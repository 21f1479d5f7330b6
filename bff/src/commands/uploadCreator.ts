import { createHash } from "node:crypto";
import { ComplaintValidation } from "@lushan/shared";
import type { Config } from "../config";
import { initialImageReview } from "../complaints/moderation";
import { withTransaction } from "../db/transaction";
import { uploadRepository } from "../models/upload/upload.repository";
import type { EvidenceState } from "../models/upload/upload.schema";
import { mediaCheckTask } from "../queues/tasks/mediaCheck";
import type { Services } from "../services";
import type { Actor } from "../types";

export interface CreatedUpload {
  id: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  status: EvidenceState;
}

/**
 * Stores an evidence image: reads its type from the bytes and re-encodes it without metadata,
 * writes the file durably under a random id, then records it (with WeChat's asynchronous check
 * queued in the same transaction when WeChat can check it). A record is never left without its
 * file, nor a file without its record.
 * @param actor the uploader.
 * @param bytes the uploaded bytes.
 * @param deps services and configuration.
 * @returns the stored image.
 */
export async function uploadCreator(actor: Actor, bytes: Buffer, deps: { services: Services; config: Config }): Promise<CreatedUpload> {
  const { services, config } = deps;
  const image = await services.uploads.process(bytes, ComplaintValidation.maxUploadBytes);
  const review = await initialImageReview(actor, services, config);
  await services.uploads.save(image);
  try {
    await withTransaction(async (session) => {
      await uploadRepository.create(
        {
          _id: image.id,
          ownerId: actor.userId,
          mime: image.mime,
          size: image.size,
          width: image.width,
          height: image.height,
          sha256: createHash("sha256").update(image.buffer).digest("hex"),
          status: review.state,
          reviewNote: review.note,
        },
        session,
      );
      if (review.state === "pending") await mediaCheckTask.schedule({ uploadId: image.id }, { session });
    });
  } catch (err) {
    await services.uploads.remove(image.id);
    throw err;
  }
  if (review.state === "pending") services.queue.nudge();
  return { id: image.id, mime: image.mime, size: image.size, width: image.width, height: image.height, status: review.state };
}
