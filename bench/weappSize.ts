/**
 * Weapp package sizes as WeChat counts them: the main package (everything outside the declared
 * subpackage roots) and each subpackage, without the files WeChat does not ship to phones.
 * Builds `miniapp/dist/weapp` first when it is missing.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { listFiles, subpackageRoots, WEAPP_DIR } from "../test/miniapp/build/weappBuild";
import { ROOT } from "./lib";

/** Files WeChat does not ship (same list as test/miniapp/build/weappSize.test.ts). */
const NOT_SHIPPED = [
  /\.LICENSE\.txt$/,
  /^project\.config\.json$/,
  /^project\.private\.config\.json$/,
  /\.map$/,
];

export interface WeappSizes {
  /** Bytes per package: `main` and each subpackage root. */
  packages: Record<string, number>;
  total: number;
  built: boolean;
}

/**
 * Measures the weapp build, building it first if needed.
 * @returns bytes per package and in total.
 */
export function weappSizes(): WeappSizes {
  let built = false;
  if (!fs.existsSync(path.join(WEAPP_DIR, "app.json"))) {
    console.log("miniapp/dist/weapp 不存在，先构建（npm run build:weapp）……");
    execFileSync("npm", ["run", "build:weapp", "--silent"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    built = true;
  }
  const roots = subpackageRoots();
  const packages: Record<string, number> = {
    main: 0,
    ...Object.fromEntries(roots.map((r) => [r, 0])),
  };
  for (const [file, bytes] of listFiles()) {
    if (NOT_SHIPPED.some((re) => re.test(file))) continue;
    const root = roots.find((r) => file.startsWith(`${r}/`));
    packages[root ?? "main"] += bytes;
  }
  return { packages, total: Object.values(packages).reduce((a, b) => a + b, 0), built };
}
