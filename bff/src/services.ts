import type { Config } from "./config";
import type { Logger } from "./logger";
import { WechatClient } from "./integrations/wechat/client";
import { ListCatalog } from "./list/catalog";
import { loadSynonyms } from "./search/synonyms";
import { RoutingEngine } from "./complaints/routing";
import { DeadlineService } from "./complaints/deadlines";
import { ContentSecurity } from "./integrations/wechat/contentSecurity";
import { UploadStore } from "./uploads/uploadStore";
import { IntakeBatcher } from "./complaints/intakeBatcher";
import { PostFeed } from "./posts/postFeed";
import { SubscribeMessageSender } from "./integrations/wechat/subscribeMessage";
import { FreepublishClient } from "./integrations/wechat/freepublish";

/**
 * Long-lived collaborators shared by routes, commands and tasks. Tests build them with fake
 * base URLs; modules add their clients here.
 */
export interface Services {
  wechat: WechatClient;
  /** The negative list's editions as in-memory search indexes. */
  list: ListCatalog;
  routing: RoutingEngine;
  deadlines: DeadlineService;
  contentSecurity: ContentSecurity;
  uploads: UploadStore;
  /** Writes new complaints in group-committed transactions. */
  intake: IntakeBatcher;
  /** The public policy feed as a Chinese search index. */
  posts: PostFeed;
  /** WeChat subscribe messages (mini-program credentials), rate-limited. */
  subscribeMessages: SubscribeMessageSender;
  /** Published articles of the 庐山发布 official account (its own credentials). */
  freepublish: FreepublishClient;
  queue: {
    /** Wakes this process's worker after a commit that enqueued jobs (no-op without a worker). */
    nudge(): void;
  };
}

/**
 * Builds the services from configuration.
 * @param config the validated configuration.
 * @param log the process logger.
 * @returns the services.
 */
export function createServices(config: Config, log: Logger): Services {
  const wechat = new WechatClient(config.wechat, log);
  const list = new ListCatalog(() => loadSynonyms());
  const officialAccount = new WechatClient(
    { appId: config.officialAccount.appId, secret: config.officialAccount.secret, apiBase: config.wechat.apiBase, configured: config.officialAccount.configured },
    log,
  );
  return {
    wechat,
    list,
    routing: new RoutingEngine(),
    deadlines: new DeadlineService(),
    contentSecurity: new ContentSecurity(wechat, log, config.wechat.pushToken),
    uploads: new UploadStore(config.uploadDir, config.jwtSecret),
    intake: new IntakeBatcher(),
    posts: new PostFeed(async () => (await list.getActive().catch(() => null))?.synonyms ?? list.synonyms),
    subscribeMessages: new SubscribeMessageSender(wechat, { perSecond: config.notifications.sendPerSecond, miniprogramState: config.notifications.miniprogramState }, log),
    freepublish: new FreepublishClient(officialAccount, log),
    queue: { nudge: () => undefined },
  };
}
