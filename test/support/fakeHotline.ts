import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { signHotline, verifyHotline } from "../../bff/src/integrations/hotline/signature";

export const FAKE_HOTLINE_SECRET = "fake-hotline-secret-0123456789";
export const FAKE_HOTLINE_KEY = "lushan-market-access";

/** A work order as the fake platform stored it. */
export interface FakeOrder {
  orderId: string;
  ticketNo: string;
  payload: Record<string, unknown>;
  status: string;
  receivedAt: Date;
  /** Status events (what GET returns and callbacks send). */
  events: FakeEvent[];
}

export interface FakeEvent {
  eventId: string;
  ticketNo: string;
  status: "accepted" | "dispatched" | "returned" | "closed";
  orderId?: string;
  departmentCode?: string;
  note?: string;
  occurredAt: string;
}

/** What the BFF answered a callback with: its result, or its error. */
export type CallbackReply = {
  eventId?: string;
  ticketNo?: string;
  applied?: boolean;
  outcome?: string;
  complaintStatus?: string;
  error: { code: string; message: string };
};

/** One request the fake saw, whatever it answered. */
export interface FakeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
  at: number;
}

/**
 * A local stand-in for the 12345 platform's work-order API. It checks every request's signature
 * (HMAC-SHA256 over timestamp + "\n" + body) and key, stores each work order once per
 * Idempotency-Key (a repeat gets the same order back), and can be told to fail: answer 5xx, hang
 * past the client's timeout, or go down (stop listening) for a while. It also sends signed status
 * callbacks to the BFF, as the platform does.
 */
export class FakeHotline {
  url = "";
  private server: http.Server | null = null;
  private port = 0;
  private readonly sockets = new Set<Socket>();
  /** Work orders by ticket number (each stored once). */
  readonly orders = new Map<string, FakeOrder>();
  /** How often each ticket was stored as new (must stay 1). */
  readonly creations = new Map<string, number>();
  readonly requests: FakeRequest[] = [];
  /** Answer every push with this status while set. */
  failWith: number | null = null;
  /** Answer the next n pushes with 503. */
  failNext = 0;
  /** Hold the next n pushes this long before answering (longer than the client timeout = a timeout). */
  hangNext = 0;
  hangMs = 0;
  private downUntil = 0;
  private reopening: Promise<void> | null = null;

  constructor(
    readonly secret = FAKE_HOTLINE_SECRET,
    readonly key = FAKE_HOTLINE_KEY,
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.reopening;
    await this.close();
  }

  private async close(): Promise<void> {
    if (!this.server) return;
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /**
   * Goes down: stops listening (connections are refused) and comes back on the same port after
   * `ms`.
   * @returns a promise settled when it is back.
   */
  goDown(ms: number): Promise<void> {
    this.downUntil = Date.now() + ms;
    this.reopening = (async () => {
      await this.close();
      await new Promise((r) => setTimeout(r, ms));
      await this.start();
    })();
    return this.reopening;
  }

  get isDown(): boolean {
    return Date.now() < this.downUntil;
  }

  /** Pushes accepted as new or as repeats (2xx answers). */
  get accepted(): FakeRequest[] {
    return this.requests.filter((r) => r.method === "POST" && r.status < 300);
  }

  /**
   * Records a status event on an order (returned by GET, and by `sendCallback`).
   * @returns the event.
   */
  addEvent(ticketNo: string, status: FakeEvent["status"], extra: Partial<FakeEvent> = {}): FakeEvent {
    const order = this.orders.get(ticketNo);
    const event: FakeEvent = { eventId: `EV${randomBytes(8).toString("hex")}`, ticketNo, status, ...(order ? { orderId: order.orderId } : {}), occurredAt: new Date().toISOString(), ...extra };
    if (order) {
      order.events.push(event);
      order.status = status;
    }
    return event;
  }

  /**
   * Sends a status callback to the BFF, signed like the platform (or forged, with `secret`;
   * stale, with `timestampOffsetSeconds`; or with a body other than the one signed).
   * @returns the BFF's status and body.
   */
  async sendCallback(
    endpoint: string,
    event: FakeEvent | Record<string, unknown>,
    options: { secret?: string; timestampOffsetSeconds?: number; tamper?: (body: string) => string; omitSignature?: boolean } = {},
  ): Promise<{ status: number; body: CallbackReply }> {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000) + (options.timestampOffsetSeconds ?? 0));
    const signature = signHotline(options.secret ?? this.secret, timestamp, body);
    const res = await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Hotline-Timestamp": timestamp,
        ...(options.omitSignature ? {} : { "X-Hotline-Signature": signature }),
      },
      body: options.tamper ? options.tamper(body) : body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const record = (status: number) => this.requests.push({ method: req.method ?? "", path: url.pathname, idempotencyKey, status, at: Date.now() });
    const reply = (status: number, body: unknown) => {
      record(status);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const verdict = verifyHotline(this.secret, req.headers["x-hotline-timestamp"] as string, req.headers["x-hotline-signature"] as string, raw, 300);
    if (verdict !== "ok" || req.headers["x-hotline-key"] !== this.key) return reply(401, { code: "unauthorized", message: `签名校验失败（${verdict}）` });

    if (req.method === "POST" && url.pathname === "/work-orders") {
      if (this.hangNext > 0) {
        this.hangNext--;
        // The platform still processes the order after the caller gave up waiting: the caller's
        // retry must then get the same order back, not a second one.
        await new Promise((r) => setTimeout(r, this.hangMs));
      }
      if (this.failWith) return reply(this.failWith, { code: "unavailable", message: "平台维护中" });
      if (this.failNext > 0) {
        this.failNext--;
        return reply(503, { code: "unavailable", message: "平台繁忙" });
      }
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, { code: "bad_request", message: "请求体不是 JSON" });
      }
      if (!idempotencyKey || payload.ticketNo !== idempotencyKey) return reply(400, { code: "bad_request", message: "Idempotency-Key 须为受理编号" });
      if (typeof payload.title !== "string" || typeof payload.content !== "string") return reply(422, { code: "invalid", message: "缺少标题或内容" });
      const existing = this.orders.get(idempotencyKey);
      if (existing) return reply(200, { orderId: existing.orderId, status: existing.status, replayed: true });
      const order: FakeOrder = { orderId: `GD${randomBytes(6).toString("hex").toUpperCase()}`, ticketNo: idempotencyKey, payload, status: "received", receivedAt: new Date(), events: [] };
      this.orders.set(idempotencyKey, order);
      this.creations.set(idempotencyKey, (this.creations.get(idempotencyKey) ?? 0) + 1);
      return reply(201, { orderId: order.orderId, status: order.status });
    }
    const m = /^\/work-orders\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && m) {
      const order = this.orders.get(decodeURIComponent(m[1]));
      if (!order) return reply(404, { code: "not_found", message: "工单不存在" });
      return reply(200, { orderId: order.orderId, ticketNo: order.ticketNo, status: order.status, events: order.events });
    }
    return reply(404, { code: "not_found", message: "接口不存在" });
  }
}
