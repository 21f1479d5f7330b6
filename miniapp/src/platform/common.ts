import Taro from "@tarojs/taro";
import type { TransportResponse, UploadTransport } from "./types";

// Calls that behave the same on weapp and H5 (Taro implements both).

/**
 * Full-screen preview of images.
 * @param urls the image addresses.
 * @param current the one to open first.
 */
export async function previewImages(urls: string[], current?: string): Promise<void> {
  await Taro.previewImage({ urls, current: current ?? urls[0] });
}

/**
 * Copies text to the clipboard.
 * @param text the text.
 */
export async function copyText(text: string): Promise<void> {
  await Taro.setClipboardData({ data: text });
}

/**
 * Starts a phone call.
 * @param phoneNumber the number to dial.
 */
export async function callPhone(phoneNumber: string): Promise<void> {
  await Taro.makePhoneCall({ phoneNumber });
}

/** Multipart upload through Taro.uploadFile (wx.uploadFile / XHR). */
export const uploadFile: UploadTransport = async (req) => {
  const res = await Taro.uploadFile({
    url: req.url,
    filePath: req.filePath,
    name: req.name,
    header: req.header,
    formData: req.formData,
    timeout: req.timeout,
  });
  return { statusCode: res.statusCode, data: res.data } satisfies TransportResponse;
};

/**
 * Whether a rejected platform call was the user cancelling (not an error to show).
 * @param error what the call rejected with.
 * @returns true for cancellations.
 */
export function isCancel(error: unknown): boolean {
  const message = `${(error as { errMsg?: string })?.errMsg ?? ""}${(error as Error)?.message ?? ""}`;
  return /cancel/i.test(message);
}
