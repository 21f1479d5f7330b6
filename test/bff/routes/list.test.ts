import type { EditionDiff, EditionImportResponse, Guide, LexiconResponse, ListItemDetail, ListSearchResponse, SelfCheckResponse } from "@lushan/shared";
import { DepartmentModel } from "../../../bff/src/models/department/department.schema";
import { JobModel } from "../../../bff/src/models/job/job.schema";
import { buildCitizen, buildStaff, tokenFor } from "../../support/factories";
import { officialXlsx } from "../../support/listFiles";
import { getTestServer } from "../../support/server";

type ErrorReply = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

async function multipart(url: string, token: string | undefined, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([file.data]), file.name);
  const res = await fetch(url, { method: "POST", body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe("negative list API", () => {
  const server = getTestServer({ seed: true });

  describe("GET /api/v1/list/items", () => {
    it("searches the active (sample) edition and says it is sample data", async () => {
      const res = await server.get<ListSearchResponse>("/api/v1/list/items", { query: { q: "开个烧烤店" } });
      expect(res.status).toBe(200);
      expect(res.body.sample).toBe(true);
      expect(res.body.edition).toMatchObject({ code: "sample", status: "active", sample: true });
      expect(res.body.items[0]).toMatchObject({ code: "S2048", sample: true, shortName: "食品经营" });
      expect(res.body.facets.category.length).toBeGreaterThan(0);
    });

    it("browses with filters and pagination when q is empty", async () => {
      const res = await server.get<ListSearchResponse>("/api/v1/list/items", { query: { category: "禁止准入类", pageSize: 4 } });
      expect(res.body.total).toBe(6);
      expect(res.body.items).toHaveLength(4);
      expect(res.body.items.map((i) => i.no)).toEqual([1, 2, 3, 4]);
      const page2 = await server.get<ListSearchResponse>("/api/v1/list/items", { query: { category: "禁止准入类", pageSize: 4, page: 2 } });
      expect(page2.body.items).toHaveLength(2);
    });

    it("refuses bad parameters with coded Chinese errors", async () => {
      const bad = await server.get<ErrorReply>("/api/v1/list/items", { query: { category: "其他", pageSize: 500 } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("validation_failed");
      const long = await server.get<ErrorReply>("/api/v1/list/items", { query: { q: "长".repeat(101) } });
      expect(long.body.error.message).toContain("100");
      const missing = await server.get<ErrorReply>("/api/v1/list/items", { query: { edition: "nope" } });
      expect(missing.status).toBe(404);
    });
  });

  it("GET /api/v1/list/suggest offers type-ahead", async () => {
    const res = await server.get<{ suggestions: string[] }>("/api/v1/list/suggest", { query: { q: "wangy" } });
    expect(res.body.suggestions).toContain("网约车");
  });

  describe("GET /api/v1/list/items/:code", () => {
    it("shows measures, departments, the 庐山 handling department, guides and editions", async () => {
      const res = await server.get<ListItemDetail>("/api/v1/list/items/S2048");
      expect(res.status).toBe(200);
      expect(res.body.measures[0].text).toContain("食品经营许可");
      expect(res.body.localDepartment?.code).toBe("scjgj");
      expect(res.body.guides[0]).toMatchObject({ sample: true, department: { code: "scjgj" } });
      expect(res.body.history.map((h) => h.editionCode)).toEqual(["sample"]);
      expect(res.body.explanation).toContain("许可");
    });

    it("answers 404 for an item that is not in the edition and 400 for a malformed code", async () => {
      expect((await server.get("/api/v1/list/items/S9999")).status).toBe(404);
      expect((await server.get("/api/v1/list/items/abc")).status).toBe(400);
    });
  });

  describe("POST /api/v1/list/check", () => {
    it("gives a verdict per activity with what to do next", async () => {
      const res = await server.post<SelfCheckResponse>("/api/v1/list/check", { body: { scope: "餐饮服务；预包装食品销售；住宿服务；健身服务" } });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => r.verdict)).toEqual(["licensed", "not_listed", "licensed", "not_listed"]);
      const food = res.body.results[0];
      expect(food.items[0]).toMatchObject({ code: "S2048", localDepartment: { code: "scjgj" } });
      expect(food.summary).toContain("庐山市");
      expect(res.body.results[3].summary).toContain("平等进入");
      expect(res.body.results[3].note).toContain("高危险性体育项目");
      expect(res.body.results[1].items[0].exemption).toContain("预包装食品");
      expect(res.body.equalEntryRule).toContain("清单以外");
      expect(res.body.sample).toBe(true);
    });

    it("refuses an empty or oversized scope", async () => {
      expect((await server.post<ErrorReply>("/api/v1/list/check", { body: { scope: " " } })).body.error.code).toBe("validation_failed");
      expect((await server.post("/api/v1/list/check", { body: { scope: "餐".repeat(2001) } })).status).toBe(400);
    });
  });

  describe("the search lexicon (GET/PUT /api/v1/admin/list/lexicon)", () => {
    it("is for administrators only", async () => {
      const citizen = await buildCitizen();
      const deptAdmin = await buildStaff("dept_admin");
      expect((await server.get("/api/v1/admin/list/lexicon")).status).toBe(401);
      expect((await server.get("/api/v1/admin/list/lexicon", { token: tokenFor(server, citizen) })).status).toBe(403);
      expect((await server.put("/api/v1/admin/list/lexicon", { token: tokenFor(server, deptAdmin), body: { groups: [] } })).status).toBe(403);
    });

    it("starts from the shipped table, refuses malformed tables and rebuilds search with a saved one", async () => {
      const admin = await buildStaff("admin");
      const token = tokenFor(server, admin);
      const shipped = await server.get<LexiconResponse>("/api/v1/admin/list/lexicon", { token });
      expect(shipped.status).toBe(200);
      expect(shipped.body).toMatchObject({ source: "shipped", version: 0 });
      expect(shipped.body.groups.some((g) => g.words.includes("网咖"))).toBe(true);

      const bad = await server.put<ErrorReply>("/api/v1/admin/list/lexicon", { token, body: { groups: [{ means: [], words: ["桨板"] }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBeTruthy();

      expect((await server.get<ListSearchResponse>("/api/v1/list/items", { query: { q: "桨板俱乐部" } })).body.total).toBe(0);
      const { groups, entries, relatedEntries } = shipped.body;
      const saved = await server.put<LexiconResponse>("/api/v1/admin/list/lexicon", {
        token,
        body: { groups: [...groups, { means: ["高危险性体育项目"], words: ["桨板"] }], entries, relatedEntries },
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ source: "database", version: 1 });
      const found = await server.get<ListSearchResponse>("/api/v1/list/items", { query: { q: "桨板俱乐部" } });
      expect(found.body.items[0].code).toBe("S2087");
      const check = await server.post<SelfCheckResponse>("/api/v1/list/check", { body: { scope: "桨板培训" } });
      expect(check.body.results[0].related.map((r) => r.code).concat(check.body.results[0].items.map((i) => i.code))).toContain("S2087");

      // Back to the shipped words for the rest of the file.
      const restored = await server.put<LexiconResponse>("/api/v1/admin/list/lexicon", { token, body: { groups, entries, relatedEntries } });
      expect(restored.body.version).toBe(2);
      expect((await server.get<ListSearchResponse>("/api/v1/list/items", { query: { q: "桨板俱乐部" } })).body.total).toBe(0);
    });
  });

  describe("import, diff and activation", () => {
    const official = () =>
      officialXlsx([
        { title: "一、禁止准入类", rows: [{ no: 1, name: "禁止违规开展金融相关经营活动", code: "100004", measures: ["非金融机构不得使用金融字样"], departments: "中国人民银行" }] },
        {
          title: "二、许可准入类",
          rows: [
            { no: 2, name: "未获得许可，不得从事食品经营", code: "200101", measures: ["食品经营许可"], departments: "市场监管总局" },
            { no: 3, name: "未获得许可，不得从事电子烟生产、批发、零售", code: "200102", measures: ["电子烟零售许可"], departments: "国家烟草局" },
          ],
        },
      ]);

    it("only administrators may import", async () => {
      const citizen = await buildCitizen();
      const staff = await buildStaff("coordinator");
      expect((await multipart(`${server.url}/api/v1/admin/list/editions/import`, undefined, { edition: "2025" }, { name: "a.xlsx", data: await official() })).status).toBe(401);
      expect((await multipart(`${server.url}/api/v1/admin/list/editions/import`, tokenFor(server, citizen), { edition: "2025" }, { name: "a.xlsx", data: await official() })).status).toBe(403);
      expect((await multipart(`${server.url}/api/v1/admin/list/editions/import`, tokenFor(server, staff), { edition: "2025" }, { name: "a.xlsx", data: await official() })).status).toBe(403);
    });

    it("rejects a bad file with row-numbered errors and writes nothing", async () => {
      const admin = await buildStaff("admin");
      const bad = Buffer.from("\uFEFF项目号,禁止或许可事项,事项编码,禁止或许可准入措施描述,主管部门,地方性许可事项\n1,甲,12,甲许可,某部,\n", "utf8");
      const res = await multipart(`${server.url}/api/v1/admin/list/editions/import`, tokenFor(server, admin), { edition: "bad2025" }, { name: "bad.csv", data: bad });
      expect(res.status).toBe(422);
      expect((res.body as ErrorReply).error).toMatchObject({ code: "import_invalid" });
      expect((res.body as ErrorReply).error.details![0].message).toContain("第 2 行");
      expect((await server.get<ListSearchResponse>("/api/v1/list/items", { query: { edition: "bad2025" } })).status).toBe(404);
    });

    it("imports a draft, diffs it against the sample, activates it and records the event", async () => {
      const admin = await buildStaff("admin");
      const token = tokenFor(server, admin);
      const res = await multipart(`${server.url}/api/v1/admin/list/editions/import`, token, { edition: "2025", title: "市场准入负面清单（2025年版）" }, { name: "2025.xlsx", data: await official() });
      expect(res.status).toBe(201);
      const body = res.body as EditionImportResponse;
      expect(body.edition).toMatchObject({ code: "2025", status: "draft", sample: false, itemCount: 3 });
      expect(body.diff).toMatchObject({ added: 2, removed: 94, changed: 1 });
      // The draft is searchable by name but the active edition is still the sample.
      expect((await server.get<ListSearchResponse>("/api/v1/list/items", { query: { q: "食品经营", edition: "2025" } })).body.items[0].code).toBe("200101");
      expect((await server.get<ListSearchResponse>("/api/v1/list/items")).body.edition.code).toBe("sample");
      const diff = await server.get<EditionDiff>("/api/v1/list/editions/sample/diff/2025");
      expect(diff.body.summary).toEqual({ added: 2, removed: 94, changed: 1, unchanged: 0 });
      expect(diff.body.changed[0]).toMatchObject({ code: "100004", fields: expect.arrayContaining(["measures"]) });
      const activated = await server.post("/api/v1/admin/list/editions/2025/activate", { token });
      expect(activated.status).toBe(200);
      const after = await server.get<ListSearchResponse>("/api/v1/list/items", { query: { q: "金融字样" } });
      expect(after.body.edition.code).toBe("2025");
      expect(after.body.sample).toBe(false);
      expect(after.body.items[0].code).toBe("100004");
      // Keywords of the sample edition carried over to the same code.
      expect((await server.get<ListItemDetail>("/api/v1/list/items/100004")).body.keywords.length).toBeGreaterThan(0);
      expect(await JobModel.countDocuments({ type: "event.dispatch", "payload.name": "list.edition_activated", "payload.payload.editionId": "2025" })).toBe(1);
      const editions = await server.get<{ items: { code: string; status: string }[] }>("/api/v1/list/editions");
      expect(editions.body.items.map((e) => [e.code, e.status])).toEqual(expect.arrayContaining([["2025", "active"], ["sample", "archived"]]));
      // Re-importing an active edition is refused.
      const again = await multipart(`${server.url}/api/v1/admin/list/editions/import`, token, { edition: "2025" }, { name: "2025.xlsx", data: await official() });
      expect(again.status).toBe(409);
      // Back to the sample for the other tests of this file.
      await server.post("/api/v1/admin/list/editions/sample/activate", { token });
    });
  });

  describe("PUT /api/v1/list/items/:code/guide", () => {
    const guide = {
      title: "食品经营许可办事指南",
      materials: ["食品经营许可申请书", "营业执照复印件"],
      process: ["网上申请", "受理", "现场核查", "决定"],
      timeLimit: "承诺 5 个工作日",
      legalBasis: ["《中华人民共和国食品安全法》"],
      promiseAcceptance: { applicable: true, note: "符合条件的可告知承诺" },
      toleranceAcceptance: { applicable: false, note: "" },
    };

    it("lets the handling department's administrator edit, and nobody else", async () => {
      const scjgj = (await DepartmentModel.findOne({ code: "scjgj" }).lean())!;
      const other = (await DepartmentModel.findOne({ code: "wglj" }).lean())!;
      const own = await buildStaff("dept_admin", { department: scjgj as never });
      const foreign = await buildStaff("dept_admin", { department: other as never });
      const officer = await buildStaff("dept_staff", { department: scjgj as never });
      const ok = await server.put<Guide>("/api/v1/list/items/S2048/guide", { token: tokenFor(server, own), body: guide });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ sample: false, needsReview: false, department: { code: "scjgj" }, promiseAcceptance: { applicable: true } });
      expect(ok.body.version).toBeGreaterThan(1);
      expect((await server.put("/api/v1/list/items/S2048/guide", { token: tokenFor(server, officer), body: guide })).status).toBe(403);
      // Another department does not handle this item.
      expect((await server.put("/api/v1/list/items/S2048/guide", { token: tokenFor(server, foreign), body: guide })).status).toBe(403);
      // An administrator can assign it a guide, after which its own administrator may edit it.
      const admin = await buildStaff("admin");
      expect((await server.put<Guide>("/api/v1/list/items/S2048/guide", { token: tokenFor(server, admin), query: { department: "wglj" }, body: guide })).body.department?.code).toBe("wglj");
      expect((await server.put("/api/v1/list/items/S2048/guide", { token: tokenFor(server, foreign), body: guide })).status).toBe(200);
      const detail = await server.get<ListItemDetail>("/api/v1/list/items/S2048");
      expect(detail.body.guides.map((g) => g.department?.code).sort()).toEqual(["scjgj", "wglj"]);
    });

    it("validates the guide", async () => {
      const admin = await buildStaff("admin");
      const res = await server.put<ErrorReply>("/api/v1/list/items/S2048/guide", { token: tokenFor(server, admin), body: { ...guide, materials: [] } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("至少");
    });
  });
});
