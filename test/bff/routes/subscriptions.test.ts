import type { SubscriptionView, TemplateConsentView } from "@lushan/shared";
import { ConsentModel } from "../../../bff/src/models/consent/consent.schema";
import { SubscriptionModel } from "../../../bff/src/models/subscription/subscription.schema";
import { getTestServer } from "../../support/server";
import { citizen, TEMPLATES } from "../notifications/support";

type ErrorReply = { error: { code: string; message: string } };

describe("subscriptions and consents", () => {
  const server = getTestServer({ seed: true, wechat: true, env: { ...TEMPLATES, WECHAT_LONG_TERM_TEMPLATES: "complaint_progress" } });
  const tpl = (view: { templates: TemplateConsentView[] }, key: string) => view.templates.find((t) => t.key === key)!;

  it("requires a login", async () => {
    expect((await server.get("/api/v1/subscriptions")).status).toBe(401);
    expect((await server.put("/api/v1/subscriptions", { body: { listAll: true, items: [], industries: [], categories: [] } })).status).toBe(401);
    expect((await server.post("/api/v1/subscriptions/consents", { body: { results: { [TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE]: "accept" } } })).status).toBe(401);
  });

  it("starts empty, always following one's own complaints, and tells which templates to ask for", async () => {
    const s = await citizen(server);
    const res = await server.get<SubscriptionView>("/api/v1/subscriptions", { token: s.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ listAll: false, items: [], industries: [], categories: [], complaints: true, updatedAt: null });
    expect(res.body.templates).toEqual([
      { key: "list_update", title: "清单更新提醒", templateId: TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE, kind: "one_time", credits: 0, standing: false, lastResult: null, canPush: false, shouldAsk: true },
      { key: "policy_update", title: "政策发布提醒", templateId: TEMPLATES.WECHAT_TEMPLATE_POLICY_UPDATE, kind: "one_time", credits: 0, standing: false, lastResult: null, canPush: false, shouldAsk: true },
      { key: "complaint_progress", title: "投诉办理进度通知", templateId: TEMPLATES.WECHAT_TEMPLATE_COMPLAINT_PROGRESS, kind: "long_term", credits: 0, standing: false, lastResult: null, canPush: false, shouldAsk: true },
    ]);
  });

  it("saves topics as a whole, with item names, and derives the indexed topics", async () => {
    const s = await citizen(server);
    const res = await server.put<SubscriptionView>("/api/v1/subscriptions", {
      token: s.token,
      body: { listAll: true, items: ["S2048", "S2048"], industries: ["住宿和餐饮业"], categories: ["政策解读", "庐山发布"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ listAll: true, industries: ["住宿和餐饮业"], categories: ["政策解读", "庐山发布"] });
    expect(res.body.items).toEqual([{ code: "S2048", name: expect.any(String) }]);
    const row = await SubscriptionModel.findOne({ userId: s.user._id }).lean();
    expect(row!.topics).toEqual(["list:any", "item:S2048", "industry:住宿和餐饮业", "category:政策解读", "category:庐山发布"]);
    const cleared = await server.put<SubscriptionView>("/api/v1/subscriptions", { token: s.token, body: { listAll: false, items: [], industries: [], categories: [] } });
    expect(cleared.body).toMatchObject({ listAll: false, items: [], categories: [] });
    expect((await SubscriptionModel.findOne({ userId: s.user._id }).lean())!.topics).toEqual([]);
  });

  it("refuses unknown items, categories and fields with coded 400s", async () => {
    const s = await citizen(server);
    const put = async (body: unknown) => server.put<ErrorReply>("/api/v1/subscriptions", { token: s.token, body });
    expect((await put({ listAll: false, items: ["999999"], industries: [], categories: [] })).body.error.code).toBe("validation_failed");
    expect((await put({ listAll: false, items: [], industries: [], categories: ["新闻"] })).body.error.code).toBe("validation_failed");
    expect((await put({ listAll: false, items: [], industries: [], categories: [], userId: "x" })).body.error.code).toBe("validation_failed");
    expect((await put({ listAll: "yes", items: [], industries: [], categories: [] })).status).toBe(400);
    expect((await put({ listAll: false, items: Array.from({ length: 201 }, () => "S2048"), industries: [], categories: [] })).status).toBe(400);
  });

  it("counts one-time acceptances as credits and keeps them through a rejection", async () => {
    const s = await citizen(server);
    const send = (results: Record<string, string>) => server.post<{ templates: TemplateConsentView[] }>("/api/v1/subscriptions/consents", { token: s.token, body: { results, errMsg: "requestSubscribeMessage:ok" } });
    let res = await send({ [TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE]: "accept", [TEMPLATES.WECHAT_TEMPLATE_POLICY_UPDATE]: "reject" });
    expect(res.status).toBe(200);
    expect(tpl(res.body, "list_update")).toMatchObject({ credits: 1, canPush: true, shouldAsk: false, lastResult: "accept" });
    expect(tpl(res.body, "policy_update")).toMatchObject({ credits: 0, canPush: false, shouldAsk: true, lastResult: "reject" });
    res = await send({ [TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE]: "accept" });
    expect(tpl(res.body, "list_update").credits).toBe(2);
    res = await send({ [TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE]: "reject" });
    expect(tpl(res.body, "list_update")).toMatchObject({ credits: 2, lastResult: "reject" });
    res = await send({ [TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE]: "filter" });
    expect(tpl(res.body, "list_update")).toMatchObject({ credits: 2, lastResult: "filter" });
    res = await send({ [TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE]: "ban" });
    expect(tpl(res.body, "list_update")).toMatchObject({ credits: 0, canPush: false, shouldAsk: false, lastResult: "ban" });
  });

  it("caps one-time credits and counts concurrent acceptances exactly", async () => {
    const s = await citizen(server);
    await Promise.all(
      Array.from({ length: 20 }, () => server.post("/api/v1/subscriptions/consents", { token: s.token, body: { results: { [TEMPLATES.WECHAT_TEMPLATE_POLICY_UPDATE]: "accept" } } })),
    );
    expect((await ConsentModel.findOne({ userId: s.user._id }).lean())!.credits).toBe(20);
    await ConsentModel.updateOne({ userId: s.user._id }, { $set: { credits: 100 } });
    await server.post("/api/v1/subscriptions/consents", { token: s.token, body: { results: { [TEMPLATES.WECHAT_TEMPLATE_POLICY_UPDATE]: "accept" } } });
    expect((await ConsentModel.findOne({ userId: s.user._id }).lean())!.credits).toBe(100);
  });

  it("records a long-term consent as standing permission, withdrawn by a rejection", async () => {
    const s = await citizen(server);
    const send = (result: string) => server.post<{ templates: TemplateConsentView[] }>("/api/v1/subscriptions/consents", { token: s.token, body: { results: { [TEMPLATES.WECHAT_TEMPLATE_COMPLAINT_PROGRESS]: result } } });
    expect(tpl((await send("accept")).body, "complaint_progress")).toMatchObject({ standing: true, canPush: true, shouldAsk: false, credits: 0 });
    expect(tpl((await send("accept")).body, "complaint_progress")).toMatchObject({ standing: true, credits: 0 });
    expect(tpl((await send("reject")).body, "complaint_progress")).toMatchObject({ standing: false, canPush: false, shouldAsk: true });
  });

  it("refuses templates that are not ours and malformed results", async () => {
    const s = await citizen(server);
    const post = (body: unknown) => server.post<ErrorReply>("/api/v1/subscriptions/consents", { token: s.token, body });
    expect((await post({ results: { "someone-elses-template": "accept" } })).body.error.code).toBe("validation_failed");
    expect((await post({ results: { [TEMPLATES.WECHAT_TEMPLATE_LIST_UPDATE]: "maybe" } })).status).toBe(400);
    expect((await post({ results: {} })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect(await ConsentModel.countDocuments({ userId: s.user._id })).toBe(0);
  });

  it("shows nothing of other users", async () => {
    const a = await citizen(server);
    const b = await citizen(server);
    await server.put("/api/v1/subscriptions", { token: a.token, body: { listAll: true, items: ["S2048"], industries: [], categories: [] } });
    const view = await server.get<SubscriptionView>("/api/v1/subscriptions", { token: b.token });
    expect(view.body).toMatchObject({ listAll: false, items: [] });
  });
});
