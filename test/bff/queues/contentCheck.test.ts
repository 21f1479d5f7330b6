import type { ComplaintView, StaffComplaintView } from "@lushan/shared";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { UploadModel } from "../../../bff/src/models/upload/upload.schema";
import { act, citizen, complaintInput, coordinator, hotlineOperator, png, staffOf, storedComplaint, uploadFile, type Created, type TestUser } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";
import { PUSH_TOKEN } from "../../support/wechatPush";

describe("content safety with WeChat configured", () => {
  const server = getTestServer({ seed: true, wechat: true, env: { WECHAT_PUSH_TOKEN: PUSH_TOKEN, PUBLIC_BASE_URL: "https://lushan.example.gov.cn", COMPLAINT_DAILY_LIMIT: "0" } });
  let me: TestUser;
  let coord: TestUser;
  let handler: TestUser;

  beforeAll(async () => {
    me = await citizen(server);
    coord = await coordinator(server);
    handler = await staffOf(server, "scjgj");
  });

  const file = async (overrides = {}) => (await server.post<Created>("/api/v1/complaints", { token: me.token, body: complaintInput({ listItemCode: "S2048", ...overrides }) })).body;
  const dueNow = () => JobModel.updateMany({ state: "pending" }, { $set: { runAt: new Date() } });
  const staffView = (token: string, ticket: string) => server.get<StaffComplaintView>(`/api/v1/staff/complaints/${ticket}`, { token });

  it("holds the text until WeChat passes it, then dispatches", async () => {
    const created = await file();
    expect(created.status).toBe("submitted");
    expect(created.followUp).toContain("审核");
    expect((await storedComplaint(created.ticketNo)).moderation).toBe("pending");
    expect((await staffView(handler.token, created.ticketNo)).status).toBe(404);
    await server.drainJobs();
    expect(await storedComplaint(created.ticketNo)).toMatchObject({ moderation: "cleared", status: "assigned" });
    expect(server.wechat!.textChecks.at(-1)).toMatchObject({ openid: me.user.openid, content: expect.stringContaining("证明材料") });
    const call = server.wechat!.calls.find((c) => c.path === "/wxa/msg_sec_check");
    expect(call?.body).toMatchObject({ version: 2, scene: 3 });
  });

  it("never drops risky or doubtful text: it waits for the coordinator, hidden from departments and 12345", async () => {
    for (const word of ["违规测试词", "待定测试词"]) {
      const created = await file({ barrierType: "B07", description: `窗口要求额外材料，${word}出现在这段描述里。` });
      await server.drainJobs();
      const held = await storedComplaint(created.ticketNo);
      expect(held).toMatchObject({ moderation: "review", status: "submitted" });
      expect(held.moderationNote).toMatch(/疑似违规|需人工复核/);
      expect((await staffView(handler.token, created.ticketNo)).status).toBe(404);
      expect((await staffView((await hotlineOperator(server)).token, created.ticketNo)).status).toBe(404);
      const queue = await server.get<{ items: { ticketNo: string }[] }>("/api/v1/staff/complaints", { token: coord.token, query: { queue: "review", pageSize: 100 } });
      expect(queue.body.items.map((i) => i.ticketNo)).toContain(created.ticketNo);
      const mine = await server.get<ComplaintView>(`/api/v1/complaints/${created.ticketNo}`, { token: me.token });
      expect(mine.body).toMatchObject({ status: "submitted", moderation: "review", moderationLabel: "待人工审核" });
    }
  });

  it("lets the coordinator approve held text (dispatching it, work order included) or reject it with a reason the complainant sees", async () => {
    const approved = await file({ barrierType: "B07", description: "窗口要求额外材料，违规测试词出现在这段描述里。" });
    const rejected = await file({ description: "与市场准入无关的内容，违规测试词。" });
    await server.drainJobs();
    const held = await staffView(coord.token, approved.ticketNo);
    expect(held.body.allowedActions).toEqual(expect.arrayContaining(["approve_content", "reject_content"]));
    expect(held.body.allowedActions).not.toContain("assign");
    const ok = await server.post<StaffComplaintView>(`/api/v1/staff/complaints/${approved.ticketNo}/actions`, { token: coord.token, body: { action: "approve_content", note: "经核实为正常反映" } });
    expect(ok.body).toMatchObject({ moderation: "cleared", status: "assigned", department: { code: "scjgj" }, workOrder: { deliveryState: "pending" } });
    await act(server, coord.token, rejected.ticketNo, { action: "reject_content", note: "内容与市场准入无关，请修改后重新提交" });
    const seen = await server.get<ComplaintView>(`/api/v1/complaints/${rejected.ticketNo}`, { token: me.token });
    expect(seen.body).toMatchObject({ status: "closed", moderation: "rejected" });
    expect(seen.body.timeline.at(-1)!.note).toContain("请修改后重新提交");
    const again = await server.post(`/api/v1/staff/complaints/${approved.ticketNo}/actions`, { token: coord.token, body: { action: "approve_content" } });
    expect(again.status).toBe(409);
  });

  it("sends a user WeChat cannot judge (61010) to a person at once, without retrying", async () => {
    const inactive = await citizen(server);
    server.wechat!.inactiveUsers.add(inactive.user.openid!);
    const created = (await server.post<Created>("/api/v1/complaints", { token: inactive.token, body: complaintInput({ listItemCode: "S2048" }) })).body;
    await server.drainJobs();
    const held = await storedComplaint(created.ticketNo);
    expect(held.moderation).toBe("review");
    expect(held.moderationNote).toContain("近期未访问");
    expect(await JobModel.countDocuments({ type: "complaint.check_content", state: "pending" })).toBe(0);
  });

  it("retries while WeChat is down, and dispatches once it is back", async () => {
    server.wechat!.failWith = -1;
    const created = await file();
    await server.drainJobs();
    expect((await storedComplaint(created.ticketNo)).moderation).toBe("pending");
    expect(await JobModel.countDocuments({ type: "complaint.check_content", state: "pending", attempts: { $gte: 1 } })).toBeGreaterThanOrEqual(1);
    server.wechat!.failWith = null;
    await dueNow();
    await server.drainJobs();
    expect((await storedComplaint(created.ticketNo)).status).toBe("assigned");
  });

  it("refreshes an expired access token once and goes on", async () => {
    for (const t of [...server.wechat!.validTokens]) server.wechat!.expireToken(t);
    const created = await file();
    await server.drainJobs();
    expect((await storedComplaint(created.ticketNo)).status).toBe("assigned");
  });

  it("checks supplements too: held ones are shown to the complainant and the coordinator, not the department", async () => {
    const created = await file();
    await server.drainJobs();
    const risky = "补充：违规测试词出现在补充说明里。";
    await server.post(`/api/v1/complaints/${created.ticketNo}/supplements`, { token: me.token, body: { text: "补充：窗口当天还要求提供本地社保证明。" } });
    await server.post(`/api/v1/complaints/${created.ticketNo}/supplements`, { token: me.token, body: { text: risky } });
    const pending = await staffView(handler.token, created.ticketNo);
    expect(pending.body.supplements.map((s) => [s.moderation, s.text])).toEqual([
      ["pending", null],
      ["pending", null],
    ]);
    await server.drainJobs();
    const after = await staffView(handler.token, created.ticketNo);
    expect(after.body.supplements.map((s) => [s.moderation, s.text])).toEqual([
      ["cleared", "补充：窗口当天还要求提供本地社保证明。"],
      ["review", null],
    ]);
    expect(JSON.stringify(after.body)).not.toContain("违规测试词");
    expect((await staffView(coord.token, created.ticketNo)).body.supplements[1].text).toBe(risky);
    expect((await server.get<ComplaintView>(`/api/v1/complaints/${created.ticketNo}`, { token: me.token })).body.supplements[1].text).toBe(risky);
  });

  it("keeps images from departments until the asynchronous check clears them, and holds risky ones for a person", async () => {
    const clean = await uploadFile(server, me.token, await png());
    const risky = await uploadFile(server, me.token, await png(12));
    expect([clean.body.status, risky.body.status]).toEqual(["pending", "pending"]);
    await server.drainJobs();
    const [cleanCheck, riskyCheck] = server.wechat!.mediaChecks.slice(-2);
    expect(cleanCheck.url.startsWith("https://lushan.example.gov.cn/api/v1/uploads/")).toBe(true);
    // WeChat fetches the image through the signed link it was given.
    const fetched = await fetch(`${server.url}${cleanCheck.url.replace("https://lushan.example.gov.cn", "")}`);
    expect(fetched.status).toBe(200);
    const created = await file({ evidence: [clean.body.id, risky.body.id] });
    await server.drainJobs();
    const before = await staffView(handler.token, created.ticketNo);
    expect(before.body.evidence.map((e) => [e.status, e.url])).toEqual([
      ["pending", null],
      ["pending", null],
    ]);
    const endpoint = `${server.url}/api/v1/integrations/wechat/events`;
    expect(await server.wechat!.pushMediaVerdict(endpoint, PUSH_TOKEN, cleanCheck.traceId, "pass")).toEqual({ status: 200, text: "success" });
    expect(await server.wechat!.pushMediaVerdict(endpoint, PUSH_TOKEN, riskyCheck.traceId, "risky")).toEqual({ status: 200, text: "success" });
    const after = await staffView(handler.token, created.ticketNo);
    expect(after.body.evidence.map((e) => e.status)).toEqual(["cleared", "review"]);
    expect(after.body.evidence[0].url).toContain("/content?");
    expect(after.body.evidence[1].url).toBeNull();
    expect((await UploadModel.findById(risky.body.id).lean())!.reviewNote).toContain("疑似违规");
    expect((await staffView(coord.token, created.ticketNo)).body.evidence[1].url).toContain("/content?");
  });
});
