#!/usr/bin/env node
// Builds the H5 version of the mini-program when it is missing or older than its sources, so
// `npm start` serves a current page without paying for a build on every start.
const { execSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "miniapp/dist/h5/index.html");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const sources = ["miniapp/src", "miniapp/config", "shared/src"].map((d) => path.join(root, d)).filter(existsSync);
const stale = !existsSync(out) || sources.some((d) => newest(d) > statSync(out).mtimeMs);
if (stale) {
  console.log("正在构建 H5 页面（首次约需 20 秒）…");
  execSync("npm run build:h5", { cwd: root, stdio: "inherit" });
}
