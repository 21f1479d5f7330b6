import { NotFoundError } from "../errors";
import { DepartmentModel, type DepartmentRecord } from "../models/department/department.schema";
import { ListEditionModel, ListStateModel, type ListEditionRecord } from "../models/listEdition/listEdition.schema";
import { ListItemModel } from "../models/listItem/listItem.schema";
import { Lru } from "../search/lru";
import type { SearchIndex } from "../search/searchIndex";
import { loadSynonymData, synonymTable, type SynonymData, type SynonymTable } from "../search/synonyms";
import { LEXICON_ID, ListLexiconModel, type ListLexiconRecord } from "../models/listLexicon/listLexicon.schema";
import { createListIndex } from "./listIndex";
import type { ListItemData } from "./listItem";

export const LIST_STATE_ID = "list";

export interface CatalogEntry {
  edition: ListEditionRecord;
  index: SearchIndex<ListItemData>;
  byCode: Map<string, ListItemData>;
  /** The synonym table the index was built with (the self-check must use the same one). */
  synonyms: SynonymTable;
}

/** The lexicon in force, with where it came from. */
export interface LexiconState {
  data: SynonymData;
  source: "database" | "shipped";
  version: number;
  updatedAt: Date | null;
  table: SynonymTable;
}

/**
 * The list editions as searchable, in-memory indexes. The active one is kept warm; every BFF
 * instance checks a version counter (one small read at most every `refreshMs`) and rebuilds when
 * another instance activated an edition or saved the lexicon (synonym table), which is then
 * reloaded from the database. Departments are cached alongside.
 */
export class ListCatalog {
  private active: CatalogEntry | null = null;
  private activeVersion = -1;
  private checkedAt = 0;
  private building: Promise<void> | null = null;
  private readonly others = new Lru<string, CatalogEntry>(3);
  private departments: Map<string, DepartmentRecord> | null = null;
  private readonly pages = new Lru<string, { at: number; value: string }>(5_000);
  private readonly responses = new Lru<string, string>(2_000);
  /** How long another instance's guide edits may take to show on this one. */
  private readonly pageTtlMs = 10_000;
  private departmentsAt = 0;
  private departmentsLoading: Promise<Map<string, DepartmentRecord>> | null = null;

  private lexiconState: LexiconState;

  /**
   * @param shipped the shipped synonym table, or how to build it: building normalises every
   *   phrase (loading the traditional → simplified converter), so the server builds it on the
   *   first search rather than before it can answer.
   * @param refreshMs how often the active edition is re-checked in the database.
   */
  constructor(
    shipped: SynonymTable | (() => SynonymTable),
    private readonly refreshMs = 2_000,
  ) {
    let table = typeof shipped === "function" ? null : shipped;
    const build = typeof shipped === "function" ? shipped : () => shipped;
    this.lexiconState = {
      data: loadSynonymData(),
      source: "shipped",
      version: 0,
      updatedAt: null,
      get table() {
        return (table ??= build());
      },
    };
  }

  /** The synonym table in force. */
  get synonyms(): SynonymTable {
    return this.lexiconState.table;
  }

  /** The lexicon in force (fresh from the database, for administrators). */
  async lexicon(): Promise<LexiconState> {
    await this.loadLexicon();
    return this.lexiconState;
  }

  /** The active edition; throws 404 when none has been loaded yet. */
  async getActive(): Promise<CatalogEntry> {
    if (Date.now() - this.checkedAt > this.refreshMs || !this.active) {
      this.building ??= this.refresh().finally(() => (this.building = null));
      await this.building;
    }
    if (!this.active) throw NotFoundError("尚未导入市场准入负面清单");
    return this.active;
  }

  /** A given edition (the active one, or another built on demand and kept for a while). */
  async getEdition(code: string | undefined): Promise<CatalogEntry> {
    const active = await this.getActive().catch((e: unknown) => {
      if (code) return null;
      throw e;
    });
    if (!code || (active && active.edition.code === code)) return active!;
    const cached = this.others.get(code);
    if (cached) return cached;
    const edition = await ListEditionModel.findOne({ code }).lean<ListEditionRecord>();
    if (!edition) throw NotFoundError(`清单版本 ${code} 不存在`);
    const entry = await this.build(edition);
    this.others.set(code, entry);
    return entry;
  }

