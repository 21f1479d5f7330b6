import { screenshot, settledFontSize, watchPageErrors } from "../support/browser";
import { useJourney } from "../support/journey";

// Journey 1 of issue 8: a business owner types everyday words, opens the item, runs the self-check.
jest.setTimeout(120_000);

const journey = useJourney();
const { server } = journey;

test("search in colloquial words → item page → self-check, in standard and elder mode", async () => {
  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await page.goto(server.url);

  await page.locator(".home__search input").fill("开个烧烤店");
  await page.getByText("搜索", { exact: true }).first().click();
  const first = page.locator(".ls-list-item").first();
  await first.waitFor();
  expect(await first.textContent()).toContain("食品经营");
  await first.click();

  await page.getByText("准入措施（", { exact: false }).waitFor();
  await page.getByText("庐山市承办部门").waitFor();
  await page.getByText("办事指南").first().waitFor();
  expect(await page.getByText("示例数据", { exact: true }).count()).toBeGreaterThan(0);
  await screenshot(page, "item");

  await page.getByRole("button", { name: "准入自查" }).click();
  const verdict = page.locator(".verdict").first();
  await verdict.waitFor();
  expect(await verdict.textContent()).toContain("需要许可");
  await screenshot(page, "self-check");

  // Something outside the list: the page says so instead of inventing a licence.
  await page.locator(".self-check__form textarea").fill("软件开发");
  await page.getByRole("button", { name: "开始自查" }).click();
  await page.getByText("共 1 项：1 项在清单之外").waitFor();

  await page.goto(`${server.url}/#/pages/me/index`);
  await page
    .getByRole("switch", { name: /长辈模式/ })
    .first()
    .click();
  await page.goto(`${server.url}/#/packages/list/item/index?code=S2048`);
  // The item page opened last: the one opened from the results can still be in Taro H5's stack.
  await page.locator(".item-page.ls-page--elder").last().waitFor();
  await page.getByText("庐山市承办部门").last().waitFor();
  expect(await settledFontSize(page.locator(".item-page__name"), 18)).toBeGreaterThanOrEqual(18);
  await screenshot(page, "item-elder");
  expect(errors).toEqual([]);
});

test("an unknown item code shows a clear error with a retry, not a blank page", async () => {
  const { page } = await journey.browser.newPhone();
  await page.goto(`${server.url}/#/packages/list/item/index?code=999999`);
  await page.getByText("加载失败").waitFor();
  await page.getByRole("button", { name: "重试" }).waitFor();
});
