import type { DepartmentStats, StaffStatsResponse } from "@lushan/shared";
import { ComplaintModel } from "../../../bff/src/models/complaint/complaint.schema";
import { RectificationModel } from "../../../bff/src/models/rectification/rectification.schema";
import { act, citizen, complaintIn, coordinator, fileComplaint, staffOf, storedComplaint, type Cast, type ErrorReply, type TestUser } from "../../support/complaintFactories";
import { administrator, hotlineOperator } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

/** A CST wall-clock time in March 2026 (no holidays; 2 March is a Monday). */
const at = (day: number, hour: number): Date => new Date(`2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00+08:00`);

/**
 * Moves a complaint built through the API back in time: its submission and each timeline entry
 * get the time given for their action (entries of other actions take the submission time; a
 * second entry of an action takes the next time in its list).
 */
async function backdate(ticketNo: string, submitted: Date, times: Record<string, Date[]>, closedAt?: Date): Promise<void> {
  const c = await storedComplaint(ticketNo);
  const used: Record<string, number> = {};
  const timeline = c.timeline.map((e) => {
    const list = times[e.action];
    if (!list) return { ...e, at: submitted };
    const i = used[e.action] ?? 0;
    used[e.action] = i + 1;
    return { ...e, at: list[Math.min(i, list.length - 1)] };
  });
  await ComplaintModel.collection.updateOne({ _id: c._id }, { $set: { timeline, createdAt: submitted, ...(closedAt ? { closedAt } : {}) } });
}

/** The raw bytes of a download (fetch's text() drops a byte-order mark). */
async function download(url: string, token?: string): Promise<{ bytes: Buffer; text: string; type: string | null; disposition: string | null }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { bytes, text: bytes.subarray(3).toString("utf8"), type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition") };
}

const rating = (server: ReturnType<typeof getTestServer>, token: string, ticket: string, value: string) => server.post(`/api/v1/complaints/${ticket}/rating`, { token, body: { rating: value } });

