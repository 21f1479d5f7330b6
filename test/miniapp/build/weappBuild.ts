import fs from "node:fs";
import path from "node:path";

/** The weapp build the size and compiler checks read (produced by `npm run build:weapp`). */
export const WEAPP_DIR = path.resolve(__dirname, "../../../miniapp/dist/weapp");

/** Fails with the command to run when the weapp build is missing. */
export function requireWeappBuild(): void {
  if (!fs.existsSync(path.join(WEAPP_DIR, "app.json"))) {
    throw new Error(
      `weapp build missing at ${WEAPP_DIR}: run \`npm run build:weapp\` first (npm test does)`,
    );
  }
}

/**
 * Every file of the build, relative to its root, with its size in bytes.
 * @param dir the build root.
 * @returns path → bytes.
 */
export function listFiles(dir: string = WEAPP_DIR): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, fs.statSync(path.join(dir, rel)).size);
    }
  };
  walk("");
  return files;
}

/** The subpackage roots declared in app.json. */
export function subpackageRoots(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, "app.json"), "utf8")) as {
    subPackages?: { root: string }[];
  };
  return (app.subPackages ?? []).map((p) => p.root.replace(/\/+$/, ""));
}
