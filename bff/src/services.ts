import type { Config } from "./config";
import type { Logger } from "./logger";
import { WechatClient } from "./integrations/wechat/client";
import { ListCatalog } from "./list/catalog";
import { loadSynonyms } from "./search/synonyms";
import { RoutingEngine } from "./complaints/routing";
import { DeadlineService } from "./complaints/deadlines";
import { ContentSecurity } from "./integrations/wechat/contentSecurity";
import { UploadStore } from "./uploads/uploadStore";

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
  return {
    wechat,
    list: new ListCatalog(loadSynonyms()),
    routing: new RoutingEngine(),
    deadlines: new DeadlineService(),
    contentSecurity: new ContentSecurity(wechat, log, config.wechat.pushToken),
    uploads: new UploadStore(config.uploadDir, config.jwtSecret),
    queue: { nudge: () => undefined },
  };
}
