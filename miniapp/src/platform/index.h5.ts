import Taro from "@tarojs/taro";
import { readStored, writeStored } from "@/utils/storage";
import { callPhone, copyText, isCancel, previewImages, uploadFile } from "./common";
import type {
  ChosenImage,
  LoginGrant,
  PlatformPrivacyRequest,
  PrivacySetting,
  SubscribeOutcome,
  Transport,
} from "./types";

export * from "./types";
export { callPhone, copyText, previewImages, uploadFile };

export const platformName = "h5" as const;
export const shareMode = "link" as const;

const DEV_OPENID_KEY = "ls.devOpenid";

function randomId(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(
    bytes,
    (b) => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"[b & 63],
  ).join("");
}

/**
 * Browsers have no wx.login: they sign in with a development identity that this browser keeps,
 * so the same person finds their complaints again after a reload. (Taro.login resolves with
 * "暂时不支持 API" here instead of failing, so it must not be called.)
 */
export async function login(): Promise<LoginGrant> {
  let openid = readStored<string>(DEV_OPENID_KEY);
  if (!openid || !/^[A-Za-z0-9_-]{6,64}$/.test(openid)) {
    openid = `h5_${randomId()}`;
    writeStored(DEV_OPENID_KEY, openid);
  }
  return { kind: "dev", openid };
}

/** Browsers cannot receive WeChat subscribe messages: notices go to the message center only. */
export async function requestSubscribeMessage(): Promise<SubscribeOutcome> {
  return { supported: false };
}

/** Browsers have no platform privacy record; the app's own agreement flow is the only one. */
export async function getPrivacySetting(): Promise<PrivacySetting> {
  return { needAuthorization: false, contractName: "" };
}

export async function requirePrivacyAuthorize(): Promise<void> {}

export async function openPrivacyContract(): Promise<boolean> {
  return false;
}

export function onNeedPrivacyAuthorization(
  _listener: (request: PlatformPrivacyRequest) => void,
): void {}

export async function chooseImages(count: number): Promise<ChosenImage[]> {
  try {
    const res = await Taro.chooseImage({
      count,
      sizeType: ["compressed"],
      sourceType: ["album", "camera"],
    });
    return (res.tempFiles ?? []).map((f) => ({ path: f.path, size: f.size }));
  } catch (error) {
    if (isCancel(error)) return [];
    throw new Error("无法选择图片，请重试");
  }
}

/**
 * The hash-router address of a page on this site.
 * @param path a page path with query, e.g. `/packages/policy/detail/index?id=…`.
 * @returns the absolute link.
 */
export function pageLink(path: string): string {
  return `${window.location.origin}${window.location.pathname}#${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * Styles are written for a 750-wide design and compiled to rem (40 design px = 1rem), so the root
 * font size follows the screen width; wide screens are treated as a 540-px phone. Done here rather
 * than in an inline script in index.html, which the BFF's CSP (script-src 'self') blocks.
 */
export function prepareViewport(): void {
  const root = document.documentElement;
  const fit = () => {
    const width = Math.min(root.getBoundingClientRect().width || window.innerWidth, 540);
    root.style.fontSize = `${(width / 18.75).toFixed(3)}px`;
  };
  fit();
  window.addEventListener("resize", fit);
}

export const request: Transport = async (req) => {
  const res = await Taro.request({
    url: req.url,
    method: req.method as keyof Taro.request.Method,
    header: req.header,
    data: req.data as TaroGeneral.IAnyObject | undefined,
    timeout: req.timeout,
    dataType: "json",
  });
  return { statusCode: res.statusCode, data: res.data };
};