describe("efficiency statistics (效能评估)", () => {
  const server = getTestServer({ seed: true });
  let cast: Cast;
  let swj: TestUser;
  let admin: TestUser;
  const query = { from: "2026-03-02", to: "2026-03-06" };

  beforeAll(async () => {
    cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj"), coordinator: await coordinator(server) };
    swj = await staffOf(server, "swj");
    admin = await administrator(server);

    // 市场监管 (scjgj): A closed satisfied, B accepted late then reopened, D accepted, never replied.
    const a = await complaintIn(server, "closed", cast);
    await backdate(a, at(2, 9), { assign: [at(2, 9)], accept: [at(2, 15)], reply: [at(4, 9)], rate: [at(4, 21)] }, at(4, 21));
    const b = await complaintIn(server, "replied", cast);
    expect((await rating(server, cast.owner.token, b, "unsatisfied")).status).toBe(200);
    await backdate(b, at(3, 10), { assign: [at(3, 10)], accept: [at(5, 10)], reply: [at(6, 10)], rate: [at(6, 12)] });
    const d = await complaintIn(server, "accepted", cast);
    await backdate(d, at(4, 9), { assign: [at(4, 9)], accept: [at(4, 11)] });

    // 商务局 (swj): E dispatched by the coordinator, accepted and replied.
    const e = await fileComplaint(server, cast.owner.token, { barrierType: "B15" });
    await act(server, cast.coordinator.token, e, { action: "assign", department: "swj" });
    await act(server, swj.token, e, { action: "accept" });
    await act(server, swj.token, e, { action: "reply", note: "已协调解决，企业已正常参与投标。" });
    await backdate(e, at(5, 9), { assign: [at(5, 12)], accept: [at(6, 12)], reply: [at(9, 12)] });

    // Not dispatched: a duplicate merged into another complaint.
    const survivor = await fileComplaint(server, cast.owner.token, { barrierType: "B15" });
    const duplicate = await fileComplaint(server, cast.owner.token, { barrierType: "B15" });
    await act(server, cast.coordinator.token, duplicate, { action: "merge", into: survivor });
    await backdate(survivor, at(5, 8), {});
    await backdate(duplicate, at(5, 9), {});

    // Outside the period (submitted 9 March).
    const f = await complaintIn(server, "closed", cast);
    await backdate(f, at(9, 9), { assign: [at(9, 9)], accept: [at(9, 10)], reply: [at(9, 11)], rate: [at(9, 12)] }, at(9, 12));

    // Rectification tasks opened in the period: scjgj one signed off and one overdue, swj one open.
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const open = async (department: string) => {
      const res = await server.post<{ id: string }>("/api/v1/staff/rectifications", {
        token: cast.coordinator.token,
        body: { origin: "evaluation", finding: "答复超期", problem: "答复超期", department, responsiblePerson: "张科长", deadline },
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const t1 = await open("scjgj");
    const t2 = await open("scjgj");
    await open("swj");
    for (const body of [{ action: "start", measures: "建立台账" }, { action: "request_signoff", evidence: [{ text: "台账" }] }]) {
      expect((await server.post(`/api/v1/staff/rectifications/${t1}/actions`, { token: cast.handler.token, body })).status).toBe(200);
    }
    expect((await server.post(`/api/v1/staff/rectifications/${t1}/actions`, { token: cast.coordinator.token, body: { action: "confirm", publicSummary: "已建立答复时限台账。" } })).status).toBe(200);
    await RectificationModel.collection.updateMany({}, { $set: { createdAt: at(3, 9) } });
    await RectificationModel.collection.updateOne({ _id: new (await import("mongoose")).Types.ObjectId(t2) }, { $set: { deadline: at(20, 23) } });
  }, 60_000);

  const row = (s: StaffStatsResponse, code: string): DepartmentStats => s.departments.find((d) => d.department?.code === code)!;

  it("401 without a token, 403 for citizens and 12345 operators; department staff only their own department", async () => {
    expect((await server.get("/api/v1/staff/stats")).status).toBe(401);
    expect((await server.get("/api/v1/staff/stats", { token: cast.owner.token })).status).toBe(403);
    expect((await server.get("/api/v1/staff/stats", { token: (await hotlineOperator(server)).token })).status).toBe(403);
    const other = await server.get<ErrorReply>("/api/v1/staff/stats", { token: swj.token, query: { ...query, department: "scjgj" } });
    expect(other.status).toBe(403);
    const bad = await server.get<ErrorReply>("/api/v1/staff/stats", { token: admin.token, query: { from: "2026-03-06", to: "2026-03-01" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("开始日期不能晚于结束日期");
    const long = await server.get<ErrorReply>("/api/v1/staff/stats", { token: admin.token, query: { from: "2024-01-01", to: "2026-03-01" } });
    expect(long.body.error.message).toContain("不能超过");
  });

  it("matches the hand-computed figures for 市场监管", async () => {
    const res = await server.get<StaffStatsResponse>("/api/v1/staff/stats", { token: cast.coordinator.token, query });
    expect(res.status).toBe(200);
    expect(res.body.calendarComplete).toBe(true);
    const s = row(res.body, "scjgj");
    expect(s.complaints).toBe(3);
    expect(s.byStatus.filter((x) => x.count > 0).map((x) => [x.status, x.count])).toEqual([
      ["accepted", 2],
      ["closed", 1],
    ]);
    expect(s.byBarrierType.find((t) => t.code === "B05")!.count).toBe(3);
    // Accept: A Mon 9→15 = 2 h; B Tue 10 → Thu 10 = 14/24·8 + 8 + 10/24·8 = 16 h; D Wed 9→11 = 0.67 h.
    expect(s.acceptHours).toEqual({ count: 3, median: 2, p90: 16 });
    // Reply: A Mon 15 → Wed 9 = 3 + 8 + 3 = 14 h; B Thu 10 → Fri 10 = 8 h.
    expect(s.replyHours).toEqual({ count: 2, median: 11, p90: 14 });
    // Close: A Mon 9 → Wed 21 = 5 + 8 + 7 = 20 h.
    expect(s.closeHours).toEqual({ count: 1, median: 20, p90: 20 });
    // B accepted Thursday, its deadline was the end of Wednesday; D's reply deadline (11 March) has passed.
    expect(s.onTimeAccept).toEqual({ numerator: 2, denominator: 3, rate: 0.6667 });
    expect(s.onTimeReply).toEqual({ numerator: 2, denominator: 3, rate: 0.6667 });
    expect(s.satisfaction).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(s.reopen).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(s.duplicate).toEqual({ numerator: 0, denominator: 3, rate: 0 });
    expect(s.rectification).toEqual({ total: 2, done: 1, overdue: 1, completion: { numerator: 1, denominator: 2, rate: 0.5 } });
  });

  it("matches for 商务局, the undispatched bucket and the total", async () => {
    const res = await server.get<StaffStatsResponse>("/api/v1/staff/stats", { token: admin.token, query });
    const swjRow = row(res.body, "swj");
    // Thu 12 → Fri 12 = 8 h; Fri 12 → Mon 12 over the weekend = 4 + 0 + 0 + 4 = 8 h.
    expect(swjRow).toMatchObject({ complaints: 1, acceptHours: { count: 1, median: 8, p90: 8 }, replyHours: { count: 1, median: 8, p90: 8 } });
    expect(swjRow.onTimeAccept.rate).toBe(1);
    expect(swjRow.onTimeReply.rate).toBe(1);
    expect(swjRow.satisfaction).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(swjRow.rectification).toMatchObject({ total: 1, done: 0, overdue: 0 });
    const none = res.body.departments.find((d) => d.department === null)!;
    expect(none).toMatchObject({ label: "未派单", complaints: 2, duplicate: { numerator: 1, denominator: 2, rate: 0.5 } });
    const t = res.body.total;
    expect(t.label).toBe("全部");
    expect(t.complaints).toBe(6);
    expect(t.acceptHours).toEqual({ count: 4, median: 5, p90: 16 });
    expect(t.replyHours).toEqual({ count: 3, median: 8, p90: 14 });
    expect(t.onTimeAccept).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(t.onTimeReply).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
    expect(t.reopen).toEqual({ numerator: 1, denominator: 3, rate: 0.3333 });
    expect(t.duplicate).toEqual({ numerator: 1, denominator: 6, rate: 0.1667 });
    expect(t.rectification).toEqual({ total: 3, done: 1, overdue: 1, completion: { numerator: 1, denominator: 3, rate: 0.3333 } });
    // Every active department has a row, even without complaints.
    expect(res.body.departments.find((d) => d.department?.code === "wjw")!.complaints).toBe(0);
  });

  it("gives department staff their own department only, and filters by department for the coordinator", async () => {
    const own = await server.get<StaffStatsResponse>("/api/v1/staff/stats", { token: cast.handler.token, query });
    expect(own.body.departments.map((d) => d.department?.code)).toEqual(["scjgj"]);
    expect(own.body.total.complaints).toBe(3);
    expect(own.body.total.rectification.total).toBe(2);
    const filtered = await server.get<StaffStatsResponse>("/api/v1/staff/stats", { token: cast.coordinator.token, query: { ...query, department: "swj" } });
    expect(filtered.body.departments.map((d) => d.department?.code)).toEqual(["swj"]);
    expect(filtered.body.total.complaints).toBe(1);
    const narrower = await server.get<StaffStatsResponse>("/api/v1/staff/stats", { token: cast.coordinator.token, query: { from: "2026-03-05", to: "2026-03-06" } });
    expect(narrower.body.total.complaints).toBe(3);
  });

  it("exports CSV with BOM that Excel opens (Chinese header, percentages, a total row)", async () => {
    const res = await download(`${server.url}/api/v1/staff/stats?from=${query.from}&to=${query.to}&format=csv`, cast.coordinator.token);
    expect(res.type).toBe("text/csv; charset=utf-8");
    expect(res.disposition).toContain("attachment");
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.trim().split("\r\n");
    const header = lines[0].split(",");
    expect(header.slice(0, 4)).toEqual(["部门", "统计起始日", "统计截止日", "投诉总数"]);
    const scjgj = lines.find((l) => l.startsWith("庐山市市场监督管理局,"))!.split(",");
    expect(scjgj[header.indexOf("投诉总数")]).toBe("3");
    expect(scjgj[header.indexOf("受理用时P90（工作小时）")]).toBe("16");
    expect(scjgj[header.indexOf("按时受理率")]).toBe("66.7%");
    expect(scjgj[header.indexOf("满意率")]).toBe("50%");
    expect(lines[lines.length - 1].startsWith("合计（全部）,2026-03-02,2026-03-06,6,")).toBe(true);
  });

  it("publishes aggregate figures only", async () => {
    const res = await server.get<Record<string, unknown>>("/api/v1/stats/summary", { query });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["casesPublished", "closed", "complaints", "generatedAt", "medianReplyHours", "onTimeReplyRate", "period", "rectifications", "satisfactionRate"]);
    expect(res.body).toMatchObject({ complaints: 6, closed: 1, onTimeReplyRate: 0.75, satisfactionRate: 0.5, medianReplyHours: 8, rectifications: { total: 3, done: 1, completionRate: 0.3333 } });
    expect(res.text).not.toMatch(/scjgj|市场监督管理局|TS\d/);
  });

  it("exports open data as JSON and CSV: published cases, signed-off rectifications, list editions", async () => {
    const index = await server.get<{ datasets: { dataset: string; rows: number }[] }>("/api/v1/open-data");
    expect(index.body.datasets.map((d) => [d.dataset, d.rows])).toEqual([
      ["cases", 15],
      ["rectifications", 1],
      ["list-editions", 1],
    ]);
    const cases = await server.get<{ columns: { key: string }[]; rows: Record<string, unknown>[] }>("/api/v1/open-data/cases");
    expect(cases.body.rows.find((r) => r.caseNo === "V01")).toMatchObject({ sourceUrl: "https://www.zhaoxny.com/p/822b2ee720146.html", sample: true });
    const rect = await server.get<{ rows: Record<string, unknown>[] }>("/api/v1/open-data/rectifications");
    expect(rect.body.rows).toEqual([expect.objectContaining({ department: "庐山市市场监督管理局", summary: "已建立答复时限台账。", onTime: true })]);
    expect(JSON.stringify(rect.body)).not.toContain("张科长");
    const csv = await download(`${server.url}/api/v1/open-data/list-editions?format=csv`);
    expect(csv.type).toBe("text/csv; charset=utf-8");
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.split("\r\n")[0]).toBe("版本代码,名称,状态,事项数,启用时间,来源,示例数据");
    expect((await server.get("/api/v1/open-data/complaints")).status).toBe(400);
  });
});
