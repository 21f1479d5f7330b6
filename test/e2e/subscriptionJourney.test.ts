import { editionItems } from "../../bff/src/commands/editionActivator";
import { editionDraftWriter } from "../../bff/src/commands/editionDraftWriter";
import { MessageModel } from "../../bff/src/models/message/message.schema";
import { SubscriptionModel } from "../../bff/src/models/subscription/subscription.schema";
import { buildStaff, tokenFor } from "../support/factories";
import { screenshot, watchPageErrors } from "../support/browser";
import { useJourney } from "../support/journey";

// Journey 3 of issue 8: subscribe to list changes from the phone, an administrator activates a
// new edition, the notice reaches the message center (browsers have no WeChat messages).
jest.setTimeout(120_000);

const journey = useJourney();
const { server } = journey;

test("subscribe to list changes → an admin activates a new edition → the message appears", async () => {
  // The seed's own edition notice goes out first, as the running worker would have sent it at start.
  await journey.drainAllJobs();
  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByRole("button", { name: "同意并继续" }).click();
  await page.getByText("公众用户").waitFor();

  await page.getByText("订阅设置", { exact: true }).click();
  await page.getByText("负面清单有调整时提醒我").click();
  await page.getByText("浏览器中无法接收微信提醒，所有通知都会发送到消息中心。").waitFor();
  await page.getByRole("button", { name: "保存订阅" }).click();
  await page.getByText("订阅已保存。有新内容时会通知到消息中心。").waitFor();
  await screenshot(page, "subscriptions");

  await page.goto(`${server.url}/#/packages/account/messages/index`);
  await page.getByText("还没有消息").waitFor();

  const items = await editionItems("sample");
  const changed = items.map(({ editionCode: _e, sample: _s, ...item }) =>
    item.code === "S2048"
      ? {
          ...item,
          measures: [...item.measures, { text: "新增：网络餐饮服务第三方平台备案", local: false }],
        }
      : item,
  );
  await editionDraftWriter({
    code: "sample-v2",
    title: "示例清单（第二版）",
    items: changed,
    sample: true,
  });
  const admin = tokenFor(server, await buildStaff("admin"));
  const activated = await server.post("/api/v1/admin/list/editions/sample-v2/activate", {
    token: admin,
  });
  expect(activated.status).toBe(200);
  await journey.drainAllJobs();
  // The notice exists on the server before the phone looks for it, so a failure below is the page's.
  const subscriber = await SubscriptionModel.findOne({ listAll: true }).sort({ updatedAt: -1 }).lean();
  expect(await MessageModel.countDocuments({ userId: subscriber!.userId, readAt: null })).toBe(1);

  // Back to the 我的 tab: showing it again reloads the unread count, as on a phone.
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.locator(".me .ls-badge__mark").waitFor();
  await page.getByText("消息中心", { exact: true }).click();
  const message = page.locator(".messages__item").first();
  await message.waitFor();
  expect(await message.textContent()).toContain("清单更新");
  await page.getByText("1 条未读").waitFor();
  await screenshot(page, "messages");

  await page.getByRole("button", { name: "全部标为已读" }).click();
  await page.getByText("全部已读").waitFor();
  expect(errors).toEqual([]);
});
