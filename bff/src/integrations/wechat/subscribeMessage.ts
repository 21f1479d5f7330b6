import Bottleneck from "bottleneck";
import type { Logger } from "../../logger";
import type { WechatClient, WechatErrorFields } from "./client";
import { describeWechatError, type WechatErrorClass } from "./errorCodes";

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** Mini-program page (with query) the message opens. */
  page: string;
  data: Record<string, { value: string }>;
}

export type SendOutcome =
  | { ok: true }
  | {
      ok: false;
      errcode: number;
      /** `refused` (43101): the user has no consent left; `busy`/`quota`/`token`: retry later; `permanent`: our fault. */
      kind: WechatErrorClass;
      reason: string;
    };

/**
 * Sends subscribe messages (`POST /cgi-bin/message/subscribe/send`) through a process-wide rate
 * limiter (bottleneck), so a large fan-out never bursts past the configured rate.
 */
export class SubscribeMessageSender {
  private readonly limiter: Bottleneck;

  constructor(
    private readonly wechat: WechatClient,
    private readonly options: { perSecond: number; miniprogramState: "formal" | "trial" | "developer" },
    private readonly log: Logger,
  ) {
    this.limiter = new Bottleneck({ minTime: Math.max(1, Math.floor(1_000 / options.perSecond)), maxConcurrent: 8 });
  }

  /** Sending is possible only with the mini-program's credentials configured. */
  get enabled(): boolean {
    return this.wechat.configured;
  }

  /**
   * Runs work in the next free sending slot (the whole claim → send → record of one message, so a
   * message is marked as being sent only while it really is).
   * @param work the work.
   * @returns its result.
   */
  throttle<T>(work: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(work);
  }

  /**
   * Sends one message now (callers pace themselves with `throttle`).
   * @param message recipient, template, page and formatted data.
   * @returns success, or the error class for the caller's retry and credit decisions.
   */
  async send(message: SubscribeMessage): Promise<SendOutcome> {
    let body: WechatErrorFields;
    try {
      body = await this.wechat.callWithToken<WechatErrorFields>("subscribe_send", "/cgi-bin/message/subscribe/send", {
        touser: message.openid,
        template_id: message.templateId,
        page: message.page,
        data: message.data,
        miniprogram_state: this.options.miniprogramState,
        lang: "zh_CN",
      });
    } catch (err) {
      // Network failure, WeChat down, or a token that could not be refreshed: try again later.
      return { ok: false, errcode: -1, kind: "busy", reason: (err as Error).message } as const;
    }
    const code = body.errcode ?? 0;
    if (code === 0) return { ok: true } as const;
    const { text, kind } = describeWechatError(code);
    const log = kind === "permanent" ? this.log.error.bind(this.log) : this.log.warn.bind(this.log);
    if (kind !== "refused") log({ api: "subscribe_send", errcode: code, errmsg: body.errmsg, templateId: message.templateId }, `订阅消息发送失败：${text}`);
    return { ok: false, errcode: code, kind, reason: text };
  }

  /** Waits for queued sends (shutdown). */
  async stop(): Promise<void> {
    await this.limiter.stop({ dropWaitingJobs: false });
  }
}
