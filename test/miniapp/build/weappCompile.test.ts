/** @jest-environment node */
import { requireWeappBuild, WEAPP_DIR, listFiles } from "./weappBuild";

// WeChat's own template and style compilers (wcc / wcsc, shipped in miniprogram-compiler) catch
// WXML and WXSS the devtools would reject, without the devtools or a network.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wcc = require("miniprogram-compiler/src/wcc") as (
  root: string,
  files: string[],
  wxs: string[],
  options: object,
) => string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wcsc = require("miniprogram-compiler/src/wcsc") as (
  root: string,
  files: string[],
  options: object,
) => Record<string, string> | Error;

requireWeappBuild();

const files = [...listFiles().keys()];
const stems = (ext: string) =>
  files.filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length));

test("every WXML template compiles with WeChat's wcc", () => {
  const wxml = stems(".wxml");
  expect(wxml).toEqual(expect.arrayContaining(["base", "pages/home/index", "pages/me/index"]));
  const wxs = files.filter((f) => f.endsWith(".wxs"));
  expect(() => wcc(WEAPP_DIR, wxml, wxs, {})).not.toThrow();
});

test("every WXSS stylesheet compiles with WeChat's wcsc", () => {
  const wxss = stems(".wxss");
  expect(wxss).toEqual(expect.arrayContaining(["app", "common"]));
  const result = wcsc(WEAPP_DIR, wxss, { maxBuffer: 16 * 1024 * 1024 });
  expect(result instanceof Error ? result.message : "compiled").toBe("compiled");
  expect(Object.keys(result)).toEqual(
    expect.arrayContaining(["comm", "pages/home/index.wxss", "pages/me/index.wxss"]),
  );
});
