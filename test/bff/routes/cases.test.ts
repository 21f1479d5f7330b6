import type { CaseDetail, CaseSummary, PolicyFeedResponse, PostDetail, StaffCaseView } from "@lushan/shared";
import { PostModel } from "../../../bff/src/models/post/post.schema";
import { administrator, citizen, complaintIn, coordinator, staffOf, validCreditCode, type Cast, type ErrorReply, type TestUser } from "../../support/complaintFactories";
import { missingId } from "../../support/factories";
import { getTestServer } from "../../support/server";

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

const CODE = validCreditCode("91360483MA7Q");
const PRIVATE = {
  contact: { name: "刘建华", phone: "13912345678" },
  business: { name: "庐山市恒达建材有限公司", creditCode: CODE },
  description: "刘建华经营的庐山市恒达建材有限公司办理许可时，窗口要求额外提供法规没有规定的证明，联系电话13912345678。",
};
/** Strings that must never reach public text. */
const SECRETS = ["刘建华", "13912345678", "恒达", CODE];

describe("typical cases (典型案例通报)", () => {
  const server = getTestServer({ seed: true });
  let cast: Cast;
  let otherDept: TestUser;
  let admin: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    cast = { owner: await citizen(server), handler: await staffOf(server, "scjgj"), coordinator: await coordinator(server) };
    otherDept = await staffOf(server, "swj");
    admin = await administrator(server);
    stranger = await citizen(server);
  }, 60_000);

  describe("access", () => {
    it("401 without a token and 403 for citizens on the workbench; the library is public", async () => {
      expect((await server.get("/api/v1/staff/cases")).status).toBe(401);
      expect((await server.post("/api/v1/staff/cases", { body: { ticketNo: "x", reason: "y" } })).status).toBe(401);
      expect((await server.get("/api/v1/staff/cases", { token: stranger.token })).status).toBe(403);
      expect((await server.post(`/api/v1/staff/cases/${missingId()}/publish`, { token: cast.handler.token, body: {} })).status).toBe(403);
      expect((await server.get("/api/v1/cases")).status).toBe(200);
      expect((await server.get(`/api/v1/cases/${missingId()}`)).status).toBe(404);
      expect((await server.get("/api/v1/cases/not-an-id")).status).toBe(400);
    });
  });

  describe("the seeded library", () => {
    it("holds the 15 national cases, each marked with its source and as 示例", async () => {
      const res = await server.get<Page<CaseSummary>>("/api/v1/cases", { query: { origin: "national", pageSize: 100 } });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(15);
      for (const c of res.body.items) {
        expect(c.source.label.length).toBeGreaterThan(0);
        expect(["reprint", "secondary"]).toContain(c.source.quality);
        expect(c.sample).toBe(true);
      }
      const v01 = res.body.items.find((c) => c.caseNo === "V01")!;
      expect(v01.source.url).toBe("https://www.zhaoxny.com/p/822b2ee720146.html");
      expect(v01.batch).toBe("国家发展改革委通报第七批");
      expect(v01.publishedAt).toBe("2024-10-27T16:00:00.000Z");
      expect(v01.barrierType).toBe("B05");
      const v09 = res.body.items.find((c) => c.caseNo === "V09")!;
      expect(v09.kind).toBe("violation");
      expect(v09.source.url).toBeNull();
      expect(v09.source.note).toContain("核对");
      const detail = await server.get<CaseDetail>(`/api/v1/cases/${v01.id}`);
      expect(detail.body.handling).toContain("废止");
    });

    it("filters by barrier type and searches text", async () => {
      const b07 = await server.get<Page<CaseSummary>>("/api/v1/cases", { query: { barrierType: "B07", pageSize: 100 } });
      expect(b07.body.items.map((c) => c.caseNo).sort()).toEqual(["V02", "V05", "V15"]);
      const q = await server.get<Page<CaseSummary>>("/api/v1/cases", { query: { q: "民宿" } });
      expect(q.body.items.map((c) => c.caseNo).sort()).toEqual(["V03", "V04"]);
      const bad = await server.get<ErrorReply>("/api/v1/cases", { query: { barrierType: "B99" } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain("B01");
    });
  });

  describe("from complaint to published 通报", () => {
    let ticket: string;
    let caseId: string;

    beforeAll(async () => {
      ticket = await complaintIn(server, "closed", cast, PRIVATE);
    }, 60_000);

    it("refuses proposals of unhandled complaints, by other departments, and by citizens", async () => {
      const open = await complaintIn(server, "accepted", cast);
      const early = await server.post<ErrorReply>("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: open, reason: "典型" } });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain("已答复或已办结");
      expect((await server.post("/api/v1/staff/cases", { token: otherDept.token, body: { ticketNo: ticket, reason: "典型" } })).status).toBe(404);
      expect((await server.post("/api/v1/staff/cases", { token: stranger.token, body: { ticketNo: ticket, reason: "典型" } })).status).toBe(403);
      const missing = await server.post<ErrorReply>("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: "TS00000000-0000", reason: "典型" } });
      expect(missing.status).toBe(404);
      const empty = await server.post<ErrorReply>("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: ticket, reason: "" } });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toBe("推荐理由不能为空");
    });

    it("the handling department proposes it; the first draft has the personal data taken out", async () => {
      const res = await server.post<StaffCaseView>("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: ticket, reason: "窗口额外要求证明材料，具有代表性" } });
      expect(res.status).toBe(201);
      caseId = res.body.id;
      expect(res.body.status).toBe("proposed");
      expect(res.body.caseNo).toMatch(/^AL\d{4}-\d{4}$/);
      expect(res.body.ticketNo).toBe(ticket);
      expect(res.body.department?.code).toBe("scjgj");
      expect(res.body.summary).toContain("刘某");
      for (const s of SECRETS) expect(res.body.summary).not.toContain(s);
      expect(res.body.check.passed).toBe(true);
      expect(res.body.abilities).toEqual({ edit: false, publish: false, unpublish: false, reject: false });
      const again = await server.post<ErrorReply>("/api/v1/staff/cases", { token: cast.coordinator.token, body: { ticketNo: ticket, reason: "再推荐" } });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("duplicate");
    });

    it("is visible to its department and the coordinator, not to other departments or the public", async () => {
      expect((await server.get(`/api/v1/staff/cases/${caseId}`, { token: otherDept.token })).status).toBe(404);
      const list = await server.get<Page<{ id: string }>>("/api/v1/staff/cases", { token: otherDept.token, query: { pageSize: 100 } });
      expect(list.body.items.map((c) => c.id)).not.toContain(caseId);
      const own = await server.get<Page<{ id: string }>>("/api/v1/staff/cases", { token: cast.handler.token, query: { status: "proposed" } });
      expect(own.body.items.map((c) => c.id)).toContain(caseId);
      expect((await server.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
      const view = await server.get<StaffCaseView>(`/api/v1/staff/cases/${caseId}`, { token: cast.coordinator.token });
      expect(view.body.abilities).toEqual({ edit: true, publish: true, unpublish: false, reject: true });
    });

    it("department staff cannot edit or publish", async () => {
      expect((await server.patch(`/api/v1/staff/cases/${caseId}`, { token: cast.handler.token, body: { title: "x", expectedVersion: 1 } })).status).toBe(403);
      expect((await server.post(`/api/v1/staff/cases/${caseId}/publish`, { token: cast.handler.token, body: {} })).status).toBe(403);
    });

    it("the checker blocks publication while the edited text names the complainant, and explains what it found", async () => {
      const view = await server.get<StaffCaseView>(`/api/v1/staff/cases/${caseId}`, { token: cast.coordinator.token });
      const edited = await server.patch<StaffCaseView>(`/api/v1/staff/cases/${caseId}`, {
        token: cast.coordinator.token,
        body: {
          title: "市场监管窗口违规要求额外证明材料",
          summary: `刘建华经营的恒达建材在办理许可时被要求额外证明，其联系电话 139-1234-5678，信用代码${CODE}。`,
          lesson: "王先生反映的问题说明窗口须严格按清单办理。",
          expectedVersion: view.body.version,
        },
      });
      expect(edited.status).toBe(200);
      expect(edited.body.check.passed).toBe(false);
      // A stale version is refused.
      const stale = await server.patch<ErrorReply>(`/api/v1/staff/cases/${caseId}`, { token: cast.coordinator.token, body: { title: "x", expectedVersion: view.body.version } });
      expect(stale.status).toBe(409);

      const refused = await server.post<ErrorReply>(`/api/v1/staff/cases/${caseId}/publish`, { token: cast.coordinator.token, body: {} });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe("personal_data_found");
      expect(refused.body.error.message).toContain("不能发布");
      expect(refused.body.error.message).toContain("投诉人的姓名");
      expect(refused.body.error.message).toContain("139****5678");
      const paths = refused.body.error.details!.map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(["body.summary", "body.lesson"]));
      for (const s of SECRETS) expect(refused.text).not.toContain(s);
      // Nothing was written: no post, not in the library.
      expect(await PostModel.countDocuments({ category: "典型案例通报" })).toBe(0);
      expect((await server.get(`/api/v1/cases/${caseId}`)).status).toBe(404);

      // The editor can check a draft without saving it.
      const dry = await server.post<{ passed: boolean; findings: { kind: string }[] }>(`/api/v1/staff/cases/${caseId}/check`, {
        token: cast.coordinator.token,
        body: { summary: "刘某经营的某建材企业在办理许可时被要求额外证明。", lesson: null },
      });
      expect(dry.status).toBe(200);
      expect(dry.body.passed).toBe(true);
    });

    it("after the edits it publishes: library and policy feed (典型案例通报), without personal data", async () => {
      const view = await server.get<StaffCaseView>(`/api/v1/staff/cases/${caseId}`, { token: cast.coordinator.token });
      const fixed = await server.patch<StaffCaseView>(`/api/v1/staff/cases/${caseId}`, {
        token: cast.coordinator.token,
        body: { summary: "刘某经营的某建材企业在办理许可时，被窗口要求提供法规没有规定的证明材料。", lesson: "窗口须严格按清单和办事指南受理，不得额外增设条件。", expectedVersion: view.body.version },
      });
      expect(fixed.body.check.passed).toBe(true);
      const published = await server.post<StaffCaseView>(`/api/v1/staff/cases/${caseId}/publish`, { token: cast.coordinator.token, body: { expectedVersion: fixed.body.version } });
      expect(published.status).toBe(200);
      expect(published.body.status).toBe("published");
      expect(published.body.batch).toMatch(/^庐山市典型案例通报 \d{4}年第\d+期$/);
      expect(published.body.postId).toMatch(/^[0-9a-f]{24}$/);
      expect(published.body.abilities.unpublish).toBe(true);

      const pub = await server.get<CaseDetail>(`/api/v1/cases/${caseId}`);
      expect(pub.status).toBe(200);
      expect(pub.body.origin).toBe("complaint");
      expect(pub.body.source.quality).toBe("local");
      expect(pub.body).not.toHaveProperty("ticketNo");
      for (const s of [...SECRETS, ticketOf(published.body)]) expect(pub.text).not.toContain(s);
      const library = await server.get<Page<CaseSummary>>("/api/v1/cases", { query: { origin: "complaint" } });
      expect(library.body.items.map((c) => c.id)).toContain(caseId);

      const feed = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { category: "典型案例通报" } });
      const entry = feed.body.items.find((p) => p.id === published.body.postId);
      expect(entry?.title).toBe("市场监管窗口违规要求额外证明材料");
      const post = await server.get<PostDetail>(`/api/v1/policies/${published.body.postId}`);
      expect(post.status).toBe(200);
      expect(post.body.category).toBe("典型案例通报");
      expect(post.body.body).toContain("刘某经营的某建材企业");
      for (const s of SECRETS) expect(post.text).not.toContain(s);

      expect((await server.post(`/api/v1/staff/cases/${caseId}/publish`, { token: cast.coordinator.token, body: {} })).status).toBe(409);
      expect((await server.patch(`/api/v1/staff/cases/${caseId}`, { token: cast.coordinator.token, body: { title: "改", expectedVersion: published.body.version } })).status).toBe(409);
    });

    it("unpublishing takes it out of the library and the feed; republishing reuses the same post", async () => {
      const down = await server.post<StaffCaseView>(`/api/v1/staff/cases/${caseId}/unpublish`, { token: admin.token, body: { reason: "内容需补充核实" } });
      expect(down.status).toBe(200);
      expect(down.body.status).toBe("unpublished");
      expect((await server.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
      expect((await server.get(`/api/v1/policies/${down.body.postId}`)).status).toBe(404);
      const up = await server.post<StaffCaseView>(`/api/v1/staff/cases/${caseId}/publish`, { token: cast.coordinator.token, body: {} });
      expect(up.status).toBe(200);
      expect(up.body.postId).toBe(down.body.postId);
      expect(await PostModel.countDocuments({ category: "典型案例通报" })).toBe(1);
      expect(up.body.history.map((h) => h.action)).toEqual(["propose", "edit", "edit", "publish", "unpublish", "publish"]);
    });

    it("two coordinators publishing at once: one wins, the other gets 409, one post", async () => {
      const t = await complaintIn(server, "closed", cast);
      const proposed = await server.post<StaffCaseView>("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: t, reason: "代表性" } });
      const second = await coordinator(server);
      const before = await PostModel.countDocuments({ category: "典型案例通报" });
      const results = await Promise.all([cast.coordinator.token, second.token].map((token) => server.post(`/api/v1/staff/cases/${proposed.body.id}/publish`, { token, body: {} })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await PostModel.countDocuments({ category: "典型案例通报" })).toBe(before + 1);
    });

    it("a rejected proposal frees the complaint to be proposed again", async () => {
      const t = await complaintIn(server, "replied", cast);
      const proposed = await server.post<StaffCaseView>("/api/v1/staff/cases", { token: cast.coordinator.token, body: { ticketNo: t, reason: "代表性" } });
      expect(proposed.status).toBe(201);
      expect((await server.post(`/api/v1/staff/cases/${proposed.body.id}/reject`, { token: cast.handler.token, body: { reason: "不典型" } })).status).toBe(403);
      const rejected = await server.post<StaffCaseView>(`/api/v1/staff/cases/${proposed.body.id}/reject`, { token: cast.coordinator.token, body: { reason: "情节不典型" } });
      expect(rejected.body.status).toBe("rejected");
      expect(rejected.body.rejectReason).toBe("情节不典型");
      expect((await server.post(`/api/v1/staff/cases/${proposed.body.id}/publish`, { token: cast.coordinator.token, body: {} })).status).toBe(409);
      expect((await server.post("/api/v1/staff/cases", { token: cast.handler.token, body: { ticketNo: t, reason: "补充后再推荐" } })).status).toBe(201);
    });
  });
});

function ticketOf(c: StaffCaseView): string {
  return c.ticketNo!;
}
