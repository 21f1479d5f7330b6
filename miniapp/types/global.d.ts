/// <reference types="@tarojs/taro" />

declare module "*.png" {
  const src: string;
  export default src;
}
declare module "*.svg" {
  const src: string;
  export default src;
}
declare module "*.scss";

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: "weapp" | "h5";
    /** BFF base URL baked in at build time; empty means same origin (H5 served by the BFF). */
    TARO_APP_API_BASE?: string;
  }
}

/** Method and path of every shared route contract, baked in at build time (see config/apiRoutes.ts). */
declare const API_ROUTES: Record<
  string,
  Record<string, { method: string; path: string; bodyType?: "json" | "multipart" }>
>;
