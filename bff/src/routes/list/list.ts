
import { listContract, type DepartmentSummary, type ListItemDetail } from "@lushan/shared";
import { editionActivator, editionItems } from "../../commands/editionActivator";
import { editionDraftWriter } from "../../commands/editionDraftWriter";
import { guideWriter } from "../../commands/guideWriter";
import { listLexiconWriter } from "../../commands/listLexiconWriter";
import { AppError, NotFoundError } from "../../errors";
import { localDepartmentCode } from "../../list/departmentMapping";
import { diffEditions } from "../../list/editionDiff";
import { parseEditionFile } from "../../list/import/parseEdition";
import type { ListItemData } from "../../list/listItem";
import { multipartFile, type UploadedFile } from "../../middlewares/multipart";
import { GuideModel, type GuideRecord } from "../../models/guide/guide.schema";
import { ListEditionModel, type ListEditionRecord } from "../../models/listEdition/listEdition.schema";
import { ListItemModel } from "../../models/listItem/listItem.schema";
import { presentDepartmentSummary } from "../../presenters/department";
import { EQUAL_ENTRY_RULE, presentActivityCheck, presentEdition, presentGuide, presentItemDetail, presentItemSummary, presentLexicon } from "../../presenters/list";
import { checkScope } from "../../selfCheck/checker";
import type { Services } from "../../services";
import type { CatalogEntry } from "../../list/catalog";
import { RawJson, register, type ApiRouter } from "../register";

const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

async function localDepartmentResolver(services: Services): Promise<(item: ListItemData) => DepartmentSummary | null> {
  const departments = await services.list.departmentsByCode();
  return (item) => {
    const code = localDepartmentCode(item.departments);
    const dept = code ? departments.get(code) : undefined;
    return dept ? presentDepartmentSummary(dept) : null;
  };
}

