/// <reference types="@tarojs/taro" />

declare module "*.png";
declare module "*.svg";
declare module "*.scss";

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: "weapp" | "h5";
    /** BFF base URL baked in at build time; empty means same origin (H5 served by the BFF). */
    TARO_APP_API_BASE?: string;
  }
}