  /** Forgets everything (after an activation in this process, or in tests). */
  invalidate(): void {
    this.checkedAt = 0;
    this.activeVersion = -1;
    this.others.clear();
    this.departmentsAt = 0;
    this.pages.clear();
    this.responses.clear();
  }

  /**
   * A presented item page, cached briefly: it is read far more often than guides change.
   * @param key edition and item code.
   * @param build presents the page on a miss.
   * @returns the page.
   */
  async itemPage(key: string, build: () => Promise<unknown>): Promise<string> {
    const full = `${this.activeVersion}:${key}`;
    const hit = this.pages.get(full);
    if (hit && Date.now() - hit.at < this.pageTtlMs) return hit.value;
    const value = JSON.stringify(await build());
    this.pages.set(full, { at: Date.now(), value });
    return value;
  }

  /**
   * A serialised response for a read that depends only on the edition's content (search,
   * suggest), cached until the edition changes.
   * @param key the request's parameters.
   * @param build computes the response on a miss.
   * @returns the JSON text.
   */
  cachedResponse(key: string, build: () => unknown): string {
    const full = `${this.activeVersion}:${key}`;
    let json = this.responses.get(full);
    if (json === undefined) {
      json = JSON.stringify(build());
      this.responses.set(full, json);
    }
    return json;
  }

  /** Drops cached pages of an item (after its guide changed here). */
  forgetItem(code: string): void {
    for (const key of this.pages.keys()) if (key.endsWith(`:${code}`)) this.pages.delete(key);
  }

  /**
   * Departments by code, cached for a minute. Requests that find the cache expired share one
   * read: each used to issue its own, so a minute boundary under load read the collection once
   * per request in flight.
   */
  async departmentsByCode(): Promise<Map<string, DepartmentRecord>> {
    if (!this.departments || Date.now() - this.departmentsAt > 60_000) {
      this.departmentsLoading ??= DepartmentModel.find({})
        .lean<DepartmentRecord[]>()
        .then((rows) => {
          this.departments = new Map(rows.map((d) => [d.code, d]));
          this.departmentsAt = Date.now();
          return this.departments;
        })
        .finally(() => (this.departmentsLoading = null));
      return this.departmentsLoading;
    }
    return this.departments;
  }

  private async refresh(): Promise<void> {
    const state = await ListStateModel.findById(LIST_STATE_ID).lean<{ activeEdition: string | null; version: number }>();
    this.checkedAt = Date.now();
    if (!state?.activeEdition) {
      this.active = null;
      return;
    }
    if (state.version === this.activeVersion && this.active) return;
    await this.loadLexicon();
    this.others.clear();
    const edition = await ListEditionModel.findOne({ code: state.activeEdition }).lean<ListEditionRecord>();
    if (!edition) {
      this.active = null;
      return;
    }
    this.active = await this.build(edition);
    this.activeVersion = state.version;
    this.departmentsAt = 0;
  }

  private async build(edition: ListEditionRecord): Promise<CatalogEntry> {
    const rows = await ListItemModel.find({ editionCode: edition.code }).sort({ no: 1 }).lean();
    const items: ListItemData[] = rows.map((r) => ({
      editionCode: r.editionCode,
      sample: r.sample,
      no: r.no,
      code: r.code,
      name: r.name,
      category: r.category as ListItemData["category"],
      industry: r.industry,
      measures: r.measures.map((m) => ({ text: m.text, local: m.local })),
      departments: r.departments,
      keywords: r.keywords,
      ...(r.note ? { note: r.note } : {}),
    }));
    const synonyms = this.synonyms;
    return { edition, index: createListIndex(items, synonyms), byCode: new Map(items.map((i) => [i.code, i])), synonyms };
  }

  /** Takes the administrators' lexicon when there is one (and it changed), else keeps the shipped one. */
  private async loadLexicon(): Promise<void> {
    const row = await ListLexiconModel.findById(LEXICON_ID).lean<ListLexiconRecord>();
    if (!row) return;
    if (this.lexiconState.source === "database" && this.lexiconState.version === row.version) return;
    const data: SynonymData = {
      groups: row.groups as SynonymData["groups"],
      entries: row.entries as SynonymData["entries"],
      relatedEntries: row.relatedEntries as SynonymData["relatedEntries"],
    };
    this.lexiconState = { data, source: "database", version: row.version, updatedAt: row.updatedAt, table: synonymTable(data) };
  }
}
