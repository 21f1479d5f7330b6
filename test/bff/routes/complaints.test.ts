import type { ComplaintListItem, ComplaintView } from "@lushan/shared";
import { ComplaintModel } from "../../../bff/src/models/complaint/complaint.schema";
import { CounterModel } from "../../../bff/src/models/counter/counter.schema";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { UploadModel } from "../../../bff/src/models/upload/upload.schema";
import { WorkOrderModel } from "../../../bff/src/models/workOrder/workOrder.schema";
import {
  act,
  citizen,
  complaintIn,
  complaintInput,
  coordinator,
  fileComplaint,
  hotlineOperator,
  png,
  staffOf,
  storedComplaint,
  uploadFile,
  validCreditCode,
  type Cast,
  type Created,
  type ErrorReply,
  type TestUser,
} from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

describe("POST /api/v1/complaints", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let me: TestUser;

  beforeAll(async () => {
    me = await citizen(server);
  });

  it("requires login, and only citizens and 12345 operators file", async () => {
    expect((await server.post<ErrorReply>("/api/v1/complaints", { body: complaintInput() })).body.error.code).toBe("authentication_required");
    for (const staff of [await staffOf(server, "scjgj"), await coordinator(server)]) {
      const res = await server.post<ErrorReply>("/api/v1/complaints", { token: staff.token, body: complaintInput() });
      expect([res.status, res.body.error.code]).toEqual([403, "forbidden"]);
    }
  });

  it("routes a list matter to the approving department (谁审批、谁监管), dispatches it and says why", async () => {
    const res = await server.post<Created>("/api/v1/complaints", { token: me.token, body: complaintInput({ listItemCode: "S2048" }) });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/api/v1/complaints/${res.body.ticketNo}`);
    expect(res.body.ticketNo).toMatch(/^LS\d{8}\d{4}$/);
    expect(res.body).toMatchObject({ status: "assigned", routing: { department: { code: "scjgj" }, coDepartments: [], hotline: false } });
    expect(res.body.routing.reason).toContain("谁审批、谁监管");
    expect(res.body.followUp).toContain(res.body.ticketNo);
    const stored = await storedComplaint(res.body.ticketNo);
    expect(stored.routing.ruleName).toContain("清单事项");
    expect(stored.routing.explanation).toContain(`命中规则「${stored.routing.ruleName}」`);
    expect(stored.listScope).toBe("on_list");
    expect(stored.deadlines.acceptBy!.getTime()).toBeGreaterThan(Date.now());
    expect(await JobModel.countDocuments({ "payload.name": "complaint.status_changed", "payload.payload.ticketNo": res.body.ticketNo })).toBe(1);
  });

  it("numbers tickets by day with an atomic counter: unique and consecutive under concurrency", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => server.post<Created>("/api/v1/complaints", { token: me.token, body: complaintInput() })));
    const numbers = results.map((r) => r.body.ticketNo).sort();
    expect(new Set(numbers).size).toBe(12);
    const seqs = numbers.map((n) => Number(n.slice(-4)));
    expect(seqs[11] - seqs[0]).toBe(11);
    const day = numbers[0].slice(2, 10);
    expect((await CounterModel.findById(`ticket:${day}`).lean<{ seq: number }>())!.seq).toBeGreaterThanOrEqual(seqs[11]);
  });

  it("writes concurrent complaints together but fails only the faulty one (group commit fallback)", async () => {
    const user = await citizen(server);
    const up = await uploadFile(server, user.token, await png());
    const before = await ComplaintModel.countDocuments();
    const bodies = Array.from({ length: 12 }, (_, i) => complaintInput(i === 3 || i === 8 ? { evidence: [up.body.id] } : { barrierType: i % 2 ? "B07" : "B05" }));
    const replies = await Promise.all(bodies.map((body) => server.post<Created & ErrorReply>("/api/v1/complaints", { token: user.token, body })));
    const failed = replies.filter((r) => r.status !== 201);
    expect(failed.map((r) => [r.status, r.body.error.code])).toEqual([[400, "upload_not_usable"]]);
    expect(await ComplaintModel.countDocuments()).toBe(before + 11);
    const owner = await UploadModel.findById(up.body.id).lean();
    const withImage = replies.find((r, i) => r.status === 201 && (i === 3 || i === 8))!;
    expect((await storedComplaint(withImage.body.ticketNo))._id.equals(owner!.complaintId!)).toBe(true);
    for (const r of replies.filter((x) => x.status === 201 && x.body.routing.hotline)) expect(await WorkOrderModel.countDocuments({ ticketNo: r.body.ticketNo })).toBe(1);
  });

  it("follows the rule table: B07 to 市场监管 with 商务 assisting and a 12345 work order written with it", async () => {
    const res = await server.post<Created>("/api/v1/complaints", { token: me.token, body: complaintInput({ barrierType: "B07", confidential: true }) });
    expect(res.body.routing).toMatchObject({ department: { code: "scjgj" }, coDepartments: [{ code: "swj" }], hotline: true });
    const order = await WorkOrderModel.findOne({ ticketNo: res.body.ticketNo }).lean();
    expect(order).toMatchObject({ deliveryState: "pending", attempts: 0, payload: { ticketNo: res.body.ticketNo, confidential: true, requester: null, department: { code: "scjgj" } } });
    expect(JSON.stringify(order!.payload)).not.toContain("13812345678");
  });

  it("sends unmatched complaints, and those against the handling department itself, to the coordinator", async () => {
    const other = await server.post<Created>("/api/v1/complaints", { token: me.token, body: complaintInput({ barrierType: "B15" }) });
    expect(other.body).toMatchObject({ status: "submitted", routing: { department: null } });
    expect((await storedComplaint(other.body.ticketNo)).routing.explanation).toContain("没有匹配的分办规则");
    const self = await server.post<Created>("/api/v1/complaints", {
      token: me.token,
      body: complaintInput({ listItemCode: "S2048", accusedDepartment: "scjgj", accusedName: "市场监管局某科室" }),
    });
    expect(self.body).toMatchObject({ status: "submitted", routing: { department: null } });
    expect(self.body.routing.reason).toContain("公正");
    expect((await storedComplaint(self.body.ticketNo)).routing.explanation).toContain("回避");
  });

  it("never makes the accused department a co-handler", async () => {
    const res = await server.post<Created>("/api/v1/complaints", { token: me.token, body: complaintInput({ barrierType: "B07", accusedDepartment: "swj", accusedName: "商务局" }) });
    expect(res.body.routing).toMatchObject({ department: { code: "scjgj" }, coDepartments: [] });
  });

  it("records 'not on the list' and checks the list item against the active edition", async () => {
    const off = await fileComplaint(server, me.token, { listScope: "not_on_list", barrierType: "B01" });
    expect((await storedComplaint(off)).listScope).toBe("not_on_list");
    const unknown = await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, body: complaintInput({ listItemCode: "S2999" }) });
    expect([unknown.status, unknown.body.error.details![0].path]).toEqual([400, "body.listItemCode"]);
    const contradictory = await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, body: complaintInput({ listItemCode: "S2048", listScope: "not_on_list" }) });
    expect(contradictory.status).toBe(400);
    const missing = await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, body: complaintInput({ listScope: "on_list" }) });
    expect(missing.body.error.details![0].path).toBe("body.listItemCode");
  });

  describe("Idempotency-Key", () => {
    it("creates exactly one complaint for concurrent retries, all answered alike", async () => {
      const user = await citizen(server);
      const body = complaintInput({ title: "重复提交测试一" });
      const results = await Promise.all(
        Array.from({ length: 30 }, () => server.post<Created>("/api/v1/complaints", { token: user.token, body, headers: { "idempotency-key": "retry-key-0001" } })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
      expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(await ComplaintModel.countDocuments({ ownerId: user.user._id, title: "重复提交测试一" })).toBe(1);
    });

    it("answers a later retry like the first attempt even after the case moved on, and refuses another body (422)", async () => {
      const user = await citizen(server);
      const up = await uploadFile(server, user.token, await png());
      const body = complaintInput({ title: "重复提交测试二", listItemCode: "S2048", evidence: [up.body.id] });
      const first = await server.post<Created>("/api/v1/complaints", { token: user.token, body, headers: { "idempotency-key": "retry-key-0002" } });
      await act(server, (await staffOf(server, "scjgj")).token, first.body.ticketNo, { action: "accept" });
      // The upload is attached now: without the key this would be upload_not_usable.
      const again = await server.post<Created>("/api/v1/complaints", { token: user.token, body, headers: { "idempotency-key": "retry-key-0002" } });
      expect([again.status, again.body]).toEqual([201, first.body]);
      const other = await server.post<ErrorReply>("/api/v1/complaints", { token: user.token, body: { ...body, title: "另一件事" }, headers: { "idempotency-key": "retry-key-0002" } });
      expect([other.status, other.body.error.code]).toEqual([422, "idempotency_key_reused"]);
      // Keys belong to their user: someone else's identical key is a new complaint.
      const stranger = await citizen(server);
      const theirs = await server.post<Created>("/api/v1/complaints", { token: stranger.token, body: complaintInput(), headers: { "idempotency-key": "retry-key-0002" } });
      expect(theirs.status).toBe(201);
      expect(theirs.body.ticketNo).not.toBe(first.body.ticketNo);
    });

    it("refuses malformed keys", async () => {
      for (const key of ["short", "x".repeat(65), "a b c d e f g h", "key%2F..%2Fother", "{\"$gt\":\"\"}"]) {
        const res = await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, body: complaintInput(), headers: { "idempotency-key": key } });
        expect([res.status, res.body.error.details![0].path]).toEqual([400, "headers.idempotency-key"]);
      }
    });
  });

  describe("malformed and hostile input", () => {
    const cases: [string, unknown, string][] = [
      ["bad credit code", { business: { name: "某公司", creditCode: "91360483MA35XXXXXX" } }, "body.business.creditCode"],
      ["unknown barrier type", { barrierType: "B99" }, "body.barrierType"],
      ["bad phone", { contact: { name: "张三", phone: "12345" } }, "body.contact.phone"],
      ["operator instead of text", { title: { $gt: "" } }, "body.title"],
      ["description too short", { description: "短" }, "body.description"],
      ["description too long", { description: "长".repeat(2001) }, "body.description"],
      ["blank title", { title: "   " }, "body.title"],
      ["control characters", { title: "正常标题\u0000\u202e" }, "body.title"],
      ["town outside 庐山市", { town: "北京" }, "body.town"],
      ["extra field", { role: "admin" }, "body"],
      ["too many images", { evidence: Array.from({ length: 10 }, (_, i) => `abcdefghijklmno${i}`) }, "body.evidence"],
      ["duplicate images", { evidence: ["abcdefghijklmnop", "abcdefghijklmnop"] }, "body.evidence"],
      ["bad image id", { evidence: ["../../etc/passwd"] }, "body.evidence.0"],
      ["confidential as string", { confidential: "yes" }, "body.confidential"],
      ["nested contact junk", { contact: { name: "张三", phone: "13812345678", id: "1" } }, "body.contact"],
      ["unknown accused department", { accusedDepartment: "Robert'); DROP" }, "body.accusedDepartment"],
    ];

    it.each(cases)("%s → 400 with the field named, nothing stored", async (_, override, path) => {
      const before = await ComplaintModel.countDocuments();
      const body = { ...complaintInput(), ...(override as object) };
      const res = await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, body });
      expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.error.details!.some((d) => d.path.startsWith(path))).toBe(true);
      expect(await ComplaintModel.countDocuments()).toBe(before);
    });

    it("refuses bodies that are not JSON objects, prototype keys, wrong content types and huge bodies with coded 4xx", async () => {
      const before = await ComplaintModel.countDocuments();
      const replies = [
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: JSON.stringify(complaintInput()).replace(/^\{/, '{"__proto__":{"role":"admin"},'), contentType: "application/json" }),
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: JSON.stringify(complaintInput()).replace(/^\{/, '{"constructor":{"prototype":{"x":1}},'), contentType: "application/json" }),
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: "{not json", contentType: "application/json" }),
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: "[]", contentType: "application/json" }),
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: "title=x", contentType: "application/x-www-form-urlencoded" }),
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: JSON.stringify({ ...complaintInput(), description: "很".repeat(400_000) }), contentType: "application/json" }),
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), contentType: "application/json" }),
        await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, raw: "[".repeat(5000) + "]".repeat(5000), contentType: "application/json" }),
      ];
      for (const r of replies) {
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(typeof r.body.error.code).toBe("string");
      }
      expect(await ComplaintModel.countDocuments()).toBe(before);
    });

    it("refuses someone else's upload, an unknown one and one already used, writing nothing", async () => {
      const mine = await uploadFile(server, me.token, await png(), "a.png");
      const theirs = await uploadFile(server, (await citizen(server)).token, await png(), "b.png");
      const before = await ComplaintModel.countDocuments();
      for (const evidence of [[theirs.body.id], ["zzzzzzzzzzzzzzzzzzzz"], [mine.body.id, theirs.body.id]]) {
        const res = await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, body: complaintInput({ evidence }) });
        expect([res.status, res.body.error.code]).toEqual([400, "upload_not_usable"]);
      }
      expect(await ComplaintModel.countDocuments()).toBe(before);
      expect((await UploadModel.findById(mine.body.id).lean())!.complaintId).toBeNull();
      await fileComplaint(server, me.token, { evidence: [mine.body.id] });
      const again = await server.post<ErrorReply>("/api/v1/complaints", { token: me.token, body: complaintInput({ evidence: [mine.body.id] }) });
      expect(again.body.error.code).toBe("upload_not_usable");
    });
  });

  it("lets a 12345 operator file a phone complaint: trusted text, a work order, no owner account", async () => {
    const op = await hotlineOperator(server);
    const res = await server.post<Created>("/api/v1/complaints", { token: op.token, body: complaintInput({ listItemCode: "S2085" }) });
    expect(res.status).toBe(201);
    expect(res.body.followUp).toContain("12345");
    const stored = await storedComplaint(res.body.ticketNo);
    expect(stored).toMatchObject({ channel: "phone", ownerId: null, operatorId: op.user._id, moderation: "cleared" });
    expect(await WorkOrderModel.countDocuments({ ticketNo: res.body.ticketNo })).toBe(1);
  });

  it("records that content was not checked when WeChat is not configured, and dispatches", async () => {
    const stored = await storedComplaint(await fileComplaint(server, me.token, { listItemCode: "S2048" }));
    expect(stored.moderation).toBe("skipped");
    expect(stored.timeline.find((e) => e.action === "content_check")!.note).toContain("未经自动检测");
  });
});

describe("per-citizen daily limit and the hold-for-review fallback", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "2", CONTENT_CHECK_FALLBACK: "hold" } });

  it("answers 429 after the daily number of complaints, but still replays retries", async () => {
    const user = await citizen(server);
    const first = await server.post<Created>("/api/v1/complaints", { token: user.token, body: complaintInput({ title: "限额测试" }), headers: { "idempotency-key": "limit-key-001" } });
    await fileComplaint(server, user.token);
    const third = await server.post<ErrorReply>("/api/v1/complaints", { token: user.token, body: complaintInput() });
    expect([third.status, third.body.error.code]).toEqual([429, "rate_limited"]);
    expect(third.headers.get("retry-after")).toBeTruthy();
    const retry = await server.post<Created>("/api/v1/complaints", { token: user.token, body: complaintInput({ title: "限额测试" }), headers: { "idempotency-key": "limit-key-001" } });
    expect(retry.status).toBe(201);
    expect(retry.body.ticketNo).toBe(first.body.ticketNo);
  });

  it("holds unchecked text for the coordinator when configured to", async () => {
    const user = await citizen(server);
    const res = await server.post<Created>("/api/v1/complaints", { token: user.token, body: complaintInput({ listItemCode: "S2048" }) });
    expect(res.body.status).toBe("submitted");
    expect(res.body.followUp).toContain("审核");
    expect((await storedComplaint(res.body.ticketNo)).moderation).toBe("review");
    const handler = await staffOf(server, "scjgj");
    expect((await server.get(`/api/v1/staff/complaints/${res.body.ticketNo}`, { token: handler.token })).status).toBe(404);
  });
});

describe("the complainant's API", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let cast: Cast;

  beforeAll(async () => {
    cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj"), coordinator: await coordinator(server) };
  });

  it("requires a citizen's login for every complainant endpoint", async () => {
    const ticket = await fileComplaint(server, cast.owner.token);
    for (const [method, path] of [
      ["GET", "/api/v1/complaints/mine"],
      ["GET", `/api/v1/complaints/${ticket}`],
      ["POST", `/api/v1/complaints/${ticket}/rating`],
      ["POST", `/api/v1/complaints/${ticket}/supplements`],
      ["POST", `/api/v1/complaints/${ticket}/withdraw`],
    ] as const) {
      expect((await server.request(method, path, { body: method === "POST" ? {} : undefined })).status).toBe(401);
      expect((await server.request(method, path, { token: cast.handler.token, body: method === "POST" ? {} : undefined })).status).toBe(403);
    }
  });

  it("lists one's own complaints and shows them without internal entries; others get 404", async () => {
    const ticket = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048", business: { name: "庐山某餐饮店", creditCode: validCreditCode() } });
    await act(server, cast.coordinator.token, ticket, { action: "comment", note: "内部备注：不应给投诉人看" });
    const mine = await server.get<{ items: ComplaintListItem[]; total: number }>("/api/v1/complaints/mine", { token: cast.owner.token, query: { pageSize: 100 } });
    expect(mine.body.items.map((i) => i.ticketNo)).toContain(ticket);
    const view = await server.get<ComplaintView>(`/api/v1/complaints/${ticket}`, { token: cast.owner.token });
    expect(view.body).toMatchObject({ contact: { name: "张三", phone: "13812345678" }, business: { name: "庐山某餐饮店" }, can: { rate: false, supplement: true, withdraw: true } });
    expect(view.body.timeline.map((t) => t.action)).toEqual(["submit", "assign"]);
    expect(view.body.timeline[0].actor).toBe("您");
    expect(JSON.stringify(view.body)).not.toContain("内部备注");
    expect(view.body.routing.reason).toContain("谁审批、谁监管");
    const stranger = await citizen(server);
    expect((await server.get(`/api/v1/complaints/${ticket}`, { token: stranger.token })).status).toBe(404);
    expect((await server.get("/api/v1/complaints/LS000000000000", { token: cast.owner.token })).status).toBe(404);
    expect((await server.get("/api/v1/complaints/not-a-ticket", { token: cast.owner.token })).status).toBe(400);
    const page = await server.get<{ items: unknown[]; page: number; pageSize: number }>("/api/v1/complaints/mine", { token: cast.owner.token, query: { page: 2, pageSize: 1 } });
    expect(page.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);
    expect((await server.get("/api/v1/complaints/mine", { token: cast.owner.token, query: { pageSize: 1000 } })).status).toBe(400);
  });

  it("rates a reply: 满意 closes, 不满意 reopens with a new reply deadline and can be rated again", async () => {
    const ticket = await complaintIn(server, "replied", cast);
    const bad = await server.post<ComplaintView>(`/api/v1/complaints/${ticket}/rating`, { token: cast.owner.token, body: { rating: "unsatisfied", comment: "问题没有解决" } });
    expect(bad.body).toMatchObject({ status: "accepted", rating: { value: "unsatisfied", label: "不满意" }, reply: null, can: { rate: false } });
    const stored = await storedComplaint(ticket);
    expect(stored.reopenCount).toBe(1);
    expect(stored.deadlines.replyBy!.getTime()).toBeGreaterThan(Date.now());
    const again = await server.post<ErrorReply>(`/api/v1/complaints/${ticket}/rating`, { token: cast.owner.token, body: { rating: "satisfied" } });
    expect([again.status, again.body.error.code]).toEqual([409, "invalid_transition"]);
    await act(server, cast.handler.token, ticket, { action: "reply", note: "已再次核查并整改。" });
    const good = await server.post<ComplaintView>(`/api/v1/complaints/${ticket}/rating`, { token: cast.owner.token, body: { rating: "basically_satisfied" } });
    expect(good.body).toMatchObject({ status: "closed", rating: { value: "basically_satisfied" } });
    const invalid = await server.post<ErrorReply>(`/api/v1/complaints/${ticket}/rating`, { token: cast.owner.token, body: { rating: "great" } });
    expect(invalid.status).toBe(400);
  });

  it("adds supplements once per Idempotency-Key and shows them to the department", async () => {
    const ticket = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048" });
    const up = await uploadFile(server, cast.owner.token, await png());
    const headers = { "idempotency-key": "supplement-key-01" };
    const body = { text: "补充：窗口工作人员当时还要求提供本地社保证明。", evidence: [up.body.id] };
    const first = await server.post<ComplaintView>(`/api/v1/complaints/${ticket}/supplements`, { token: cast.owner.token, body, headers });
    const second = await server.post<ComplaintView>(`/api/v1/complaints/${ticket}/supplements`, { token: cast.owner.token, body, headers });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.supplements).toHaveLength(1);
    expect(first.body.supplements[0]).toMatchObject({ text: body.text, moderation: "skipped", evidence: [{ id: up.body.id }] });
    const changed = await server.post<ErrorReply>(`/api/v1/complaints/${ticket}/supplements`, { token: cast.owner.token, body: { ...body, text: "别的内容" }, headers });
    expect(changed.body.error.code).toBe("idempotency_key_reused");
    const staffView = await server.get<{ supplements: { text: string | null }[] }>(`/api/v1/staff/complaints/${ticket}`, { token: cast.handler.token });
    expect(staffView.body.supplements[0].text).toBe(body.text);
  });

  it("withdraws only before acceptance, and only the complainant", async () => {
    const ticket = await fileComplaint(server, cast.owner.token, { listItemCode: "S2048" });
    const stranger = await citizen(server);
    expect((await server.post(`/api/v1/complaints/${ticket}/withdraw`, { token: stranger.token, body: {} })).status).toBe(404);
    const done = await server.post<ComplaintView>(`/api/v1/complaints/${ticket}/withdraw`, { token: cast.owner.token, body: { reason: "已自行解决" } });
    expect(done.body).toMatchObject({ status: "closed", can: { withdraw: false, supplement: false } });
    const accepted = await complaintIn(server, "accepted", cast);
    const late = await server.post<ErrorReply>(`/api/v1/complaints/${accepted}/withdraw`, { token: cast.owner.token, body: {} });
    expect([late.status, late.body.error.code]).toEqual([409, "invalid_transition"]);
  });

  it("lets the complainant of a merged duplicate follow the surviving complaint, read-only", async () => {
    const other = await citizen(server);
    const survivor = await fileComplaint(server, cast.owner.token, { barrierType: "B15" });
    const duplicate = await fileComplaint(server, other.token, { barrierType: "B15", confidential: true });
    await act(server, cast.coordinator.token, duplicate, { action: "merge", into: survivor, note: "同一事项" });
    const theirs = await server.get<ComplaintView>(`/api/v1/complaints/${duplicate}`, { token: other.token });
    expect(theirs.body).toMatchObject({ status: "merged", mergedInto: survivor });
    const followed = await server.get<ComplaintView>(`/api/v1/complaints/${survivor}`, { token: other.token });
    expect(followed.status).toBe(200);
    const mine = await server.get<{ items: ComplaintListItem[] }>("/api/v1/complaints/mine", { token: other.token, query: { pageSize: 100 } });
    expect(mine.body.items.find((i) => i.ticketNo === survivor)).toMatchObject({ followed: true });
    const rate = await server.post<ErrorReply>(`/api/v1/complaints/${survivor}/withdraw`, { token: other.token, body: {} });
    expect([rate.status, rate.body.error.code]).toEqual([403, "forbidden"]);
    const stored = await storedComplaint(survivor);
    expect(stored.mergedFrom).toEqual([duplicate]);
    expect(stored.followerIds.map(String)).toEqual([String(other.user._id)]);
  });
});
