// Test double for @tarojs/taro in the miniapp jest project: the APIs the app uses, with an
// in-memory storage and router. Tests replace single APIs with jest.spyOn(Taro, "...").
import { useEffect } from "react";

const storage = new Map<string, unknown>();
let routerParams: Record<string, string> = {};
let pages: unknown[] = [{}];

function unmocked(name: string) {
  return (): Promise<never> =>
    Promise.reject(new Error(`Taro.${name} is not available in tests: spy on it`));
}

const Taro = {
  getStorageSync: (key: string): unknown => (storage.has(key) ? storage.get(key) : ""),
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
  clearStorageSync: (): void => storage.clear(),
  navigateTo: async (_o: { url: string }) => ({ errMsg: "navigateTo:ok" }),
  redirectTo: async (_o: { url: string }) => ({ errMsg: "redirectTo:ok" }),
  switchTab: async (_o: { url: string }) => ({ errMsg: "switchTab:ok" }),
  navigateBack: async () => ({ errMsg: "navigateBack:ok" }),
  getCurrentPages: () => pages,
  stopPullDownRefresh: () => undefined,
  pageScrollTo: async (_o: { scrollTop: number; duration?: number }) => ({ errMsg: "pageScrollTo:ok" }),
  request: unmocked("request"),
  uploadFile: unmocked("uploadFile"),
  login: unmocked("login"),
  chooseImage: unmocked("chooseImage"),
  chooseMedia: unmocked("chooseMedia"),
  previewImage: async () => ({ errMsg: "previewImage:ok" }),
  setClipboardData: async () => ({ errMsg: "setClipboardData:ok" }),
  makePhoneCall: async () => ({ errMsg: "makePhoneCall:ok" }),
  requestSubscribeMessage: unmocked("requestSubscribeMessage"),
};

export default Taro;

/** Sets the parameters `useRouter()` returns to the next rendered page. */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params;
}

/** Sets the page stack `getCurrentPages()` returns. */
export function setPageStack(stack: unknown[]): void {
  pages = stack;
}

/** Clears storage, router parameters and the page stack between tests. */
export function resetTaro(): void {
  storage.clear();
  routerParams = {};
  pages = [{}];
}

export const useRouter = () => ({ params: routerParams, path: "" });
export const useDidShow = (fn: () => void) =>
  useEffect(() => {
    fn();
    // Runs once per mount, like a page shown for the first time.
  }, []);
export const useLoad = useDidShow;
export const useLaunch = useDidShow;
export const useDidHide = (_fn: () => void) => undefined;
export const useReachBottom = (_fn: () => void) => undefined;
export const usePullDownRefresh = (_fn: () => void) => undefined;
export const useShareAppMessage = (_fn: () => unknown) => undefined;