/** Search, item pages, self-check, editions, diff, import and guides. */
export function listRoutes(router: ApiRouter): void {
  register(router, listContract.search, async (ctx) => {
    const { q, category, industry, department, edition, page, pageSize } = ctx.input.query;
    const entry = await ctx.services.list.getEdition(edition);
    const key = JSON.stringify(["search", entry.edition.code, q ?? "", category, industry, department, page, pageSize]);
    return new RawJson(ctx.services.list.cachedResponse(key, () => searchResponse(entry, q ?? "", { category, industry, department }, page, pageSize)));
  });

  function searchResponse(
    entry: CatalogEntry,
    q: string,
    f: { category?: string; industry?: string; department?: string },
    page: number,
    pageSize: number,
  ) {
    const { category, industry, department } = f;
    const result = entry.index.search(q, {
      filters: { category: category ? [category] : undefined, industry: industry ? [industry] : undefined, department: department ? [department] : undefined },
      page,
      pageSize,
    });
    return {
      items: result.hits.map(presentItemSummary),
      total: result.total,
      page,
      pageSize,
      facets: {
        category: result.facets.category ?? [],
        industry: result.facets.industry ?? [],
        department: result.facets.department ?? [],
      },
      didYouMean: result.didYouMean,
      edition: presentEdition(entry.edition),
      sample: entry.edition.sample,
    };
  }

  register(router, listContract.suggest, async (ctx) => {
    const entry = await ctx.services.list.getActive();
    const q = ctx.input.query.q;
    return new RawJson(ctx.services.list.cachedResponse(JSON.stringify(["suggest", q]), () => ({ suggestions: entry.index.suggest(q, 8) })));
  });

  register(router, listContract.item, async (ctx) => {
    const entry = await ctx.services.list.getEdition(ctx.input.query.edition);
    const item = entry.byCode.get(ctx.input.params.code);
    if (!item) throw NotFoundError(`事项 ${ctx.input.params.code} 不在${entry.edition.title}中`);
    return new RawJson(await ctx.services.list.itemPage(`${entry.edition.code}:${item.code}`, () => itemPage(ctx.services, item, entry.edition)));
  });

  async function itemPage(services: Services, item: ListItemData, edition: ListEditionRecord): Promise<ListItemDetail> {
    const departments = await services.list.departmentsByCode();
    const [guides, historyRows, editions] = await Promise.all([
      GuideModel.find({ itemCode: item.code }).sort({ updatedAt: -1 }).lean<GuideRecord[]>(),
      ListItemModel.find({ code: item.code }, { editionCode: 1, name: 1, measures: 1 }).lean(),
      ListEditionModel.find({}).lean<ListEditionRecord[]>(),
    ]);
    const byEdition = new Map(editions.map((e) => [e.code, e]));
    const history: ListItemDetail["history"] = historyRows
      .filter((h) => byEdition.get(h.editionCode)?.status !== "draft")
      .map((h) => {
        const e = byEdition.get(h.editionCode)!;
        return { editionCode: h.editionCode, editionTitle: e.title, status: e.status, name: h.name, measureCount: h.measures.length };
      })
      .sort((a, b) => a.editionCode.localeCompare(b.editionCode));
    const localCode = localDepartmentCode(item.departments);
    const local = localCode ? departments.get(localCode) : undefined;
    return presentItemDetail(item, edition, local ? presentDepartmentSummary(local) : null, guides.map((g) => presentGuide(g, departments)), history);
  }

  register(router, listContract.check, async (ctx) => {
    const entry = await ctx.services.list.getActive();
    const resolve = await localDepartmentResolver(ctx.services);
    const checks = checkScope(ctx.input.body.scope, entry.index, entry.synonyms);
    return {
      results: checks.map((c) => presentActivityCheck(c, resolve)),
      equalEntryRule: EQUAL_ENTRY_RULE,
      edition: presentEdition(entry.edition),
      sample: entry.edition.sample,
    };
  });

  register(router, listContract.editions, async () => {
    const rows = await ListEditionModel.find({ status: { $ne: "draft" } }).sort({ createdAt: -1 }).lean<ListEditionRecord[]>();
    return { items: rows.map(presentEdition) };
  });

  register(router, listContract.diff, async (ctx) => {
    const { from, to } = ctx.input.params;
    const [a, b] = await Promise.all([ListEditionModel.findOne({ code: from }).lean<ListEditionRecord>(), ListEditionModel.findOne({ code: to }).lean<ListEditionRecord>()]);
    if (!a) throw NotFoundError(`清单版本 ${from} 不存在`);
    if (!b) throw NotFoundError(`清单版本 ${to} 不存在`);
    const diff = diffEditions(await editionItems(from), await editionItems(to));
    const ref = (i: ListItemData) => ({ code: i.code, name: i.name, category: i.category });
    return {
      from: presentEdition(a),
      to: presentEdition(b),
      added: diff.added.map(ref),
      removed: diff.removed.map(ref),
      changed: diff.changed,
      summary: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged: diff.unchanged },
    };
  });

  register(
    router,
    listContract.import,
    async (ctx) => {
      const file = (ctx.state as { file?: UploadedFile }).file!;
      const { edition: code, title, activate } = ctx.input.body;
      const parsed = await parseEditionFile(file.buffer, file.originalname);
      if (parsed.errors.length) {
        throw new AppError(422, "import_invalid", parsed.errors[0].message, parsed.errors.slice(0, 50).map((e) => ({ path: `row.${e.row}`, message: e.message })));
      }
      const actorId = ctx.state.actor!.userId;
      let edition = await editionDraftWriter({ code, title: title ?? `市场准入负面清单（${code}年版）`, items: parsed.items, source: file.originalname, notice: parsed.notice ?? null, actorId });
      const active = await ListEditionModel.findOne({ status: "active" }).lean<ListEditionRecord>();
      let summary = null;
      if (active && active.code !== code) {
        const d = diffEditions(await editionItems(active.code), await editionItems(code));
        summary = { added: d.added.length, removed: d.removed.length, changed: d.changed.length, unchanged: d.unchanged };
      }
      if (activate === "true") {
        edition = (await editionActivator(code, actorId)).edition;
        ctx.services.queue.nudge();
      }
      ctx.services.list.invalidate();
      return {
        edition: presentEdition(edition),
        rows: parsed.items.reduce((n, i) => n + i.measures.length, 0),
        items: parsed.items.length,
        warnings: parsed.warnings.slice(0, 100),
        diff: summary,
      };
    },
    { bodyParser: multipartFile({ field: "file", maxBytes: MAX_IMPORT_BYTES }) },
  );

  register(router, listContract.activate, async (ctx) => {
    const { edition } = await editionActivator(ctx.input.params.code, ctx.state.actor!.userId);
    ctx.services.list.invalidate();
    ctx.services.queue.nudge();
    return presentEdition(edition);
  });

  register(router, listContract.lexicon, async (ctx) => presentLexicon(await ctx.services.list.lexicon()));

  register(router, listContract.updateLexicon, async (ctx) => {
    await listLexiconWriter(ctx.state.actor!, ctx.input.body, ctx.state.requestId);
    ctx.services.list.invalidate();
    // Rebuild now so the administrator's next search already uses the new table.
    await ctx.services.list.getActive();
    return presentLexicon(await ctx.services.list.lexicon());
  });

  register(router, listContract.upsertGuide, async (ctx) => {
    const entry = await ctx.services.list.getActive();
    const item = entry.byCode.get(ctx.input.params.code);
    if (!item) throw NotFoundError(`事项 ${ctx.input.params.code} 不在现行清单中`);
    const guide = await guideWriter(ctx.state.actor!, item, ctx.input.query.department, ctx.input.body, ctx.state.requestId);
    ctx.services.list.forgetItem(item.code);
    return presentGuide(guide, await ctx.services.list.departmentsByCode());
  });
}

