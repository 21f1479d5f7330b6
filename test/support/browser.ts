import fs from "node:fs";
import path from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from "playwright-core";

/** Debian's Chromium (`apt-get install -y chromium`); browsers are never downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where screenshots of key screens go (gitignored; kept as CI artifacts). */
export const SCREENSHOT_DIR = path.resolve(__dirname, "../../artifacts/screenshots");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** A phone-sized browser: 375 × 812 CSS px at 2× like an iPhone, Chinese locale. */
export const PHONE = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "zh-CN",
} as const;

export interface TestBrowser {
  browser: Browser;
  /** A fresh, isolated browser profile (its own storage), like another person's phone. */
  newPhone(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Launches Debian Chromium through playwright-core (a fresh profile per launch).
 * Fails with a clear message when Chromium is missing.
 * @returns the browser and a factory for phone-sized contexts.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
    );
  }
  // playwright gives every launch a fresh temporary profile (--user-data-dir) and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: FLAGS,
    headless: true,
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPhone() {
      const context = await browser.newContext(PHONE);
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/**
 * Saves a full-page screenshot under artifacts/screenshots.
 * @param page the page.
 * @param name file name without extension, e.g. `home-elder`.
 * @returns the file path.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Collects uncaught page errors and failed same-origin requests, so a test can assert the
 * app ran cleanly.
 * @param page the page to watch.
 * @returns the list, filled as the page runs.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * The computed font size of the last element `locator` matches, once the page has settled.
 * Taro H5 keeps earlier pages in its stack and detaches them while a new page slides in, so a
 * read can land on a leaving element (no computed style: NaN) or on the page underneath; read
 * again until the size reaches `atLeast` or `timeoutMs` passes, and return the last reading so
 * the caller's assertion shows what was measured.
 */
export async function settledFontSize(
  locator: Locator,
  atLeast: number,
  timeoutMs = 5_000,
): Promise<number> {
  const target = locator.last();
  const deadline = Date.now() + timeoutMs;
  let size = NaN;
  do {
    await target.waitFor({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined);
    size = await target
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize), undefined, { timeout: 1_000 })
      .catch(() => NaN);
    if (size >= atLeast) return size;
    await target.page().waitForTimeout(100);
  } while (Date.now() < deadline);
  return size;
}
