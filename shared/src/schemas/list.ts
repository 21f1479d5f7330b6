import { z } from "zod";
import { IsoDateTime, PageQuery, text } from "./common";
import { DepartmentSummary } from "./user";

export const ListCategorySchema = z.enum(["禁止准入类", "许可准入类"]).meta({ id: "ListCategory" });
export type ListCategory = z.infer<typeof ListCategorySchema>;

export const ItemCodeSchema = z
  .string()
  .trim()
  .regex(/^(?:\d{6}|S\d{4})$/, "事项编码应为 6 位数字（示例数据为 S 加 4 位数字）");

export const EditionCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,31}$/i, "版本代码只能包含字母、数字和短横线，如 2025");

/** A piece of text, marked when it matched the search. */
export const Segment = z.object({ text: z.string(), hit: z.boolean() }).meta({ id: "Segment" });
export type Segment = z.infer<typeof Segment>;

export const EditionSummary = z
  .object({
    code: z.string(),
    title: z.string(),
    status: z.enum(["draft", "active", "archived"]),
    /** Demonstration data, not the official list: clients must say 示例数据. */
    sample: z.boolean(),
    itemCount: z.number().int(),
    importedAt: IsoDateTime,
    activatedAt: IsoDateTime.nullable(),
    notice: z.string().nullable(),
  })
  .meta({ id: "EditionSummary" });
export type EditionSummary = z.infer<typeof EditionSummary>;

export const Measure = z.object({ text: z.string(), local: z.boolean() }).meta({ id: "Measure" });

export const ListItemSummary = z
  .object({
    code: z.string(),
    no: z.number().int(),
    name: z.string(),
    /** The short form people search for, e.g. 食品经营. */
    shortName: z.string(),
    category: ListCategorySchema,
    industry: z.string(),
    departments: z.array(z.string()),
    sample: z.boolean(),
    editionCode: z.string(),
    highlights: z.object({ name: z.array(Segment), measure: z.array(Segment).optional() }),
  })
  .meta({ id: "ListItemSummary" });
export type ListItemSummary = z.infer<typeof ListItemSummary>;

const FacetCounts = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const ListSearchQuery = PageQuery.extend({
  /** Free text: everyday words, pinyin, initials, traditional characters or an item code. */
  q: z.string().trim().max(100, "搜索内容不能超过 100 个字").optional(),
  category: ListCategorySchema.optional(),
  industry: z.string().trim().max(40).optional(),
  department: z.string().trim().max(40).optional(),
  /** Search another edition than the active one. */
  edition: EditionCodeSchema.optional(),
});

export const ListSearchResponse = z
  .object({
    items: z.array(ListItemSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: z.object({ category: FacetCounts, industry: FacetCounts, department: FacetCounts }),
    /** A corrected query when the one typed matched only approximately or not at all. */
    didYouMean: z.string().nullable(),
    edition: EditionSummary,
    sample: z.boolean(),
  })
  .meta({ id: "ListSearchResponse" });
export type ListSearchResponse = z.infer<typeof ListSearchResponse>;

export const SuggestQuery = z.strictObject({
  q: z.string().trim().min(1, "请输入内容").max(40, "输入内容过长"),
});
export const SuggestResponse = z.object({ suggestions: z.array(z.string()) });

export const AcceptanceRule = z.object({ applicable: z.boolean(), note: z.string() });

/** 办事指南 of a licence, as published by the handling department of 庐山市. */
export const Guide = z
  .object({
    id: z.string(),
    itemCode: z.string(),
    title: z.string(),
    department: DepartmentSummary.nullable(),
    materials: z.array(z.string()),
    process: z.array(z.string()),
    timeLimit: z.string(),
    legalBasis: z.array(z.string()),
    /** 告知承诺 */
    promiseAcceptance: AcceptanceRule,
    /** 容缺受理 */
    toleranceAcceptance: AcceptanceRule,
    /** Set when the item changed in a new edition and the guide was not reviewed since. */
    needsReview: z.boolean(),
    sample: z.boolean(),
    version: z.number().int(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: "Guide" });
export type Guide = z.infer<typeof Guide>;

export const GuideUpsertBody = z.strictObject({
  title: text(60, "指南标题"),
  materials: z.array(text(200, "申请材料")).min(1, "至少填写一项申请材料").max(50),
  process: z.array(text(200, "办理流程")).min(1, "至少填写一个办理步骤").max(30),
  timeLimit: text(200, "办理时限"),
  legalBasis: z.array(text(300, "设定依据")).max(20).default([]),
  promiseAcceptance: z.strictObject({ applicable: z.boolean(), note: z.string().trim().max(500) }),
  toleranceAcceptance: z.strictObject({ applicable: z.boolean(), note: z.string().trim().max(500) }),
});

export const ItemHistoryEntry = z.object({
  editionCode: z.string(),
  editionTitle: z.string(),
  status: z.enum(["draft", "active", "archived"]),
  name: z.string(),
  measureCount: z.number().int(),
});

export const ListItemDetail = z
  .object({
    code: z.string(),
    no: z.number().int(),
    name: z.string(),
    shortName: z.string(),
    category: ListCategorySchema,
    industry: z.string(),
    measures: z.array(Measure),
    /** 主管部门 as the national list names them. */
    departments: z.array(z.string()),
    /** The department of 庐山市 that handles it (sample mapping until configured). */
    localDepartment: DepartmentSummary.nullable(),
    keywords: z.array(z.string()),
    note: z.string().nullable(),
    sample: z.boolean(),
    edition: EditionSummary,
    guides: z.array(Guide),
    history: z.array(ItemHistoryEntry),
    /** What the category means for a business, in plain words. */
    explanation: z.string(),
  })
  .meta({ id: "ListItemDetail" });
export type ListItemDetail = z.infer<typeof ListItemDetail>;

export const SelfCheckBody = z.strictObject({
  /** One or several activities as written in a business scope (经营范围). */
  scope: z.string().trim().min(1, "请输入经营范围或想从事的业务").max(2_000, "经营范围不能超过 2000 个字"),
});

export const VerdictSchema = z.enum(["prohibited", "licensed", "not_listed"]);
export type Verdict = z.infer<typeof VerdictSchema>;

export const SelfCheckItem = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  category: ListCategorySchema,
  measures: z.array(Measure),
  departments: z.array(z.string()),
  localDepartment: DepartmentSummary.nullable(),
  confidence: z.number(),
  /** The list's own clause that exempts this case (e.g. 仅销售预包装食品的实行备案). */
  exemption: z.string().nullable(),
});

