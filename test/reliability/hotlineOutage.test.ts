/**
 * The 12345 platform goes down in the middle of a burst of complaints, and the BFF process is
 * killed (-9) while it is down; a new BFF process takes over, the platform comes back. The real
 * deployment shape: BFF processes (web + worker + cron, the dispatcher on its 2-second schedule)
 * on an embedded database process, the platform a local fake (test/support/fakeHotline.ts) that
 * verifies signatures and records how often each ticket was created.
 *
 * No loss: every stored complaint routed to 12345 reaches the platform and its work order ends
 * `delivered`. No duplicate: the platform created each ticket exactly once, and received nothing
 * else.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { FAKE_HOTLINE_KEY, FAKE_HOTLINE_SECRET, FakeHotline } from "../support/fakeHotline";
import {
  checkDurableState,
  startStream,
  submit,
  waitFor,
  type Attempt,
} from "./support/complaintStream";
import {
  freePort,
  startBffProcess,
  startDbProcess,
  type BffProcess,
  type DbProcess,
} from "./support/processes";

jest.setTimeout(180_000);

const OUTAGE_MS = 4_000;

describe("12345 platform outage and recovery during a burst (with the BFF killed meanwhile)", () => {
  const fake = new FakeHotline();
  let dir = "";
  let db: DbProcess | null = null;
  let bff: BffProcess | null = null;
  let uri = "";

  beforeAll(async () => {
    await fake.start();
    dir = mkdtempSync(path.join(os.tmpdir(), "lushan-hotline-"));
    db = await startDbProcess(path.join(dir, "db"), await freePort());
    const u = new URL(db.uri);
    u.pathname = "/reliability";
    uri = u.toString();
  });

  afterAll(async () => {
    await bff?.stop();
    await db?.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({
    MONGODB_URI: uri,
    JWT_SECRET: "reliability-secret-reliability-secret-0001",
    SEED: "true",
    COMPLAINT_DAILY_LIMIT: "0",
    HOTLINE_API_URL: fake.url,
    HOTLINE_API_KEY: FAKE_HOTLINE_KEY,
    HOTLINE_API_SECRET: FAKE_HOTLINE_SECRET,
    HOTLINE_MAX_ATTEMPTS: "40",
    HOTLINE_BACKOFF_BASE_MS: "50",
    HOTLINE_BACKOFF_MAX_MS: "500",
    HOTLINE_TIMEOUT_MS: "500",
  });

  it("every 12345 complaint reaches the platform exactly once", async () => {
    bff = await startBffProcess(env());
    const login = await fetch(`${bff.url}/api/v1/auth/dev`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ openid: `hotline_${Date.now()}` }),
    });
    const { accessToken: token } = (await login.json()) as { accessToken: string };

    // Burst on the first BFF; the platform goes down in the middle of it.
    const first = startStream(bff.url, token, 12);
    await waitFor(() => first.acknowledged().length >= 45, 60_000, "first acknowledgements");
    await waitFor(() => fake.orders.size > 0, 30_000, "first deliveries");
    const outage = fake.goDown(OUTAGE_MS);
    const ackedAtOutage = first.acknowledged().length;
    await waitFor(
      () => first.acknowledged().length >= ackedAtOutage + 45,
      60_000,
      "acknowledgements during the outage",
    );
    // While the platform is still down, the BFF dies mid-burst (with claimed, leased work orders).
    expect(fake.isDown).toBe(true);
    await bff.kill9();
    await first.stop();

    // A new BFF process takes over; the burst goes on; the platform comes back.
    bff = await startBffProcess(env());
    const second = startStream(bff.url, token, 12);
    await waitFor(
      () => second.acknowledged().length >= 45,
      60_000,
      "acknowledgements on the new BFF",
    );
    await second.stop();
    await outage;
    // The clients retry what the killed BFF never answered (same Idempotency-Key).
    const unanswered: Attempt[] = [...first.attempts, ...second.attempts].filter(
      (a) => a.status !== 201,
    );
    await Promise.all(unanswered.map((a) => submit(bff!.url, token, a)));
    expect(unanswered.filter((a) => a.status !== 201)).toEqual([]);

    // Intake stayed consistent: each complaint once, with its work order.
    const all = [...first.attempts, ...second.attempts];
    const state = await checkDurableState(
      uri,
      all.map((a) => a.key),
    );
    expect(state.violations).toEqual([]);
    expect(state.byKey.size).toBe(all.length);
    const hotlineTickets = [...state.byKey.values()]
      .filter((c) => c.routing?.hotline === true)
      .map((c) => c.ticketNo as string)
      .sort();
    expect(hotlineTickets.length).toBeGreaterThan(30);

    // The dispatcher (on its schedule, in the BFF process) delivers everything once the platform is back.
    const client = await MongoClient.connect(uri);
    try {
      const orders = client.db().collection("workorders");
      const deadline = Date.now() + 90_000;
      while (
        (await orders.countDocuments({ deliveryState: { $ne: "delivered" } })) > 0 &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 250));
      const notDelivered = await orders
        .find(
          { deliveryState: { $ne: "delivered" } },
          { projection: { ticketNo: 1, deliveryState: 1, attempts: 1, lastError: 1 } },
        )
        .toArray();
      expect(notDelivered).toEqual([]);
      // No loss: the platform holds exactly our 12345 tickets. No duplicate: each created once.
      expect([...fake.orders.keys()].sort()).toEqual(hotlineTickets);
      const created = [...fake.creations.entries()].filter(([, n]) => n !== 1);
      expect(created).toEqual([]);
      // The outage was real: pushes failed and were retried.
      const retried = await orders.countDocuments({ attempts: { $gt: 1 } });
      expect(retried).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
