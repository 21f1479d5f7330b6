import Taro from "@tarojs/taro";
import { errorFromResponse } from "@/services/apiError";
import { currentSession } from "@/services/session";

/**
 * Downloads the stats CSV. The route needs the access token in a header, so a plain link will
 * not do: in browsers the file is fetched and saved through a blob link; in the mini-program it
 * is downloaded and offered to forward to a chat (WeChat cannot open CSV files itself).
 * @param url the CSV address (services/stats.ts: staffStatsCsvUrl).
 * @param fileName the file name to save as.
 * @returns how the file was handed over.
 */
export async function exportCsv(url: string, fileName: string): Promise<"saved" | "shared"> {
  const token = currentSession()?.accessToken;
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === "h5") {
    const res = await fetch(url, { headers: header });
    if (!res.ok) throw errorFromResponse(res.status, await res.text());
    const blob = await res.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return "saved";
  }
  const res = await Taro.downloadFile({ url, header });
  if (res.statusCode !== 200) throw errorFromResponse(res.statusCode, "");
  await (
    Taro as unknown as {
      shareFileMessage(o: { filePath: string; fileName: string }): Promise<unknown>;
    }
  ).shareFileMessage({ filePath: res.tempFilePath, fileName });
  return "shared";
}
