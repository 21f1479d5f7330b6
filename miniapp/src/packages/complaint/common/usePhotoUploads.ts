import { useState } from "react";
import type { UploadItem } from "@/components/image-uploader";
import { chooseImages, previewImages } from "@/platform";
import { ensureSignedIn } from "@/services/auth";
import { uploadEvidence } from "@/services/uploads";

let seq = 0;

export interface PhotoUploads {
  items: UploadItem[];
  setItems: (items: UploadItem[]) => void;
  /** Upload ids of the photos that finished uploading. */
  uploadIds: string[];
  uploading: boolean;
  problem: string | null;
  add: () => Promise<void>;
  remove: (key: string) => void;
  retry: (key: string) => void;
  preview: (key: string) => void;
}

/**
 * Evidence photos: pick (signing in first, uploads need the owner), upload each at once,
 * retry failures, remove, preview.
 * @param max how many photos at most.
 * @param initial photos already uploaded (a restored draft).
 * @returns the photos and what to do with them.
 */
export function usePhotoUploads(max: number, initial: UploadItem[] = []): PhotoUploads {
  const [items, setItems] = useState<UploadItem[]>(initial);
  const [problem, setProblem] = useState<string | null>(null);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((prev) => prev.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const uploadOne = async (item: UploadItem) => {
    try {
      const res = await uploadEvidence(item.path);
      patch(item.key, { status: "done", uploadId: res.id, message: undefined });
    } catch (error) {
      patch(item.key, { status: "failed", message: (error as Error).message });
      setProblem((error as Error).message);
    }
  };

  return {
    items,
    setItems,
    uploadIds: items.filter((u) => u.status === "done" && u.uploadId).map((u) => u.uploadId!),
    uploading: items.some((u) => u.status === "uploading"),
    problem,
    async add() {
      setProblem(null);
      try {
        await ensureSignedIn();
        const chosen = await chooseImages(Math.max(0, max - items.length));
        const added: UploadItem[] = chosen.map((c) => ({
          key: `p${Date.now()}-${++seq}`,
          path: c.path,
          status: "uploading",
        }));
        setItems((prev) => [...prev, ...added]);
        await Promise.all(added.map(uploadOne));
      } catch (error) {
        setProblem((error as Error).message);
      }
    },
    remove(key) {
      setItems((prev) => prev.filter((u) => u.key !== key));
    },
    retry(key) {
      const item = items.find((u) => u.key === key);
      if (!item) return;
      setProblem(null);
      patch(key, { status: "uploading", message: undefined });
      void uploadOne(item);
    },
    preview(key) {
      void previewImages(
        items.map((u) => u.path),
        items.find((u) => u.key === key)?.path,
      ).catch(() => undefined);
    },
  };
}
