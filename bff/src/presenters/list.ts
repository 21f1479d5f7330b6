import type { DepartmentSummary, EditionSummary, Guide, LexiconResponse, ListItemDetail, ListItemSummary, SelfCheckResult } from "@lushan/shared";
import type { LexiconState } from "../list/catalog";
import type { DepartmentRecord } from "../models/department/department.schema";
import type { GuideRecord } from "../models/guide/guide.schema";
import type { ListEditionRecord } from "../models/listEdition/listEdition.schema";
import type { ListItemData } from "../list/listItem";
import { shortName } from "../list/listIndex";
import type { SearchHit } from "../search/searchIndex";
import { snippet } from "../search/highlight";
import type { ActivityCheck } from "../selfCheck/checker";
import { presentDepartmentSummary } from "./department";

export const EQUAL_ENTRY_RULE =
  "市场准入负面清单以外的行业、领域、业务等，各类经营主体皆可依法平等进入。除法律法规另有规定外，任何部门不得另设准入许可，不得以备案、登记、认定、认证、指定等形式变相设置准入障碍。";

const EXPLANATION: Record<ListItemData["category"], string> = {
  禁止准入类: "禁止准入事项：经营主体不得进入，行政机关不予审批、核准，不得办理有关手续。",
  许可准入类: "许可准入事项：须依法取得下列许可后方可进入，由经营主体依规申请，行政机关依法依规作出是否予以准入的决定。",
};

/** An edition as clients see it. */
export function presentEdition(e: ListEditionRecord): EditionSummary {
  return {
    code: e.code,
    title: e.title,
    status: e.status,
    sample: e.sample,
    itemCount: e.itemCount,
    importedAt: e.createdAt.toISOString(),
    activatedAt: e.activatedAt ? e.activatedAt.toISOString() : null,
    notice: e.notice ?? null,
  };
}

/** A search hit: the item with its name and best measure highlighted. */
export function presentItemSummary(hit: SearchHit<ListItemData>): ListItemSummary {
  const item = hit.doc;
  const measure = hit.highlights.measures;
  return {
    code: item.code,
    no: item.no,
    name: item.name,
    shortName: shortName(item.name),
    category: item.category,
    industry: item.industry,
    departments: item.departments,
    sample: item.sample,
    editionCode: item.editionCode,
    highlights: {
      name: hit.highlights.name ?? [{ text: item.name, hit: false }],
      ...(measure && measure.some((s) => s.hit) ? { measure: snippet(measure) } : {}),
    },
  };
}

/** A guide with its department. */
export function presentGuide(g: GuideRecord, departments: Map<string, DepartmentRecord>): Guide {
  const dept = [...departments.values()].find((d) => d._id.equals(g.departmentId));
  return {
    id: g._id.toHexString(),
    itemCode: g.itemCode,
    title: g.title,
    department: dept ? presentDepartmentSummary(dept) : null,
    materials: g.materials,
    process: g.process,
    timeLimit: g.timeLimit,
    legalBasis: g.legalBasis,
    promiseAcceptance: { applicable: g.promiseAcceptance?.applicable ?? false, note: g.promiseAcceptance?.note ?? "" },
    toleranceAcceptance: { applicable: g.toleranceAcceptance?.applicable ?? false, note: g.toleranceAcceptance?.note ?? "" },
    needsReview: g.needsReview,
    sample: g.sample,
    version: g.version,
    updatedAt: g.updatedAt.toISOString(),
  };
}

/** The item page. */
export function presentItemDetail(
  item: ListItemData,
  edition: ListEditionRecord,
  localDepartment: DepartmentSummary | null,
  guides: Guide[],
  history: ListItemDetail["history"],
): ListItemDetail {
  return {
    code: item.code,
    no: item.no,
    name: item.name,
    shortName: shortName(item.name),
    category: item.category,
    industry: item.industry,
    measures: item.measures,
    departments: item.departments,
    localDepartment,
    keywords: item.keywords,
    note: item.note ?? null,
    sample: item.sample,
    edition: presentEdition(edition),
    guides,
    history,
    explanation: EXPLANATION[item.category],
  };
}

const LABELS = { prohibited: "禁止准入", licensed: "需要许可", not_listed: "清单之外" } as const;

/** One activity of a self-check, with what to do next in plain words. */
export function presentActivityCheck(
  check: ActivityCheck<ListItemData>,
  localDepartmentOf: (item: ListItemData) => DepartmentSummary | null,
): SelfCheckResult {
  const items = check.matches.map((m) => ({
    code: m.item.code,
    name: m.item.name,
    shortName: shortName(m.item.name),
    category: m.item.category,
    measures: m.item.measures,
    departments: m.item.departments,
    localDepartment: localDepartmentOf(m.item),
    confidence: m.confidence,
    exemption: m.exemption,
  }));
  const related = check.related.map((r) => ({ code: r.item.code, name: r.item.name, shortName: shortName(r.item.name), confidence: r.confidence }));
  let summary: string;
  if (check.verdict === "prohibited") {
    summary = `“${check.activity}”属于禁止准入事项（${items[0].shortName}），不得从事。`;
  } else if (check.verdict === "licensed") {
    const parts = items.map((i) => {
      const where = i.localDepartment ? `在庐山市向${i.localDepartment.name}申请` : "受理部门请咨询庐山市政务服务中心";
      return `取得“${i.measures.map((m) => m.text).join("；")}”（${where}）`;
    });
    summary = `需先${parts.join("，并")}，方可经营。`;
  } else if (items.some((i) => i.exemption)) {
    summary = `按清单说明“${items.find((i) => i.exemption)!.exemption}”，该情形不需要取得准入许可，可依法平等进入。`;
  } else {
    summary = "不在市场准入负面清单内，各类经营主体可依法平等进入，无需另行申请准入许可，任何部门不得以备案等形式变相设置准入条件。";
    if (check.note) summary += check.note;
    if (related.length) summary += `如实际业务涉及${related.map((r) => `“${r.shortName}”`).join("、")}，请查看对应事项。`;
  }
  return {
    activity: check.activity,
    verdict: check.verdict,
    verdictLabel: LABELS[check.verdict],
    confidence: check.confidence,
    summary,
    items,
    related,
    note: check.note,
  };
}

/** The lexicon as administrators edit it. */
export function presentLexicon(state: LexiconState): LexiconResponse {
  return {
    groups: (state.data.groups ?? []).map((g) => ({ means: g.means, words: g.words, ...(g.related?.length ? { related: g.related } : {}) })),
    entries: state.data.entries ?? {},
    relatedEntries: state.data.relatedEntries ?? {},
    source: state.source,
    version: state.version,
    updatedAt: state.updatedAt ? state.updatedAt.toISOString() : null,
    phraseCount: state.table.entries.size,
  };
}
