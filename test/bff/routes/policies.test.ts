import type { PolicyFeedResponse, PostDetail, StaffPostView } from "@lushan/shared";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { PostModel } from "../../../bff/src/models/post/post.schema";
import { DepartmentModel, type DepartmentRecord } from "../../../bff/src/models/department/department.schema";
import { buildCitizen, buildStaff, missingId, tokenFor } from "../../support/factories";
import { getTestServer } from "../../support/server";

/** A seeded department. */
async function department(code: string): Promise<DepartmentRecord> {
  return (await DepartmentModel.findOne({ code }).lean<DepartmentRecord>())!;
}

type ErrorReply = { error: { code: string; message: string; details?: { path: string }[] } };

const draft = (overrides: Record<string, unknown> = {}) => ({
  category: "政策解读",
  title: "关于食品经营许可告知承诺制的政策解读",
  summary: "",
  body: `<h2>一、哪些情形可以告知承诺</h2><p>申请人书面承诺符合条件的，当场办理。</p><script>alert(1)</script><img src="https://img.example/flow.png" onerror="alert(2)">`,
  tags: { industries: ["住宿和餐饮业"], items: ["S2048"] },
  attachments: [{ title: "办事指南", url: "https://www.lushan.gov.cn/guide.pdf" }],
  ...overrides,
});

