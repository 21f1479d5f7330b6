import { AuditLogModel } from "../../../bff/src/models/auditLog/auditLog.schema";
import { act, administrator, citizen, coordinator, fileComplaint, staffOf, storedComplaint, type ErrorReply, type TestUser } from "../../support/complaintFactories";
import { getTestServer } from "../../support/server";

type Year = { year: number; holidays: string[]; workdays: string[]; source: string };
type Policies = { items: { barrierType: string; acceptDays: number; replyDays: number; complexReplyDays: number; autoCloseDays: number }[] };

describe("working-day calendar and time limits as data", () => {
  const server = getTestServer({ seed: true, env: { COMPLAINT_DAILY_LIMIT: "0" } });
  let admin: TestUser;

  beforeAll(async () => {
    admin = await administrator(server);
  });

  it("ships the official 2026 arrangement, readable by staff, editable by administrators only", async () => {
    expect((await server.get("/api/v1/admin/calendar/2026")).status).toBe(401);
    expect((await server.get("/api/v1/admin/calendar/2026", { token: (await citizen(server)).token })).status).toBe(403);
    const year = await server.get<Year>("/api/v1/admin/calendar/2026", { token: (await staffOf(server, "scjgj")).token });
    expect(year.body.holidays).toContain("2026-10-07");
    expect(year.body.workdays).toEqual(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
    expect(year.body.source).toContain("国务院办公厅");
    const coord = await coordinator(server);
    expect((await server.put("/api/v1/admin/calendar/2027", { token: coord.token, body: { holidays: [], workdays: [], source: "x" } })).status).toBe(403);
    expect((await server.get<ErrorReply>("/api/v1/admin/calendar/2027", { token: admin.token })).body.error.code).toBe("not_found");
  });

  it("validates a year: dates of that year, 调休 days on weekends, no day both off and on", async () => {
    const put = (body: object) => server.put<ErrorReply>("/api/v1/admin/calendar/2027", { token: admin.token, body });
    for (const body of [
      { holidays: ["2030-01-01"], workdays: [], source: "x" },
      { holidays: [], workdays: ["2027-01-04"], source: "x" },
      { holidays: ["2027-02-06"], workdays: ["2027-02-06"], source: "x" },
      { holidays: ["2027-13-01"], workdays: [], source: "x" },
      { holidays: [], workdays: [], source: "" },
    ]) {
      expect((await put(body)).status).toBe(400);
    }
    expect((await server.put("/api/v1/admin/calendar/1999", { token: admin.token, body: { holidays: [], workdays: [], source: "x" } })).status).toBe(400);
    const ok = await put({ holidays: ["2027-01-01", "2027-01-01"], workdays: ["2027-01-02"], source: "测试安排" });
    expect(ok.status).toBe(200);
    expect((ok.body as unknown as Year).holidays).toEqual(["2027-01-01"]);
    expect(await AuditLogModel.countDocuments({ action: "calendar.update", resourceId: "2027" })).toBe(1);
  });

  it("applies edits to deadlines computed afterwards", async () => {
    const cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj") };
    const policies = await server.get<Policies>("/api/v1/admin/deadline-policies", { token: cast.handler.token });
    expect(policies.body.items.find((p) => p.barrierType === "*")).toMatchObject({ acceptDays: 1, replyDays: 5, complexReplyDays: 15 });
    const bad = await server.put<ErrorReply>("/api/v1/admin/deadline-policies/B12", { token: admin.token, body: { acceptDays: 2, replyDays: 10, complexReplyDays: 5, autoCloseDays: 7 } });
    expect(bad.status).toBe(400);
    expect((await server.put("/api/v1/admin/deadline-policies/B99", { token: admin.token, body: { acceptDays: 2, replyDays: 10, complexReplyDays: 20, autoCloseDays: 7 } })).status).toBe(400);
    const ok = await server.put("/api/v1/admin/deadline-policies/B12", { token: admin.token, body: { acceptDays: 3, replyDays: 10, complexReplyDays: 20, autoCloseDays: 7 } });
    expect(ok.status).toBe(200);
    const b12 = await storedComplaint(await fileComplaint(server, cast.owner.token, { listItemCode: "S2048", barrierType: "B12" }));
    const b05 = await storedComplaint(await fileComplaint(server, cast.owner.token, { listItemCode: "S2048", barrierType: "B05" }));
    const days = (d: Date) => (d.getTime() - Date.now()) / 86_400_000;
    expect(days(b12.deadlines.acceptBy!)).toBeGreaterThan(days(b05.deadlines.acceptBy!));
    await act(server, cast.handler.token, b12.ticketNo, { action: "accept" });
    expect(days((await storedComplaint(b12.ticketNo)).deadlines.replyBy!)).toBeGreaterThanOrEqual(10);
  });
});