export const SelfCheckResult = z.object({
  activity: z.string(),
  verdict: VerdictSchema,
  /** 禁止准入 / 需要许可 / 清单之外 */
  verdictLabel: z.string(),
  confidence: z.number(),
  /** What to do next, in plain words. */
  summary: z.string(),
  items: z.array(SelfCheckItem),
  /** 可能相关: items worth a look that did not match confidently. */
  related: z.array(z.object({ code: z.string(), name: z.string(), shortName: z.string(), confidence: z.number() })),
  /** Why the activity is outside the list when that is known (e.g. 改为备案管理), or what the scope itself excludes. */
  note: z.string().nullable(),
});
export type SelfCheckResult = z.infer<typeof SelfCheckResult>;

export const SelfCheckResponse = z
  .object({
    results: z.array(SelfCheckResult),
    /** The rule for everything outside the list (清单之外). */
    equalEntryRule: z.string(),
    edition: EditionSummary,
    sample: z.boolean(),
  })
  .meta({ id: "SelfCheckResponse" });
export type SelfCheckResponse = z.infer<typeof SelfCheckResponse>;

export const ItemRef = z.object({ code: z.string(), name: z.string(), category: ListCategorySchema });

export const EditionDiff = z
  .object({
    from: EditionSummary,
    to: EditionSummary,
    added: z.array(ItemRef),
    removed: z.array(ItemRef),
    changed: z.array(
      ItemRef.extend({
        /** Which fields changed: name, category, departments, industry, measures. */
        fields: z.array(z.string()),
        nameBefore: z.string().nullable(),
        measuresAdded: z.array(Measure),
        measuresRemoved: z.array(Measure),
      }),
    ),
    summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
  })
  .meta({ id: "EditionDiff" });
export type EditionDiff = z.infer<typeof EditionDiff>;

export const ImportRowError = z.object({ row: z.number().int(), message: z.string() });

export const EditionImportResponse = z.object({
  edition: EditionSummary,
  rows: z.number().int(),
  items: z.number().int(),
  warnings: z.array(ImportRowError),
  diff: EditionDiff.shape.summary.nullable(),
});

export const EditionImportFields = z.strictObject({
  edition: EditionCodeSchema,
  title: text(80, "版本名称").optional(),
  activate: z.enum(["true", "false"]).optional(),
});

const LexiconPhrase = z.string().trim().min(1, "词语不能为空").max(40, "词语不能超过 40 个字");

/** One group of the search lexicon: everyday words (and search-only hints) for some of the list's terms. */
export const LexiconGroup = z.strictObject({
  /** The list's own wording (official text or item keywords) the words stand for. */
  means: z.array(LexiconPhrase).min(1, "每组至少要有一个清单用语").max(20),
  /** Words that mean the same: search and the self-check both rely on them. */
  words: z.array(LexiconPhrase).max(500),
  /** Related words: they help search but never decide a self-check verdict. */
  related: z.array(LexiconPhrase).max(500).optional(),
});

/** The editable search lexicon (synonym table). */
export const LexiconData = z
  .strictObject({
    groups: z.array(LexiconGroup).max(2_000),
    entries: z.record(LexiconPhrase, z.array(LexiconPhrase).min(1).max(20)).optional(),
    relatedEntries: z.record(LexiconPhrase, z.array(LexiconPhrase).min(1).max(20)).optional(),
  })
  .meta({ id: "LexiconData" });
export type LexiconData = z.infer<typeof LexiconData>;

export const LexiconResponse = LexiconData.extend({
  /** `database` once an administrator has saved it, `shipped` while the built-in table is used. */
  source: z.enum(["database", "shipped"]),
  version: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
  /** Distinct everyday phrases the table knows. */
  phraseCount: z.number().int(),
}).meta({ id: "LexiconResponse" });
export type LexiconResponse = z.infer<typeof LexiconResponse>;
