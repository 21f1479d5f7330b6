import fs from "node:fs";
import path from "node:path";

/** The H5 build the BFF serves (produced by `npm run build:h5`). */
export const H5_DIR = path.resolve(__dirname, "../../miniapp/dist/h5");

/**
 * Fails early, with the command to run, when the H5 build is missing: browser tests test the
 * real build, they do not build it themselves.
 */
export function requireH5Build(): void {
  if (!fs.existsSync(path.join(H5_DIR, "index.html"))) {
    throw new Error(
      `H5 build missing at ${H5_DIR}: run \`npm run build:h5\` first (npm test does)`,
    );
  }
}
