import { uploadRepository } from "../../models/upload/upload.repository";
import { defineCron } from "../scheduler";

const VERDICT_TIMEOUT_MS = 60 * 60_000;
const ABANDONED_AFTER_MS = 24 * 3_600_000;

/**
 * Keeps evidence moving: an image whose WeChat verdict has not arrived within an hour (WeChat
 * promises half an hour) goes to a person instead of waiting for ever, and images uploaded for a
 * form that was never sent are deleted after a day (file and record).
 */
export const uploadUpkeepCron = defineCron({
  name: "uploads.upkeep",
  intervalMs: 15 * 60_000,
  async perform(ctx) {
    const now = Date.now();
    for (const u of await uploadRepository.pendingSince(new Date(now - VERDICT_TIMEOUT_MS))) {
      await uploadRepository.setStatus(u._id, "review", "微信图片安全检测超时未返回结果，待人工审核", undefined, ["pending"]);
    }
    let removed = 0;
    for (const id of await uploadRepository.orphansSince(new Date(now - ABANDONED_AFTER_MS))) {
      // The record goes first and only while still unattached; then its file.
      if (await uploadRepository.removeUnattached(id)) {
        await ctx.services.uploads.remove(id);
        removed++;
      }
    }
    if (removed) ctx.log.info({ removed }, "已清理未提交的上传图片");
  },
});
