import Taro from "@tarojs/taro";
import { callPhone, copyText, isCancel, previewImages, uploadFile } from "./common";
import type {
  ChosenImage,
  ConsentAnswer,
  LoginGrant,
  PlatformPrivacyRequest,
  PrivacySetting,
  SubscribeOutcome,
  Transport,
} from "./types";

export * from "./types";
export { callPhone, copyText, previewImages, uploadFile };

export const platformName = "weapp" as const;
export const shareMode = "native" as const;

/** wx.login: the code is exchanged by the BFF (jscode2session); the openid never passes through here. */
export async function login(): Promise<LoginGrant> {
  const res = await Taro.login();
  if (!res.code) throw new Error("微信登录失败，请稍后重试");
  return { kind: "wechat", code: res.code };
}

const ANSWERS: readonly ConsentAnswer[] = ["accept", "reject", "ban", "filter"];

/** wx.requestSubscribeMessage; a refusal of the whole dialog (e.g. main switch off) returns no answers. */
export async function requestSubscribeMessage(templateIds: string[]): Promise<SubscribeOutcome> {
  try {
    const res = (await Taro.requestSubscribeMessage({
      tmplIds: templateIds,
      entityIds: [],
    })) as unknown as Record<string, unknown>;
    const results: Record<string, ConsentAnswer> = {};
    for (const id of templateIds) {
      const answer = res[id];
      if (typeof answer === "string" && (ANSWERS as string[]).includes(answer))
        results[id] = answer as ConsentAnswer;
    }
    return { supported: true, results, errMsg: String(res.errMsg ?? "") };
  } catch (error) {
    return {
      supported: true,
      results: {},
      errMsg: String((error as { errMsg?: string })?.errMsg ?? "requestSubscribeMessage:fail"),
    };
  }
}

export function getPrivacySetting(): Promise<PrivacySetting> {
  return new Promise((resolve) => {
    // Base libraries before 2.32.3 have no privacy API: nothing to agree to there.
    if (typeof Taro.getPrivacySetting !== "function")
      return resolve({ needAuthorization: false, contractName: "" });
    Taro.getPrivacySetting({
      success: (r) =>
        resolve({ needAuthorization: r.needAuthorization, contractName: r.privacyContractName }),
      fail: () => resolve({ needAuthorization: false, contractName: "" }),
    });
  });
}

export function requirePrivacyAuthorize(): Promise<void> {
  return new Promise((resolve, reject) => {
    if (typeof Taro.requirePrivacyAuthorize !== "function") return resolve();
    Taro.requirePrivacyAuthorize({
      success: () => resolve(),
      fail: () => reject(new Error("需要同意隐私政策后才能继续")),
    });
  });
}

export function openPrivacyContract(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof Taro.openPrivacyContract !== "function") return resolve(false);
    Taro.openPrivacyContract({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

export function onNeedPrivacyAuthorization(
  listener: (request: PlatformPrivacyRequest) => void,
): void {
  if (typeof Taro.onNeedPrivacyAuthorization !== "function") return;
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    listener({
      referrer: eventInfo?.referrer ?? "",
      resolve: (decision, buttonId) =>
        resolve(decision === "agree" ? { event: "agree", buttonId } : { event: "disagree" }),
    });
  });
}

export async function chooseImages(count: number): Promise<ChosenImage[]> {
  try {
    const res = await Taro.chooseMedia({
      count,
      mediaType: ["image"],
      sourceType: ["album", "camera"],
      sizeType: ["compressed"],
    });
    return res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }));
  } catch (error) {
    if (isCancel(error)) return [];
    throw new Error("无法选择图片，请检查相册或相机权限后重试");
  }
}

export function pageLink(): string {
  return "";
}

/** rpx already scales with the screen on weapp. */
export function prepareViewport(): void {}

/** wx.request has no PATCH: send it as POST with the method override header the BFF honours. */
export const request: Transport = async (req) => {
  const patch = req.method === "PATCH";
  const res = await Taro.request({
    url: req.url,
    method: (patch ? "POST" : req.method) as keyof Taro.request.Method,
    header: patch ? { ...req.header, "X-HTTP-Method-Override": "PATCH" } : req.header,
    data: req.data as TaroGeneral.IAnyObject | undefined,
    timeout: req.timeout,
    dataType: "json",
  });
  return { statusCode: res.statusCode, data: res.data };
};
