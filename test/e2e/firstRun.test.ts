import type { Page } from "playwright-core";
import { screenshot, watchPageErrors } from "../support/browser";
import { useJourney } from "../support/journey";

// A first-time visitor on a phone browser: the H5 build served by the real BFF on the embedded
// database with the development seed (sample list, departments, staff accounts).
jest.setTimeout(120_000);

const journey = useJourney();
const { server } = journey;

async function bodyFontSize(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

test("the home page loads, elder mode enlarges it and survives a reload", async () => {
  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await page.goto(server.url);
  await page.getByText("市场准入服务", { exact: true }).waitFor();
  await page.getByText("准入自查", { exact: true }).first().waitFor();
  await screenshot(page, "home");

  const normal = await bodyFontSize(page, ".home__rule");
  await page.getByRole("switch", { name: "长辈模式" }).click();
  await page.locator(".ls-page--elder").first().waitFor();
  const elder = await bodyFontSize(page, ".home__rule");
  expect(normal).toBeLessThan(18);
  expect(elder).toBeGreaterThanOrEqual(18);
  const tap = await page.getByRole("switch", { name: "长辈模式" }).boundingBox();
  expect(tap!.height).toBeGreaterThanOrEqual(60);
  await screenshot(page, "home-elder");

  await page.reload();
  await page.locator(".ls-page--elder").first().waitFor();
  await page.getByRole("switch", { name: "长辈模式" }).click();
  await page.locator(".ls-page--elder").waitFor({ state: "detached" });
  expect(errors).toEqual([]);
});

test("a new visitor signs in from 我的 after agreeing to the privacy policy", async () => {
  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.getByText("您还没有登录").waitFor();
  await page.getByRole("button", { name: "登录", exact: true }).click();

  await page.getByText("登录前，请阅读并同意隐私政策").waitFor();
  await screenshot(page, "privacy-prompt");
  await page.getByRole("button", { name: "同意并继续" }).click();

  await page.getByText("公众用户").waitFor();
  expect(await page.getByText("您还没有登录").count()).toBe(0);
  await screenshot(page, "me-signed-in");

  await page.reload();
  await page.getByText("公众用户").waitFor();
  expect(errors).toEqual([]);
});

test("searching in everyday words from the home page lists matching items with the sample notice", async () => {
  const { page } = await journey.browser.newPhone();
  await page.goto(server.url);
  const box = page.locator(".home__search input");
  await box.fill("开饭店");
  await page.keyboard.press("Enter");
  await page.getByText(/“开饭店”相关事项 \d+ 项/).waitFor();
  await page.getByText("示例数据", { exact: true }).first().waitFor();
  expect(await page.locator(".ls-list-item").first().textContent()).toContain("食品经营");
  await screenshot(page, "list-search");
});
