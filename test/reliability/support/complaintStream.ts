/**
 * A stream of concurrent complaint submissions, each with its own Idempotency-Key, recording
 * which ones were acknowledged (201) and with which ticket number; and the durable-state check
 * run afterwards directly against the database.
 */
import { randomBytes } from "node:crypto";
import { MongoClient, type Document } from "mongodb";

export interface Attempt {
  key: string;
  body: Record<string, unknown>;
  /** HTTP status of the last answer, or 0 for a transport failure (connection reset, timeout). */
  status: number;
  ticketNo: string | null;
}

/** A valid complaint; every third goes to 12345 (B07 writes a work order), every other names S2048 (assigned at once). */
export function streamComplaint(i: number): Record<string, unknown> {
  return {
    barrierType: i % 3 === 0 ? "B07" : "B05",
    title: `故障测试投诉${i}`,
    description:
      "在窗口办理许可时被要求提供法规没有规定的证明材料，来回跑了三趟还没办下来，希望核查。",
    listItemCode: i % 2 === 0 ? "S2048" : null,
    accusedName: "某办事窗口",
    town: "南康镇",
    contact: { name: "张三", phone: "13812345678" },
    confidential: i % 5 === 0,
  };
}

/**
 * Posts one complaint.
 * @returns the attempt with its outcome filled in.
 */
export async function submit(
  url: string,
  token: string,
  attempt: Attempt,
  timeoutMs = 30_000,
): Promise<Attempt> {
  try {
    const res = await fetch(`${url}/api/v1/complaints`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "idempotency-key": attempt.key,
      },
      body: JSON.stringify(attempt.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    attempt.status = res.status;
    if (res.status === 201) attempt.ticketNo = (JSON.parse(text) as { ticketNo: string }).ticketNo;
  } catch {
    attempt.status = 0;
  }
  return attempt;
}

export interface Stream {
  attempts: Attempt[];
  acknowledged(): Attempt[];
  /** Stops issuing new requests and waits for the ones in flight to settle. */
  stop(): Promise<void>;
}

/**
 * Starts `concurrency` clients that submit complaints back to back until stopped.
 * @returns the running stream.
 */
export function startStream(url: string, token: string, concurrency: number): Stream {
  const attempts: Attempt[] = [];
  let stopped = false;
  let n = 0;
  const run = tag();
  const clients = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const i = n++;
      const attempt: Attempt = {
        key: `${run}-${i}`,
        body: streamComplaint(i),
        status: -1,
        ticketNo: null,
      };
      attempts.push(attempt);
      await submit(url, token, attempt);
      // A refused connection fails at once; do not spin while the server is down.
      if (attempt.status === 0) await new Promise((r) => setTimeout(r, 20));
    }
  });
  return {
    attempts,
    acknowledged: () => attempts.filter((a) => a.status === 201),
    async stop() {
      stopped = true;
      await Promise.all(clients);
    },
  };
}

/** Resolves once `predicate` holds (polling), or fails after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function tag(): string {
  return `rel${randomBytes(4).toString("hex")}`;
}

/**
 * What the database holds for the stream's complaints, checked against the outbox rules:
 * every complaint exactly once per ticket and per Idempotency-Key; a 12345 work order exactly for
 * those routed to 12345; an assignment event exactly for those assigned at intake; no outbox
 * record without its complaint.
 * @returns a list of violations (empty when consistent) and the stored complaints by key.
 */
export async function checkDurableState(
  uri: string,
  keys: string[],
): Promise<{ violations: string[]; byKey: Map<string, Document> }> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const db = client.db();
    const violations: string[] = [];
    const wanted = new Set(keys);
    const complaints = await db
      .collection("complaints")
      .find({ "intake.key": { $type: "string" } })
      .toArray();
    const byKey = new Map<string, Document>();
    const ticketCount = new Map<string, number>();
    for (const c of complaints) {
      const key = String(c.intake.key).split(":").slice(1).join(":");
      if (!wanted.has(key)) continue;
      if (byKey.has(key)) violations.push(`two complaints for key ${key}`);
      byKey.set(key, c);
      ticketCount.set(c.ticketNo, (ticketCount.get(c.ticketNo) ?? 0) + 1);
    }
    for (const [ticketNo, n] of ticketCount)
      if (n !== 1) violations.push(`ticket ${ticketNo} stored ${n} times`);
    const ids = [...byKey.values()].map((c) => c._id);
    const orders = await db
      .collection("workorders")
      .find({ complaintId: { $in: ids } })
      .toArray();
    const events = await db
      .collection("jobs")
      .find({
        type: "event.dispatch",
        "payload.payload.complaintId": { $in: ids.map((id) => id.toHexString()) },
      })
      .toArray();
    const ordersOf = new Map<string, Document[]>();
    for (const o of orders)
      ordersOf.set(o.complaintId.toHexString(), [
        ...(ordersOf.get(o.complaintId.toHexString()) ?? []),
        o,
      ]);
    const eventsOf = new Map<string, Document[]>();
    for (const e of events)
      eventsOf.set(e.payload.payload.complaintId, [
        ...(eventsOf.get(e.payload.payload.complaintId) ?? []),
        e,
      ]);
    for (const c of byKey.values()) {
      const id = c._id.toHexString();
      const wantOrder = c.routing?.hotline === true || c.channel === "phone";
      const o = ordersOf.get(id) ?? [];
      if (o.length !== (wantOrder ? 1 : 0))
        violations.push(`${c.ticketNo}: ${o.length} work orders, expected ${wantOrder ? 1 : 0}`);
      if (o[0] && o[0].ticketNo !== c.ticketNo)
        violations.push(`${c.ticketNo}: work order carries ${o[0].ticketNo}`);
      const wantEvent = c.status === "assigned";
      const e = eventsOf.get(id) ?? [];
      if (e.length !== (wantEvent ? 1 : 0))
        violations.push(
          `${c.ticketNo}: ${e.length} assignment events, expected ${wantEvent ? 1 : 0}`,
        );
    }
    // No orphans anywhere in the outbox.
    const orphanOrders = await db
      .collection("workorders")
      .aggregate([
        {
          $lookup: { from: "complaints", localField: "complaintId", foreignField: "_id", as: "c" },
        },
        { $match: { c: { $size: 0 } } },
        { $project: { ticketNo: 1 } },
      ])
      .toArray();
    for (const o of orphanOrders) violations.push(`work order ${o.ticketNo} without its complaint`);
    return { violations, byKey };
  } finally {
    await client.close();
  }
}
