import path from "node:path";
import { defineConfig, type UserConfigExport } from "@tarojs/cli";
import { loadClientRouteTable } from "./apiRoutes";

const sharedSrc = path.resolve(__dirname, "../../shared/src");

/**
 * The BFF base URL is baked in at build time. H5 is served by the BFF itself, so empty means
 * same origin; the mini-program needs an absolute URL (a local BFF for WeChat DevTools when unset,
 * with the devtools' domain check turned off).
 */
function apiBase(env: string): string {
  const configured = (process.env.TARO_APP_API_BASE ?? "").trim().replace(/\/+$/, "");
  if (configured || env === "h5") return configured;
  console.warn(
    "[miniapp] TARO_APP_API_BASE 未设置：小程序接口地址使用 http://127.0.0.1:3000（仅适用于开发者工具本地调试）",
  );
  return "http://127.0.0.1:3000";
}

export default defineConfig<"webpack5">(async () => {
  const env = process.env.TARO_ENV ?? "weapp";
  const config: UserConfigExport<"webpack5"> = {
    projectName: "lushan-market-access",
    date: "2026-11-24",
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: "src",
    outputRoot: `dist/${env}`,
    plugins: [],
    env: { TARO_APP_API_BASE: JSON.stringify(apiBase(env)) },
    defineConstants: { API_ROUTES: JSON.stringify(loadClientRouteTable()) },
    alias: {
      "@lushan/shared": sharedSrc,
      "@": path.resolve(__dirname, "../src"),
    },
    copy: {
      patterns:
        env === "h5" ? [{ from: "src/assets/app-icon.png", to: "dist/h5/favicon.png" }] : [],
      options: {},
    },
    framework: "react",
    compiler: "webpack5",
    cache: { enable: false },
    mini: {
      // The shared contracts are TypeScript sources outside this package: compile them too.
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      miniCssExtractPluginOption: { ignoreOrder: true },
      // Modules used only by subpackages move into those subpackages instead of the main package.
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile: { include: [sharedSrc] },
      publicPath: "/",
      staticDirectory: "static",
      router: { mode: "hash" },
      output: {
        filename: "js/[name].[contenthash:8].js",
        chunkFilename: "js/[name].[contenthash:8].js",
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: "css/[name].[contenthash:8].css",
        chunkFilename: "css/[name].[contenthash:8].css",
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: { host: "127.0.0.1", port: 10086 },
    },
  };
  return config;
});
