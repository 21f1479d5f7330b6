import type { HotlinePlatformEvent } from "@lushan/shared";
import type { Config } from "../../config";
import type { WorkOrderPayload } from "../../models/workOrder/workOrder.repository";
import { HotlineHeaders, signedHeaders } from "./signature";

/** The outcome of pushing one work order. */
export type PushResult =
  | { kind: "delivered"; orderId: string | null; status: string | null }
  /** Worth trying again later: network, timeout, 5xx, 408, 425, 429. */
  | { kind: "retry"; error: string }
  /** The platform refused the order itself (other 4xx): retrying will not help. */
  | { kind: "rejected"; error: string };

/** A work order's state on the platform, with the status events it recorded. */
export interface PlatformOrder {
  orderId: string | null;
  status: string | null;
  events: HotlinePlatformEvent[];
}

const RETRYABLE = new Set([408, 425, 429]);

/**
 * The 12345 platform's work-order API (`HOTLINE_API_URL`): `POST /work-orders` with our ticket
 * number as Idempotency-Key, `GET /work-orders/{ticketNo}` for its status. Every request is
 * signed (see `signHotline`).
 */
export class HotlineClient {
  constructor(private readonly config: Config["hotline"]) {}

  get configured(): boolean {
    return Boolean(this.config.url && this.config.secret);
  }

  /**
   * Pushes a work order.
   * @param payload the work order.
   * @returns delivered, retry or rejected.
   */
  async push(payload: WorkOrderPayload): Promise<PushResult> {
    const body = JSON.stringify(payload);
    let res: Response;
    try {
      res = await fetch(`${this.config.url}/work-orders`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [HotlineHeaders.idempotencyKey]: payload.ticketNo,
          ...signedHeaders(this.config.secret!, body, this.config.key),
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      return { kind: "retry", error: e.name === "TimeoutError" ? `请求超时（${this.config.timeoutMs} 毫秒）` : `网络错误：${e.message}` };
    }
    const text = await res.text().catch(() => "");
    if (res.ok) {
      const data = parseJson(text) as { orderId?: unknown; status?: unknown } | null;
      return { kind: "delivered", orderId: typeof data?.orderId === "string" ? data.orderId : null, status: typeof data?.status === "string" ? data.status : null };
    }
    const error = `HTTP ${res.status}：${text.slice(0, 200)}`;
    return res.status >= 500 || RETRYABLE.has(res.status) ? { kind: "retry", error } : { kind: "rejected", error };
  }

  /**
   * Reads a work order's status and events from the platform.
   * @param ticketNo our ticket number.
   * @returns the order, or null when the platform does not know it.
   * @throws on network errors and unexpected answers.
   */
  async fetch(ticketNo: string): Promise<PlatformOrder | null> {
    const res = await fetch(`${this.config.url}/work-orders/${encodeURIComponent(ticketNo)}`, {
      headers: signedHeaders(this.config.secret!, "", this.config.key),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`12345 平台查询失败：HTTP ${res.status}`);
    const data = (await res.json()) as { orderId?: string; status?: string; events?: HotlinePlatformEvent[] };
    return { orderId: data.orderId ?? null, status: data.status ?? null, events: Array.isArray(data.events) ? data.events : [] };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
