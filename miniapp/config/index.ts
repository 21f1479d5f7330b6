import path from "node:path";
import { defineConfig, type UserConfigExport } from "@tarojs/cli";

const sharedSrc = path.resolve(__dirname, "../../shared/src");

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
    defineConstants: {},
    alias: {
      "@lushan/shared": sharedSrc,
      "@": path.resolve(__dirname, "../src"),
    },
    copy: { patterns: [], options: {} },
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
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile: { include: [sharedSrc] },
      publicPath: "/",
      staticDirectory: "static",
      router: { mode: "hash" },
      output: { filename: "js/[name].[contenthash:8].js", chunkFilename: "js/[name].[contenthash:8].js" },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: "css/[name].[contenthash:8].css", chunkFilename: "css/[name].[contenthash:8].css" },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: { host: "127.0.0.1", port: 10086 },
    },
  };
  return config;
});
