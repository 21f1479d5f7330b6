import fs from "node:fs";
import type { Page } from "playwright-core";
import type { StaffCaseView } from "@lushan/shared";
import { HotlineDispatcher } from "../../bff/src/hotline/dispatcher";
import { createLogger } from "../../bff/src/logger";
import { TEST_PASSWORD } from "../support/factories";
import {
  citizen,
  complaintIn,
  coordinator,
  hotlineOperator,
  staffOf,
  storedComplaint,
  type TestUser,
} from "../support/complaintFactories";
import { screenshot as save, settledFontSize, watchPageErrors } from "../support/browser";
import { useJourney } from "../support/journey";

// The staff tools of issue 8 as their users meet them on a phone browser: a 12345 operator takes
// a call, files it and dispatches it to a department; the 发改 coordinator turns a handled
// complaint into a published 典型案例通报 after the anonymity check, and citizens find it in the
// case library. Screens are saved in normal and elder mode.
jest.setTimeout(240_000);

const journey = useJourney({ env: { COMPLAINT_DAILY_LIMIT: "0" } });
const { server } = journey;

/** A screenshot once the page's slide-in transition (H5 router) has finished. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await save(page, name);
}

function field(page: Page, placeholder: string) {
  return page.locator(
    `input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`,
  );
}

/** Opens a picker field by its label and confirms the option with this text. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.locator(".ls-field", { hasText: label }).locator(".ls-picker-field").click();
  // Every picker field keeps its own (hidden) wheel in the page: use the one that opened. A tap
  // on a row (through the wheel's mask, as on a phone) turns the wheel to it.
  await page
    .locator(".weui-picker__action", { hasText: "确定" })
    .filter({ visible: true })
    .waitFor();
  await page.waitForTimeout(400); // the wheel slides up
  await page
    .locator(".weui-picker__item", { hasText: option })
    .filter({ visible: true })
    .first()
    .click({ force: true });
  await page.locator(".weui-picker__action", { hasText: "确定" }).filter({ visible: true }).click();
  await page
    .locator(".ls-field", { hasText: label })
    .locator(".ls-picker-field__text", { hasText: option })
    .waitFor();
}

async function staffLogin(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/#/packages/account/staff-login/index`);
  await field(page, "如 scjgj.staff").fill(username);
  await field(page, "请输入密码").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByText("已登录工作人员账号").waitFor();
  await page.getByRole("button", { name: "进入工作台" }).click();
  await page.getByText("工作工具").waitFor();
}

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

test("a 12345 operator files a phone call and dispatches it to 市场监管; the department sees it", async () => {
  const operator = await hotlineOperator(server);
  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await staffLogin(page, operator.user.username!);
  await screenshot(page, "staff-home-operator");
  await page.getByText("电话登记", { exact: true }).click();

  await page.getByText("边接听边记录", { exact: false }).waitFor();
  // Submitting an empty form says what is missing.
  await page.getByRole("button", { name: "提交登记" }).click();
  await page.getByText("请填写来电人姓名").waitFor();
  await field(page, "如：张先生").fill("赵先生");
  await field(page, "手机号或固定电话").fill("13907920001");
  await pick(page, "问题类型", "B03");
  await field(page, "一句话概括，如：开餐馆被要求先办某证").fill(
    "来电反映主管部门只让本系统企业承接检测业务",
  );
  await field(page, "时间、地点、哪个窗口或人员要求了什么").fill(
    "来电人称其检测公司资质齐全，但主管部门口头要求只能由本系统下属单位承接本地检测业务，民营企业报不上名。",
  );
  await field(page, "如：某局某窗口").fill("某主管部门");
  await pick(page, "发生地", "南康镇");
  await screenshot(page, "hotline-intake");

  const filed = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/complaints") && r.request().method() === "POST",
  );
  await page.getByRole("button", { name: "提交登记" }).click();
  const response = await filed;
  expect(response.status()).toBe(201);
  expect(response.request().headers()["idempotency-key"]).toMatch(/^phone_[A-Za-z0-9_]+$/);
  await page.getByText("已登记", { exact: true }).waitFor();
  const ticketNo = ((await page.locator(".phone-intake__ticket").textContent()) ?? "")
    .replace("受理编号", "")
    .trim();
  expect(ticketNo).toMatch(/^LS\d{12,14}$/);
  expect(await storedComplaint(ticketNo)).toMatchObject({ channel: "phone", status: "submitted" });
  await screenshot(page, "hotline-intake-done");

  // The worker hands the work order to the in-product queue (no 12345 platform configured).
  await new HotlineDispatcher({ config: server.config, log: createLogger("silent") }).runOnce();

  await page.getByRole("button", { name: "到 12345 工单队列派单" }).click();
  const card = page.locator(".ls-record-card", { hasText: ticketNo });
  await card.getByText("待领取").waitFor();
  await card.getByText("领取后显示来电人姓名和电话").waitFor();
  await card.getByRole("button", { name: "领取" }).click();
  await card.getByText("已领取，请签收后派单").waitFor();
  await card.getByText("来电人：赵先生 13907920001").waitFor();
  await card.getByRole("button", { name: "签收" }).click();
  await card.locator(".ls-notice", { hasText: "已签收" }).waitFor();
  await card.getByRole("button", { name: "派单到部门" }).click();
  await pick(page, "承办部门", "庐山市市场监督管理局");
  await field(page, "如：来电人希望尽快回电").fill("来电人希望尽快回电");
  await screenshot(page, "hotline-dispatch");
  await card.getByRole("button", { name: "确认派单" }).click();
  await card.getByText("已派单到庐山市市场监督管理局，部门会在工作台看到").waitFor();
  await card.locator(".ls-tag--solid", { hasText: "已派单" }).waitFor();
  await screenshot(page, "hotline-queue");

  // The department has it on its workbench.
  const officer = await staffOf(server, "scjgj");
  const list = await server.get<{ items: { ticketNo: string; status: string }[] }>(
    "/api/v1/staff/complaints",
    {
      token: officer.token,
      query: { status: "assigned", pageSize: 100 },
    },
  );
  expect(list.body.items.map((i) => i.ticketNo)).toContain(ticketNo);

  await setElderMode(page, true);
  await page.goto(`${server.url}/#/packages/staff/hotline/index?view=all`);
  // The queue page opened last; the earlier one stays in Taro H5's page stack.
  const elderTitle = page
    .locator(".ls-record-card", { hasText: ticketNo })
    .last()
    .locator(".ls-record-card__title");
  const size = await settledFontSize(elderTitle, 18);
  expect(size).toBeGreaterThanOrEqual(18);
  await screenshot(page, "hotline-queue-elder");
  await page.goto(`${server.url}/#/packages/staff/phone-intake/index`);
  await page.getByText("边接听边记录", { exact: false }).last().waitFor();
  await screenshot(page, "hotline-intake-elder");
  await setElderMode(page, false);
  expect(errors).toEqual([]);
});

test("the coordinator edits a proposed case past the anonymity check and publishes it; citizens find it in the library", async () => {
  const cast = {
    owner: await citizen(server),
    handler: await staffOf(server, "scjgj"),
    coordinator: await coordinator(server),
  } satisfies Record<string, TestUser>;
  const ticket = await complaintIn(server, "closed", cast, {
    contact: { name: "刘建华", phone: "13912345678" },
  });
  const proposed = await server.post<StaffCaseView>("/api/v1/staff/cases", {
    token: cast.handler.token,
    body: { ticketNo: ticket, reason: "窗口额外要求证明材料，具有代表性" },
  });
  expect(proposed.status).toBe(201);

  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await staffLogin(page, cast.coordinator.user.username!);
  await page.getByText("典型案例", { exact: true }).click();
  const card = page.locator(".ls-record-card", { hasText: `来源投诉 ${ticket}` });
  await card.getByText("待编辑发布").waitFor();
  await screenshot(page, "cases-staff-list");
  await card.click();

  await page.getByText(`来源投诉：${ticket}`, { exact: false }).waitFor();
  const summary = field(page, "写清经过：哪个单位、提出了什么要求、为什么构成壁垒");
  const title = field(page, "不超过 64 个字，不写个人或企业名称");
  await title.fill("市场监管窗口违规要求额外证明材料");
  // The checker runs on the text as it is typed: a phone number is caught before saving.
  const original = await summary.inputValue();
  await summary.fill(`${original}投诉人刘建华，联系电话 13912345678。`);
  await page.getByText(/发现 \d+ 处个人信息，发布前须改写/).waitFor({ timeout: 15_000 });
  await page.locator(".case-edit__finding", { hasText: "139****5678" }).waitFor();
  expect(await page.getByRole("button", { name: "发布为典型案例通报" }).isDisabled()).toBe(true);
  await screenshot(page, "case-edit-findings");

  await summary.fill(original);
  await page.getByText("脱敏检查通过").waitFor({ timeout: 15_000 });
  await page.getByRole("button", { name: "保存修改" }).click();
  await page.getByText("已保存", { exact: true }).waitFor();
  await page.getByRole("button", { name: "发布为典型案例通报" }).click();
  await page.getByText("已发布为典型案例通报，已进入案例库和政策动态").waitFor();
  await page.locator(".case-edit__head").getByText("已通报").waitFor();
  await screenshot(page, "case-edit-published");
  expect(errors).toEqual([]);

  // A citizen, not signed in, finds it in the public case library, without personal data.
  const visitor = await journey.browser.newPhone();
  const reader = visitor.page;
  const readerErrors = watchPageErrors(reader);
  await reader.goto(`${server.url}/#/packages/cases/library/index`);
  const entry = reader.locator(".ls-record-card", { hasText: "市场监管窗口违规要求额外证明材料" });
  await entry.waitFor();
  await screenshot(reader, "case-library");
  await entry.click();
  await reader
    .locator(".case-detail__title", { hasText: "市场监管窗口违规要求额外证明材料" })
    .waitFor();
  // The detail page itself, not the library page that stays under it in Taro H5's stack.
  const detail = reader.locator(".ls-page", { has: reader.locator(".case-detail__title") }).last();
  const text = (await detail.textContent()) ?? "";
  expect(text).toContain("市场监管窗口违规要求额外证明材料");
  for (const secret of ["刘建华", "13912345678", ticket]) expect(text).not.toContain(secret);
  await screenshot(reader, "case-detail");

  await setElderMode(reader, true);
  await reader.goto(`${server.url}/#/packages/cases/library/index`);
  await reader.locator(".ls-record-card").first().waitFor();
  await screenshot(reader, "case-library-elder");
  await reader.goto(`${server.url}/#/packages/cases/board/index`);
  await reader.getByText("受理反映").waitFor();
  await screenshot(reader, "rectification-board-elder");
  await setElderMode(reader, false);
  expect(readerErrors).toEqual([]);
});

test("the coordinator opens a rectification task and signs it off after the department's evidence; the board shows it; stats draw their charts", async () => {
  const cast = {
    owner: await citizen(server),
    handler: await staffOf(server, "scjgj"),
    coordinator: await coordinator(server),
  } satisfies Record<string, TestUser>;
  const ticket = await complaintIn(server, "closed", cast);

  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await staffLogin(page, cast.coordinator.user.username!);
  await page.getByText("整改台账", { exact: true }).click();
  await page.getByRole("button", { name: "新建整改事项" }).click();
  await page.getByRole("button", { name: "建立事项" }).click();
  await page.getByText("请填写来源投诉编号").waitFor();
  await field(page, "如 LS202611240001").fill(ticket);
  await page
    .locator(".ls-field", { hasText: "问题描述" })
    .locator("textarea")
    .fill("窗口在许可办理中额外要求提供法规没有规定的证明材料。");
  await pick(page, "责任部门", "庐山市市场监督管理局");
  await field(page, "如：王科长").fill("王科长");
  await page.locator(".ls-field", { hasText: "整改期限" }).locator(".ledger__pick").click();
  await page.locator(".weui-picker__action", { hasText: "确定" }).filter({ visible: true }).click();
  await page.locator(".ledger__pick", { hasText: /^\d{4}-\d{2}-\d{2}$/ }).waitFor();
  await screenshot(page, "ledger-create");
  await page.getByRole("button", { name: "建立事项" }).click();
  await page
    .locator(".ledger-detail__problem", { hasText: "额外要求提供法规没有规定的证明材料" })
    .waitFor();
  await page.locator(".ledger-detail__head").getByText("待整改").waitFor();
  const id = new URL(page.url().replace("/#/", "/")).searchParams.get("id")!;
  expect(id).toMatch(/^[0-9a-f]{24}$/);

  // The department works it from its own workbench (here through the API) and asks for sign-off.
  for (const body of [
    { action: "start", measures: "责令窗口立即停止要求额外证明材料，并对窗口人员开展培训。" },
    {
      action: "request_signoff",
      evidence: [{ text: "整改通知（庐市监〔2026〕12号）", url: null }],
      note: "已整改到位",
    },
  ]) {
    const res = await server.post(`/api/v1/staff/rectifications/${id}/actions`, {
      token: cast.handler.token,
      body,
    });
    expect(res.status).toBe(200);
  }

  await page.reload();
  await page.locator(".ledger-detail__head").getByText("待销号确认").waitFor();
  await page.getByText("整改通知（庐市监〔2026〕12号）", { exact: false }).waitFor();
  await page.getByRole("button", { name: "确认销号" }).click();
  await page.getByText("请填写公示说明").waitFor();
  await page
    .locator(".ls-field", { hasText: "公示说明" })
    .locator("textarea")
    .fill("窗口已停止要求额外证明材料，相关人员已培训。");
  await page.getByRole("button", { name: "确认销号" }).click();
  await page.getByText("已确认销号").waitFor();
  await page.locator(".ledger-detail__head").getByText("已销号").waitFor();
  await page.locator(".ledger-detail__head").scrollIntoViewIfNeeded();
  await screenshot(page, "ledger-signed-off");

  // Efficiency statistics: figures, charts drawn on the canvas, the table below.
  await page.goto(`${server.url}/#/packages/staff/stats/index`);
  await page.getByText("总体情况").waitFor();
  await page.getByText("各部门数据", { exact: true }).waitFor();
  const drawn = await page.waitForFunction(() => {
    const canvas = document.querySelector("#statsVolume canvas") as HTMLCanvasElement | null;
    if (!canvas || canvas.width === 0) return false;
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 && data[i + 3] > 0) coloured++;
    return coloured > 100;
  });
  expect(await drawn.jsonValue()).toBe(true);
  await screenshot(page, "stats");
  // CSV export: fetched with the access token and saved as a file.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "导出 CSV（各部门数据表）" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^效能统计_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toContain("庐山市市场监督管理局");
  await page.getByText("已下载 CSV 文件，可用表格软件打开。").waitFor();
  // The page scrolls inside the app's body, so full-page shots stop at the fold: show the charts too.
  await page.locator("#statsRates").scrollIntoViewIfNeeded();
  await screenshot(page, "stats-charts");
  await setElderMode(page, true);
  await page.goto(`${server.url}/#/packages/staff/stats/index`);
  // The page opened last: the earlier stats page can still be in Taro H5's stack (CI once found
  // two #statsVolume canvases here).
  await page.getByText("总体情况").last().waitFor();
  await page.locator("#statsVolume canvas").last().waitFor();
  await screenshot(page, "stats-elder");
  await page.locator("#statsRates").last().scrollIntoViewIfNeeded();
  await screenshot(page, "stats-charts-elder");
  await setElderMode(page, false);
  expect(errors).toEqual([]);

  // The public board lists it, anonymised.
  const visitor = await journey.browser.newPhone();
  await visitor.page.goto(`${server.url}/#/packages/cases/board/index`);
  await visitor.page
    .locator(".ls-record-card", { hasText: "窗口已停止要求额外证明材料" })
    .waitFor();
  await screenshot(visitor.page, "rectification-board");
});

test("the coordinator writes a policy post, saves a draft, publishes it; it appears in the public feed", async () => {
  const coord = await coordinator(server);
  const { page } = await journey.browser.newPhone();
  const errors = watchPageErrors(page);
  await staffLogin(page, coord.user.username!);
  await page.getByText("政策动态稿件", { exact: true }).click();
  await page.getByRole("button", { name: "写新稿件" }).click();
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.getByText("请填写标题").waitFor();
  await field(page, "不超过 64 个字").fill("小餐饮店办理食品经营许可不需要消防证明");
  await field(page, "列表中显示的一两句话，可不填").fill(
    "市场监管局解读：小型餐饮店办证材料清单。",
  );
  await field(page, "直接输入正文").fill(
    "根据现行规定，小型餐饮店办理食品经营许可时，窗口不得要求提供消防安全检查合格证明。\n\n## 需要准备的材料\n- 食品经营许可申请书\n- 营业执照复印件",
  );
  await field(page, "如：餐饮，食品销售（用逗号分隔）").fill("餐饮");
  await screenshot(page, "policy-edit-new");
  await page.getByRole("button", { name: "保存为草稿" }).click();
  await page.getByText("已保存（第 1 版）").waitFor();
  await page.locator(".policy-edit__status").getByText("草稿").waitFor();
  await page.getByRole("button", { name: "立即发布" }).click();
  await page.getByText("已发布，订阅用户会收到通知").waitFor();
  await page.locator(".policy-edit__status").getByText("已发布").waitFor();
  await page.locator(".policy-edit__status").scrollIntoViewIfNeeded();
  await screenshot(page, "policy-edit-published");

  await setElderMode(page, true);
  await page.goto(`${server.url}/#/packages/staff/policies/index`);
  await page
    .locator(".ls-record-card", { hasText: "小餐饮店办理食品经营许可不需要消防证明" })
    .filter({ visible: true })
    .waitFor();
  await screenshot(page, "policies-elder");
  await setElderMode(page, false);
  expect(errors).toEqual([]);

  // The public feed shows it, with the body as paragraphs, a subheading and a list.
  const feed = await server.get<{ items: { id: string; title: string }[] }>("/api/v1/policies", {
    query: { q: "消防证明" },
  });
  const post = feed.body.items.find((p) => p.title === "小餐饮店办理食品经营许可不需要消防证明");
  expect(post).toBeDefined();
  const detail = await server.get<{ body: string }>(`/api/v1/policies/${post!.id}`);
  expect(detail.body.body).toContain("<h3>需要准备的材料</h3>");
  expect(detail.body.body).toContain("<li>营业执照复印件</li>");
});
