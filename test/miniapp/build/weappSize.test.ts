/** @jest-environment node */
import fs from "node:fs";
import path from "node:path";
import { listFiles, requireWeappBuild, subpackageRoots, WEAPP_DIR } from "./weappBuild";

// WeChat refuses uploads over 2 MB per package; we hold the main package to 1 MB so launch stays fast.
const MAIN_LIMIT = 1024 * 1024;
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;
// Files WeChat does not ship to phones.
const NOT_SHIPPED = [
  /\.LICENSE\.txt$/,
  /^project\.config\.json$/,
  /^project\.private\.config\.json$/,
  /\.map$/,
];

requireWeappBuild();

function packageSizes() {
  const roots = subpackageRoots();
  const sizes: Record<string, number> = {
    main: 0,
    ...Object.fromEntries(roots.map((r) => [r, 0])),
  };
  for (const [file, bytes] of listFiles()) {
    if (NOT_SHIPPED.some((re) => re.test(file))) continue;
    const root = roots.find((r) => file.startsWith(`${r}/`));
    sizes[root ?? "main"] += bytes;
  }
  return sizes;
}

test("the main package stays under 1 MB and every subpackage under 2 MB", () => {
  const sizes = packageSizes();
  // Kept with the screenshots so the figures can be quoted without rebuilding.
  const report = path.resolve(__dirname, "../../../artifacts/weapp-size.json");
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.writeFileSync(
    report,
    JSON.stringify(
      Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, `${(v / 1024).toFixed(1)} KB`])),
      null,
      2,
    ),
  );

  expect(sizes.main).toBeGreaterThan(0);
  expect(sizes.main).toBeLessThan(MAIN_LIMIT);
  for (const [root, bytes] of Object.entries(sizes)) {
    if (root !== "main")
      expect({ root, bytes: bytes < SUBPACKAGE_LIMIT ? "ok" : bytes }).toEqual({
        root,
        bytes: "ok",
      });
  }
});

test("tab pages are in the main package and every other page in a subpackage", () => {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, "app.json"), "utf8")) as {
    pages: string[];
    tabBar: { list: { pagePath: string }[] };
  };
  const tabs = app.tabBar.list.map((t) => t.pagePath);
  expect([...app.pages].sort()).toEqual([...tabs].sort());
});

test("zod and the contract schemas stay out of the bundle (routes are baked in as method and path)", () => {
  for (const [file] of listFiles()) {
    if (!file.endsWith(".js")) continue;
    const text = fs.readFileSync(path.join(WEAPP_DIR, file), "utf8");
    expect({ file, zod: /\$ZodType|ZodError|_zod\b/.test(text) }).toEqual({ file, zod: false });
  }
});
