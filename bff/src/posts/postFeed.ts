import type { Types } from "mongoose";
import type { PolicyCategory } from "@lushan/shared";
import { PostFeedStateModel, PostModel, POST_FEED_STATE_ID } from "../models/post/post.schema";
import { SearchIndex, type SearchHit } from "../search/searchIndex";
import type { SynonymTable } from "../search/synonyms";

/** What the feed keeps of a published post (no body: only the text used for search). */
export interface FeedPost {
  id: string;
  category: PolicyCategory;
  title: string;
  summary: string;
  text: string;
  cover: string | null;
  source: "staff" | "system" | "wechat";
  departmentId: Types.ObjectId | null;
  author: string | null;
  industries: string[];
  items: string[];
  publishedAt: Date;
  externalUrl: string | null;
  sample: boolean;
}

export interface FeedQuery {
  q?: string;
  category?: PolicyCategory;
  tag?: string;
  page: number;
  pageSize: number;
}

export interface FeedResult {
  hits: SearchHit<FeedPost>[];
  total: number;
  categories: { value: string; count: number }[];
  didYouMean: string | null;
}

/**
 * The part of a long body worth indexing: what readers see first. Titles and summaries carry most
 * of the meaning; indexing whole bodies would make each rebuild (after a publication) take about a
 * second per thousand posts instead of a quarter.
 */
const INDEXED_TEXT_CHARS = 500;

/**
 * The published posts as an in-memory Chinese search index — the same engine as the list
 * (`bff/src/search`: jieba words, pinyin, synonyms, typo tolerance). This adapter is the only
 * place that knows about it. Each instance rebuilds when the shared feed version moves (checked
 * at most every `refreshMs`), so a post published on one instance shows on all within seconds.
 */
export class PostFeed {
  private index: SearchIndex<FeedPost> | null = null;
  private builtWith: SynonymTable | null = null;
  private version = -1;
  private checkedAt = 0;
  private building: Promise<void> | null = null;

  /**
   * @param synonyms the synonym table in force (the list module's lexicon, which administrators
   *   may edit): the feed is rebuilt when it changes, so both searches understand the same words.
   * @param refreshMs how often to check for changes made by other instances.
   */
  constructor(
    private readonly synonyms: () => Promise<SynonymTable>,
    private readonly refreshMs = 2_000,
  ) {}

  /** Forgets the index (after a change made by this instance). */
  invalidate(): void {
    this.checkedAt = 0;
    this.version = -1;
  }

  /**
   * Searches or browses the published posts, newest first when browsing.
   * @param query text, category, tag (industry or item code) and page.
   * @returns hits, total and category counts.
   */
  async search(query: FeedQuery): Promise<FeedResult> {
    const index = await this.current();
    const result = index.search(query.q ?? "", {
      filters: { category: query.category ? [query.category] : undefined, tag: query.tag ? [query.tag] : undefined },
      page: query.page,
      pageSize: query.pageSize,
    });
    return { hits: result.hits, total: result.total, categories: result.facets.category ?? [], didYouMean: result.didYouMean };
  }

  private async current(): Promise<SearchIndex<FeedPost>> {
    if (!this.index || Date.now() - this.checkedAt > this.refreshMs) {
      this.building ??= this.refresh().finally(() => (this.building = null));
      await this.building;
    }
    return this.index!;
  }

  private async refresh(): Promise<void> {
    const state = await PostFeedStateModel.findById(POST_FEED_STATE_ID).lean();
    const version = state?.version ?? 0;
    const synonyms = await this.synonyms();
    this.checkedAt = Date.now();
    if (this.index && version === this.version && synonyms === this.builtWith) return;
    const rows = await PostModel.find(
      { status: "published" },
      { body: 0, attachments: 0 },
    ).lean();
    const docs: FeedPost[] = rows.map((r) => ({
      id: r._id.toHexString(),
      category: r.category as PolicyCategory,
      title: r.title,
      summary: r.summary,
      text: r.bodyText.slice(0, INDEXED_TEXT_CHARS),
      cover: r.cover ?? null,
      source: r.source as FeedPost["source"],
      departmentId: r.departmentId ?? null,
      author: r.author ?? null,
      industries: r.tags?.industries ?? [],
      items: r.tags?.items ?? [],
      publishedAt: r.publishedAt ?? r.createdAt,
      externalUrl: r.externalUrl ?? null,
      sample: r.sample,
    }));
    this.index = new SearchIndex<FeedPost>(docs, {
      fields: [
        { name: "title", weight: 3, values: (d) => [d.title] },
        { name: "summary", weight: 1.5, values: (d) => (d.summary ? [d.summary] : []) },
        { name: "tags", weight: 1.2, values: (d) => [...d.industries, d.category] },
        { name: "text", weight: 0.6, values: (d) => (d.text ? [d.text] : []) },
      ],
      facets: [
        { name: "category", values: (d) => [d.category] },
        { name: "tag", values: (d) => [...d.industries, ...d.items] },
      ],
      order: (a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id.localeCompare(a.id),
      synonyms,
    });
    this.version = version;
    this.builtWith = synonyms;
  }
}
