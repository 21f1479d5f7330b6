import type { Logger } from "../../logger";
import type { WechatClient, WechatErrorFields } from "./client";
import { describeWechatError } from "./errorCodes";

/** One article of a publication (a publication may hold several). */
export interface PublishedArticle {
  articleId: string;
  /** Position within the publication. */
  index: number;
  title: string;
  author: string;
  digest: string;
  url: string;
  thumbUrl: string | null;
  /** Unix seconds. */
  updateTime: number;
  isDeleted: boolean;
}

interface BatchgetReply extends WechatErrorFields {
  total_count?: number;
  item_count?: number;
  item?: {
    article_id: string;
    update_time: number;
    content?: {
      news_item?: {
        title?: string;
        author?: string;
        digest?: string;
        url?: string;
        thumb_url?: string;
        is_deleted?: boolean;
      }[];
    };
  }[];
}

/** A batchget failure with WeChat's code, described for logs. */
export class FreepublishError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
    this.name = "FreepublishError";
  }
}

const BUSY_RETRIES = 3;

/**
 * Reads the official account's published articles (`POST /cgi-bin/freepublish/batchget`, at most
 * 20 per page). Only articles published without mass-send notification (发布) are returned by
 * WeChat. Token errors are refreshed by the client; "system busy" is retried with backoff here.
 */
export class FreepublishClient {
  constructor(
    private readonly account: WechatClient,
    private readonly log: Logger,
    private readonly backoffMs = 1_000,
  ) {}

  get configured(): boolean {
    return this.account.configured;
  }

  /**
   * One page of published articles.
   * @param offset position of the first publication (0 = newest).
   * @param count publications per page (1–20).
   * @returns the total count and the page's articles.
   */
  async batchget(offset: number, count = 20): Promise<{ totalCount: number; publications: number; articles: PublishedArticle[] }> {
    for (let attempt = 1; ; attempt++) {
      const body = await this.account.callWithToken<BatchgetReply>("freepublish_batchget", "/cgi-bin/freepublish/batchget", {
        offset,
        count: Math.min(20, Math.max(1, count)),
        no_content: 1,
      });
      const code = body.errcode ?? 0;
      if (code === 0) return { totalCount: body.total_count ?? 0, publications: body.item?.length ?? 0, articles: flatten(body) };
      const { text, kind } = describeWechatError(code);
      if ((kind === "busy" || kind === "token") && attempt <= BUSY_RETRIES) {
        const delay = this.backoffMs * 2 ** (attempt - 1);
        this.log.warn({ api: "freepublish_batchget", errcode: code, attempt, retryInMs: delay }, `庐山发布同步：${text}，稍后重试`);
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      this.log.error({ api: "freepublish_batchget", errcode: code, errmsg: body.errmsg }, `庐山发布同步失败：${text}`);
      throw new FreepublishError(code, text);
    }
  }
}

function flatten(body: BatchgetReply): PublishedArticle[] {
  const out: PublishedArticle[] = [];
  for (const item of body.item ?? []) {
    (item.content?.news_item ?? []).forEach((news, index) => {
      out.push({
        articleId: item.article_id,
        index,
        title: news.title ?? "",
        author: news.author ?? "",
        digest: news.digest ?? "",
        url: news.url ?? "",
        thumbUrl: news.thumb_url || null,
        updateTime: item.update_time,
        isDeleted: Boolean(news.is_deleted),
      });
    });
  }
  return out;
}
