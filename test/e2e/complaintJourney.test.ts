import type { Page } from "playwright-core";
import { buildStaff, TEST_PASSWORD } from "../support/factories";
import { department, png } from "../support/complaintFactories";
import { screenshot as save, settledFontSize, watchPageErrors } from "../support/browser";
import { useJourney } from "../support/journey";

// Journey 2 of issue 8, as a new user would do it on a phone browser: sign in, file a complaint
// with a photo from a list item's 反映问题 button, a department officer (another browser) accepts
// and replies, the complainant reads the reply, rates it 不满意 and so sends it back (reopen).
jest.setTimeout(180_000);

const journey = useJourney();
const { server } = journey;

async function setElderMode(page: Page, on: boolean): Promise<void> {
  await page.goto(`${server.url}/#/pages/me/index`);
  const toggle = page.getByRole("switch", { name: "长辈模式" });
  await toggle.waitFor();
  if ((await page.locator(".ls-page--elder").count()) > 0 !== on) await toggle.click();
  await page
    .locator(".ls-page--elder")
    .first()
    .waitFor({ state: on ? "attached" : "detached" });
}

/** A screenshot once the page's slide-in transition (H5 router) has finished. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await save(page, name);
}

/** The native input or textarea with this placeholder (Taro's custom element carries it too). */
function field(page: Page, placeholder: string) {
  return page.locator(
    `input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`,
  );
}

async function next(page: Page): Promise<void> {
  await page.locator(".complaint-new__next").click();
}

