/** @jest-environment node */
import fs from "node:fs";
import path from "node:path";

// 适老化 requirements checked against the design tokens themselves: contrast ≥ 4.5:1 for text,
// main text ≥ 18 pt (36 design px), touch targets ≥ 60 pt (120 design px) in elder mode.
const theme = fs.readFileSync(
  path.resolve(__dirname, "../../../miniapp/src/styles/theme.scss"),
  "utf8",
);

function block(selector: string): Record<string, string> {
  const start = theme.indexOf(`${selector} {`);
  const body = theme.slice(start, theme.indexOf("}", start));
  return Object.fromEntries(
    [...body.matchAll(/--ls-([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]),
  );
}

const normal = block(".ls-page");
const elder = { ...normal, ...block(".ls-page--elder") };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Text colour on the backgrounds it is used on.
const PAIRS: Array<[string, string]> = [
  ["color-text", "color-surface"],
  ["color-text", "color-bg"],
  ["color-text-2", "color-surface"],
  ["color-text-2", "color-bg"],
  ["color-text-3", "color-surface"],
  ["color-text-3", "color-bg"],
  ["color-primary", "color-surface"],
  ["color-primary", "color-bg"],
  ["color-on-primary", "color-primary"],
  ["color-on-primary", "color-primary-dark"],
  ["color-primary-dark", "color-primary-light"],
  ["color-danger", "color-surface"],
  ["color-danger", "color-danger-light"],
  ["color-warning", "color-warning-light"],
  ["color-warning", "color-surface"],
  ["color-success", "color-success-light"],
  ["color-on-primary", "color-danger"],
  ["color-on-primary", "color-warning"],
  ["color-on-primary", "color-success"],
  ["color-text-2", "color-primary-light"],
  ["color-text", "color-warning-light"],
  ["color-hit", "color-surface"],
];

describe.each([
  ["standard", normal],
  ["elder", elder],
])("%s mode tokens", (_mode, tokens) => {
  it.each(PAIRS)("%s on %s has contrast of at least 4.5:1", (fg, bg) => {
    expect(contrast(tokens[fg], tokens[bg])).toBeGreaterThanOrEqual(4.5);
  });
});

test("elder mode text is at least 18 pt and touch targets at least 60 pt", () => {
  const px = (v: string) => parseFloat(v);
  for (const size of ["font-small", "font-body", "font-title", "font-headline"])
    expect(px(elder[size])).toBeGreaterThanOrEqual(36);
  expect(px(elder["font-caption"])).toBeGreaterThan(px(normal["font-caption"]));
  expect(px(elder.tap)).toBeGreaterThanOrEqual(120);
});