describe("policy posts", () => {
  const server = getTestServer({ seed: true });
  let coordinator: string;
  let admin: string;
  let fgwAdmin: string;
  let swjAdmin: string;
  let swjStaff: string;
  let citizen: string;

  beforeAll(async () => {
    coordinator = tokenFor(server, await buildStaff("coordinator"));
    admin = tokenFor(server, await buildStaff("admin"));
    fgwAdmin = tokenFor(server, await buildStaff("dept_admin", { department: (await department("fgw")) as never }));
    swjAdmin = tokenFor(server, await buildStaff("dept_admin", { department: (await department("swj")) as never }));
    swjStaff = tokenFor(server, await buildStaff("dept_staff", { department: (await department("swj")) as never }));
    citizen = tokenFor(server, await buildCitizen());
    // The seed activated the sample edition: its 清单动态 post is written by the worker.
    await server.drainJobs();
  });

  describe("authentication and roles", () => {
    it("requires a login for the workbench", async () => {
      expect((await server.get("/api/v1/staff/policies")).status).toBe(401);
      expect((await server.post("/api/v1/staff/policies", { body: draft() })).status).toBe(401);
    });

    it("refuses citizens and department staff who may not write", async () => {
      expect((await server.get("/api/v1/staff/policies", { token: citizen })).status).toBe(403);
      expect((await server.post("/api/v1/staff/policies", { token: citizen, body: draft() })).status).toBe(403);
      expect((await server.post("/api/v1/staff/policies", { token: swjStaff, body: draft() })).status).toBe(403);
    });

    it("lets department administrators draft 政策解读 and 行业信息 only, for their own department", async () => {
      expect((await server.post("/api/v1/staff/policies", { token: swjAdmin, body: draft() })).status).toBe(201);
      expect((await server.post("/api/v1/staff/policies", { token: swjAdmin, body: draft({ category: "清单动态" }) })).status).toBe(403);
      expect((await server.post("/api/v1/staff/policies", { token: swjAdmin, body: draft({ department: "fgw" }) })).status).toBe(403);
    });

    it("never lets staff write 庐山发布 (it comes from the official account)", async () => {
      expect((await server.post("/api/v1/staff/policies", { token: coordinator, body: draft({ category: "庐山发布" }) })).status).toBe(403);
    });

    it("keeps publishing to coordinators and administrators", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: swjAdmin, body: draft() });
      expect(created.body.abilities).toEqual({ update: true, publish: false, unpublish: false });
      expect((await server.post(`/api/v1/staff/policies/${created.body.id}/publish`, { token: swjAdmin, body: {} })).status).toBe(403);
      expect((await server.post(`/api/v1/staff/policies/${created.body.id}/publish`, { token: admin, body: {} })).status).toBe(200);
    });

    it("hides other departments' drafts from department staff", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: swjAdmin, body: draft() });
      expect((await server.get(`/api/v1/staff/policies/${created.body.id}`, { token: fgwAdmin })).status).toBe(404);
      expect((await server.get(`/api/v1/staff/policies/${created.body.id}`, { token: swjStaff })).status).toBe(200);
      const list = await server.get<{ items: StaffPostView[] }>("/api/v1/staff/policies", { token: fgwAdmin });
      expect(list.body.items.some((p) => p.id === created.body.id)).toBe(false);
    });
  });

  describe("writing", () => {
    it("sanitises the body, derives a summary and keeps version 1", async () => {
      const res = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: draft() });
      expect(res.status).toBe(201);
      expect(res.body.body).not.toMatch(/script|onerror/);
      expect(res.body.body).toContain(`<img src="https://img.example/flow.png" />`);
      expect(res.body.summary).toContain("哪些情形可以告知承诺");
      expect(res.body).toMatchObject({ status: "draft", version: 1, source: "staff", publishedAt: null });
      expect(res.body.items).toEqual([{ code: "S2048", name: expect.any(String) }]);
      const versions = await server.get<{ items: { version: number }[] }>(`/api/v1/staff/policies/${res.body.id}/versions`, { token: coordinator });
      expect(versions.body.items.map((v) => v.version)).toEqual([1]);
    });

    it("refuses bad input with coded 400s", async () => {
      const bad = async (body: unknown) => (await server.post<ErrorReply>("/api/v1/staff/policies", { token: coordinator, body })).body.error.code;
      expect(await bad(draft({ title: "" }))).toBe("validation_failed");
      expect(await bad(draft({ category: "新闻" }))).toBe("validation_failed");
      expect(await bad(draft({ body: "<script>alert(1)</script>" }))).toBe("validation_failed");
      expect(await bad(draft({ attachments: [{ title: "x", url: "javascript:alert(1)" }] }))).toBe("validation_failed");
      expect(await bad(draft({ cover: "http://insecure.example/a.png" }))).toBe("validation_failed");
      expect(await bad(draft({ tags: { industries: [], items: ["999999"] } }))).toBe("validation_failed");
      expect(await bad({ ...draft(), extra: 1 })).toBe("validation_failed");
    });

    it("saves edits as new versions and refuses a stale version with 409", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: draft() });
      const id = created.body.id;
      const edited = await server.patch<StaffPostView>(`/api/v1/staff/policies/${id}`, { token: coordinator, body: { expectedVersion: 1, title: "告知承诺制政策解读（修订）", note: "改标题" } });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ version: 2, title: "告知承诺制政策解读（修订）" });
      const stale = await server.patch<ErrorReply>(`/api/v1/staff/policies/${id}`, { token: coordinator, body: { expectedVersion: 1, title: "另一人的修改" } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe("conflict");
      const versions = await server.get<{ items: { version: number; title: string; note: string | null }[] }>(`/api/v1/staff/policies/${id}/versions`, { token: coordinator });
      expect(versions.body.items.map((v) => [v.version, v.title])).toEqual([
        [2, "告知承诺制政策解读（修订）"],
        [1, "关于食品经营许可告知承诺制的政策解读"],
      ]);
    });

    it("stops a department administrator editing once the post is published", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: swjAdmin, body: draft() });
      await server.post(`/api/v1/staff/policies/${created.body.id}/publish`, { token: coordinator, body: {} });
      const res = await server.patch(`/api/v1/staff/policies/${created.body.id}`, { token: swjAdmin, body: { expectedVersion: 1, title: "改" } });
      expect(res.status).toBe(403);
    });
  });

  describe("publishing and the public feed", () => {
    it("publishes, shows the post in the feed and on its page, and unpublishes with a reason", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: draft({ title: "民宿开办一件事政策解读", tags: { industries: ["住宿和餐饮业"], items: [] } }) });
      const id = created.body.id;
      expect((await server.get(`/api/v1/policies/${id}`)).status).toBe(404);
      const published = await server.post<StaffPostView>(`/api/v1/staff/policies/${id}/publish`, { token: coordinator, body: {} });
      expect(published.body).toMatchObject({ status: "published", abilities: { publish: false, unpublish: true } });
      const page = await server.get<PostDetail>(`/api/v1/policies/${id}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ title: "民宿开办一件事政策解读", category: "政策解读", attachments: [{ title: "办事指南" }] });
      const feed = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { category: "政策解读" } });
      expect(feed.body.items.map((p) => p.id)).toContain(id);
      expect(feed.body.items.every((p) => p.category === "政策解读")).toBe(true);
      const again = await server.post<ErrorReply>(`/api/v1/staff/policies/${id}/publish`, { token: coordinator, body: {} });
      expect(again.status).toBe(409);
      const down = await server.post<StaffPostView>(`/api/v1/staff/policies/${id}/unpublish`, { token: coordinator, body: { reason: "内容需要更新" } });
      expect(down.body).toMatchObject({ status: "unpublished", unpublishReason: "内容需要更新" });
      expect((await server.get(`/api/v1/policies/${id}`)).status).toBe(404);
      const after = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { category: "政策解读" } });
      expect(after.body.items.map((p) => p.id)).not.toContain(id);
    });

    it("searches in Chinese and pinyin and filters by tag", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", {
        token: coordinator,
        body: draft({ category: "行业信息", title: "网约车经营许可办理指引", body: "<p>在庐山市从事网约车经营，需要取得网络预约出租汽车经营许可。</p>", tags: { industries: ["交通运输、仓储和邮政业"], items: [] } }),
      });
      await server.post(`/api/v1/staff/policies/${created.body.id}/publish`, { token: coordinator, body: {} });
      const byWord = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { q: "网约车" } });
      expect(byWord.body.items[0].id).toBe(created.body.id);
      expect(byWord.body.items[0].highlights?.title.some((s) => s.hit)).toBe(true);
      const byPinyin = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { q: "wangyueche" } });
      expect(byPinyin.body.items.map((p) => p.id)).toContain(created.body.id);
      const byTag = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { tag: "交通运输、仓储和邮政业" } });
      expect(byTag.body.items.map((p) => p.id)).toEqual([created.body.id]);
      const none = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { tag: "不存在的标签" } });
      expect(none.body).toMatchObject({ items: [], total: 0 });
      expect(byWord.body.facets.category.find((f) => f.value === "行业信息")?.count).toBeGreaterThanOrEqual(1);
    });

    it("schedules a publication and the delayed job publishes it", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: draft({ title: "定时发布的政策解读" }) });
      const at = new Date(Date.now() + 3_600_000).toISOString();
      const scheduled = await server.post<StaffPostView>(`/api/v1/staff/policies/${created.body.id}/publish`, { token: coordinator, body: { at } });
      expect(scheduled.body).toMatchObject({ status: "scheduled", publishAt: at });
      expect((await server.get(`/api/v1/policies/${created.body.id}`)).status).toBe(404);
      // The hour passes.
      await JobModel.updateMany({ type: "policies.publish_scheduled", state: "pending" }, { $set: { runAt: new Date() } });
      await server.drainJobs();
      expect((await server.get<PostDetail>(`/api/v1/policies/${created.body.id}`)).status).toBe(200);
    });

    it("cancels a scheduled publication back to a draft", async () => {
      const created = await server.post<StaffPostView>("/api/v1/staff/policies", { token: coordinator, body: draft({ title: "将被取消的定时稿件" }) });
      await server.post(`/api/v1/staff/policies/${created.body.id}/publish`, { token: coordinator, body: { at: new Date(Date.now() + 3_600_000).toISOString() } });
      const cancelled = await server.post<StaffPostView>(`/api/v1/staff/policies/${created.body.id}/unpublish`, { token: coordinator, body: { reason: "暂缓发布" } });
      expect(cancelled.body.status).toBe("draft");
      await JobModel.updateMany({ type: "policies.publish_scheduled", state: "pending" }, { $set: { runAt: new Date() } });
      await server.drainJobs();
      expect((await PostModel.findById(created.body.id).lean())!.status).toBe("draft");
    });

    it("answers 404 for unknown ids and 400 for malformed ones", async () => {
      expect((await server.get(`/api/v1/policies/${missingId()}`)).status).toBe(404);
      expect((await server.get("/api/v1/policies/not-an-id")).status).toBe(400);
      expect((await server.get("/api/v1/policies", { query: { category: "新闻" } })).status).toBe(400);
      expect((await server.get("/api/v1/policies", { query: { pageSize: 1000 } })).status).toBe(400);
    });
  });

  describe("清单动态 for list editions", () => {
    it("wrote and published a post when the sample edition was activated", async () => {
      const feed = await server.get<PolicyFeedResponse>("/api/v1/policies", { query: { category: "清单动态" } });
      const post = feed.body.items.find((p) => p.source === "system");
      expect(post).toBeDefined();
      expect(post).toMatchObject({ category: "清单动态", sample: true });
      const page = await server.get<PostDetail>(`/api/v1/policies/${post!.id}`);
      expect(page.body.body).toContain("示例数据");
    });
  });
});