test("file a complaint with a photo → staff accept and reply → the complainant rates 不满意 and it reopens", async () => {
  // ── The complainant: development login (H5), after agreeing to the privacy policy.
  const citizen = await journey.browser.newPhone();
  const page = citizen.page;
  const errors = watchPageErrors(page);
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByRole("button", { name: "同意并继续" }).click();
  await page.getByText("公众用户").waitFor();

  // The item page's 反映问题 button opens the form with the item already chosen.
  await page.goto(`${server.url}/#/packages/list/item/index?code=S2048`);
  await page.getByRole("button", { name: "反映问题" }).click();
  await page.getByText("第 1 步 / 共 7 步：问题类型").waitFor();

  // Leaving a step unanswered explains what is missing instead of moving on.
  await next(page);
  await page.getByText("请选择最接近的问题类型").waitFor();
  await page.getByText("B05 违规扩大审批范围、变更或增设审批条件").click();
  await screenshot(page, "complaint-new-type");
  await next(page);

  await page.getByText("第 2 步 / 共 7 步：涉及事项").waitFor();
  await page.locator(".complaint-new__picked-code").getByText("事项编码 S2048").waitFor();
  await next(page);

  await page.getByText("第 3 步 / 共 7 步：问题经过").waitFor();
  await field(page, "如：办食品经营许可被要求先办消防证明").fill(
    "办食品经营许可被要求先交消防证明",
  );
  await field(page, "请尽量写清楚时间、地点、经办部门和具体要求").fill(
    "11月20日在政务服务中心窗口办理食品经营许可，工作人员要求先提供消防安全检查合格证明才受理，小餐馆不在消防审批范围内。",
  );
  await field(page, "如：某某局政务服务窗口").fill("市政务服务中心食品经营许可窗口");
  await next(page);
  await page.getByText("请选择发生在哪个乡镇（街道）").waitFor();
  await page.locator(".ls-picker-field").click();
  await page.getByText("确定", { exact: true }).click();
  await page.locator(".ls-picker-field__text").getByText("南康镇").waitFor();
  await next(page);

  // Evidence photo: the platform's image picker is a file chooser in browsers.
  await page.getByText("第 4 步 / 共 7 步：证据照片").waitFor();
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    page.getByText("添加照片").click(),
  ]);
  await chooser.setFiles({ name: "notice.png", mimeType: "image/png", buffer: await png(64) });
  await page.locator(".ls-uploader__item--done").waitFor();
  await screenshot(page, "complaint-new-photo");
  await next(page);

  await page.getByText("第 5 步 / 共 7 步：经营主体和联系人").waitFor();
  await field(page, "营业执照上的名称").fill("庐山市南康镇好味道小吃店");
  await field(page, "如 91360483MA35XXXXXX").fill("91360483MA35000001");
  await field(page, "怎么称呼您").fill("李女士");
  await field(page, "手机号或固定电话").fill("13912345678");
  await next(page);
  // A mistyped credit code is caught by its check character before anything is sent.
  await page.getByText("统一社会信用代码不正确，请核对 18 位代码").waitFor();
  await field(page, "如 91360483MA35XXXXXX").fill("");
  await next(page);

  await page.getByText("第 6 步 / 共 7 步：是否保密").waitFor();
  await page.getByText("不需要保密", { exact: true }).click();
  await next(page);

  // The draft survives leaving the page: reload and find everything still there.
  await page.getByText("第 7 步 / 共 7 步：核对提交").waitFor();
  await page.reload();
  await page.getByText("第 7 步 / 共 7 步：核对提交").waitFor();
  await page.getByText("办食品经营许可被要求先交消防证明").waitFor();
  await page.getByText("证据照片（1 张）").waitFor();
  await screenshot(page, "complaint-new-review");

  const created = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/complaints") && r.request().method() === "POST",
  );
  await page.locator(".complaint-new__next").click();
  const response = await created;
  expect(response.status()).toBe(201);
  expect(response.request().headers()["idempotency-key"]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  await page.getByText("已收到您反映的问题").waitFor();
  const ticketNo = (await page.locator(".complaint-new__ticket").textContent())!.trim();
  expect(ticketNo).toMatch(/^LS\d{12,14}$/);
  await screenshot(page, "complaint-done");

  // ── The handling department (市场监管, the item's department) in another browser.
  const officer = await buildStaff("dept_staff", {
    department: (await department("scjgj")) as never,
    displayName: "王科员",
  });
  const staff = await journey.browser.newPhone();
  const desk = staff.page;
  const staffErrors = watchPageErrors(desk);
  await desk.goto(`${server.url}/#/packages/account/staff-login/index`);
  await field(desk, "如 scjgj.staff").fill(officer.username!);
  await field(desk, "请输入密码").fill(TEST_PASSWORD);
  await desk.getByRole("button", { name: "登录", exact: true }).click();
  await desk.getByText("已登录工作人员账号").waitFor();

  await desk.getByRole("button", { name: "进入工作台" }).click();
  await desk.getByText("待办概况").waitFor();
  await desk.locator(".staff-home__count").first().waitFor();
  await screenshot(desk, "staff-home");
  await desk.getByText("投诉办理", { exact: true }).click();
  const card = desk.locator(".ls-complaint-card", { hasText: ticketNo });
  await card.waitFor();
  // Personal data is masked in the queue.
  expect(await card.textContent()).toContain("李*");
  await screenshot(desk, "staff-complaints");
  await card.click();

  await desk.getByText(`受理编号 ${ticketNo}`, { exact: false }).waitFor();
  const actions = desk.locator(".staff-complaint__actions");
  await actions.getByRole("button", { name: "受理" }).waitFor();
  // Exactly the actions the lifecycle allows for a department on an assigned complaint.
  expect(await actions.getByRole("button").allTextContents()).toEqual(
    expect.arrayContaining(["受理", "退单", "内部备注"]),
  );
  expect(await actions.getByRole("button", { name: "答复" }).count()).toBe(0);
  await screenshot(desk, "staff-complaint");
  await actions.getByRole("button", { name: "受理" }).click();
  await desk.getByRole("button", { name: "确认受理" }).click();
  await desk.getByText("已受理").waitFor();

  await actions.getByRole("button", { name: "答复" }).click();
  await desk.getByRole("button", { name: "确认答复" }).click();
  await desk.getByText("请填写答复内容").waitFor();
  const reply = "经核查，小型餐饮店不需要提供消防安全检查合格证明，已责令窗口立即受理您的申请。";
  await field(desk, "写明核查情况、处理结果和依据").fill(reply);
  await screenshot(desk, "staff-reply");
  await desk.getByRole("button", { name: "确认答复" }).click();
  await desk.getByText("已答复", { exact: true }).waitFor();
  expect(staffErrors).toEqual([]);

  // ── Back on the complainant's phone: the progress notice is in the message center and leads
  // to the complaint.
  await journey.drainAllJobs();
  await page.goto(`${server.url}/#/packages/account/messages/index`);
  const notice = page.locator(".messages__item", { hasText: "办理进度" }).first();
  await notice.waitFor();
  await notice.getByText("查看办理进度 ›").click();
  await page.locator(".complaint-detail__reply").waitFor();
  expect(page.url()).toContain(`ticketNo=${ticketNo}`);

  // The reply is there; not satisfied, so it goes back.
  await page.goto(`${server.url}/#/pages/me/index`);
  await page.getByText("我的反映", { exact: true }).click();
  await page.locator(".ls-complaint-card", { hasText: ticketNo }).click();
  await page.locator(".complaint-detail__reply").getByText(reply).waitFor();
  await page.getByText("您对这次答复满意吗？").waitFor();
  await screenshot(page, "complaint-detail-replied");
  await page.locator(".ls-choice", { hasText: "不满意" }).click();
  await page.getByRole("button", { name: "不满意，要求重新办理" }).click();
  await page.getByText("请说说哪里不满意，便于承办部门重新办理").waitFor();
  await field(page, "如：问题没有解决、答复没有依据").fill("窗口仍然不受理，问题没有解决。");
  await page.getByRole("button", { name: "不满意，要求重新办理" }).click();
  await page.getByText("评价已提交").waitFor();
  await page.getByText("已退回承办部门重新办理，有新的答复会通知您。").waitFor();
  await page.locator(".complaint-detail__header").getByText("办理中").waitFor();
  await screenshot(page, "complaint-detail-reopened");

  // The department sees it back in its hands, with the rating, and may reply again.
  await desk.reload();
  await desk.getByText("窗口仍然不受理，问题没有解决。").first().waitFor();
  await actions.getByRole("button", { name: "答复" }).waitFor();

  // Elder mode: the same screens, larger.
  await setElderMode(page, true);
  await page.goto(`${server.url}/#/packages/complaint/detail/index?ticketNo=${ticketNo}`);
  // Read the pages opened last: the detail and the wizard were opened earlier in this journey and
  // can still be in Taro H5's stack (CI once read the title while the old detail page was leaving
  // the document, NaN).
  await page.getByText("我的评价").last().waitFor();
  expect(
    await settledFontSize(page.locator(".complaint-detail__title"), 18),
  ).toBeGreaterThanOrEqual(18);
  await screenshot(page, "complaint-detail-elder");
  await page.goto(`${server.url}/#/packages/complaint/new/index`);
  await page.getByText("第 1 步 / 共 7 步：问题类型").last().waitFor();
  const nextBox = await page.locator(".complaint-new__next").last().boundingBox();
  expect(nextBox!.height).toBeGreaterThanOrEqual(60);
  expect(await settledFontSize(page.locator(".ls-choice__description"), 18)).toBeGreaterThanOrEqual(
    18,
  );
  // Examples are extra reading: elder mode leaves them out.
  expect(await page.locator(".complaint-new__example").last().isVisible()).toBe(false);
  await screenshot(page, "complaint-new-elder");
  await page.goto(`${server.url}/#/packages/complaint/mine/index`);
  await page.locator(".ls-complaint-card").first().waitFor();
  await screenshot(page, "complaint-mine-elder");
  await setElderMode(page, false);

  await setElderMode(desk, true);
  await desk.goto(`${server.url}/#/packages/staff/complaint/index?ticketNo=${ticketNo}`);
  await desk.getByText(`受理编号 ${ticketNo}`, { exact: false }).waitFor();
  await screenshot(desk, "staff-complaint-elder");

  expect(errors).toEqual([]);
});
