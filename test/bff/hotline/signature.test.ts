import { createHmac } from "node:crypto";
import { HotlineClient } from "../../../bff/src/integrations/hotline/client";
import {
  signHotline,
  signedHeaders,
  verifyHotline,
} from "../../../bff/src/integrations/hotline/signature";
import { FAKE_HOTLINE_KEY, FAKE_HOTLINE_SECRET, FakeHotline } from "../../support/fakeHotline";

const SECRET = "unit-test-secret-0123456789";

describe("12345 request signatures", () => {
  const body = JSON.stringify({ ticketNo: "LS202612040001", title: "测试" });
  const now = 1_780_000_000_000;
  const ts = String(now / 1000);

  it("is hex HMAC-SHA256 over timestamp, newline and the exact body", () => {
    const expected = createHmac("sha256", SECRET).update(`${ts}\n${body}`).digest("hex");
    expect(signHotline(SECRET, ts, body)).toBe(expected);
    expect(signedHeaders(SECRET, body, "k1", now)).toEqual({
      "X-Hotline-Timestamp": ts,
      "X-Hotline-Signature": expected,
      "X-Hotline-Key": "k1",
    });
  });

  it("accepts a good signature inside the window and refuses everything else", () => {
    const sig = signHotline(SECRET, ts, body);
    expect(verifyHotline(SECRET, ts, sig, body, 300, now)).toBe("ok");
    expect(verifyHotline(SECRET, ts, sig, body, 300, now + 300_000)).toBe("ok");
    expect(verifyHotline(SECRET, ts, sig, body, 300, now + 301_000)).toBe("stale");
    expect(verifyHotline(SECRET, ts, sig, body, 300, now - 301_000)).toBe("stale");
    expect(verifyHotline(SECRET, ts, sig, body.replace("测试", "篡改"), 300, now)).toBe(
      "bad_signature",
    );
    expect(verifyHotline("another-secret-0123456789", ts, sig, body, 300, now)).toBe(
      "bad_signature",
    );
    expect(verifyHotline(SECRET, String(Number(ts) + 1), sig, body, 300, now)).toBe(
      "bad_signature",
    );
    for (const [t, s] of [
      [undefined, sig],
      [ts, undefined],
      ["abc", sig],
      [ts, sig.slice(2)],
      [ts, "z".repeat(64)],
    ] as const) {
      expect(verifyHotline(SECRET, t, s, body, 300, now)).toBe("bad_signature");
    }
  });
});

describe("12345 client outcomes", () => {
  const fake = new FakeHotline();
  let client: HotlineClient;
  beforeAll(async () => {
    await fake.start();
    client = new HotlineClient({
      url: fake.url,
      key: FAKE_HOTLINE_KEY,
      secret: FAKE_HOTLINE_SECRET,
      maxAttempts: 3,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
      timeoutMs: 200,
      pullIntervalMs: 1_000,
      callbackWindowSeconds: 300,
    });
  });
  afterAll(() => fake.stop());
  const payload = (ticketNo: string) => ({
    ticketNo,
    title: "标题",
    content: "内容",
    category: { code: "B05", name: "x" },
    town: "南康镇",
    accused: "某",
    channel: "phone" as const,
    confidential: false,
    requester: null,
    department: null,
    listItem: null,
    createdAt: new Date().toISOString(),
  });

  it("retries on 429, 408 and 5xx, gives up on other 4xx, and treats a repeat as delivered with the same order", async () => {
    for (const status of [429, 408, 500, 502]) {
      fake.failWith = status;
      expect((await client.push(payload("LS202612040101"))).kind).toBe("retry");
    }
    for (const status of [400, 403, 422]) {
      fake.failWith = status;
      expect((await client.push(payload("LS202612040101"))).kind).toBe("rejected");
    }
    fake.failWith = null;
    const first = await client.push(payload("LS202612040101"));
    const again = await client.push(payload("LS202612040101"));
    expect(first).toMatchObject({ kind: "delivered", orderId: expect.stringMatching(/^GD/) });
    expect(again).toEqual(first);
    expect(fake.creations.get("LS202612040101")).toBe(1);
  });

  it("reports timeouts and refused connections as retryable, in Chinese", async () => {
    fake.hangNext = 1;
    fake.hangMs = 400;
    const timedOut = await client.push(payload("LS202612040102"));
    expect(timedOut).toEqual({ kind: "retry", error: "请求超时（200 毫秒）" });
    const down = fake.goDown(300);
    await new Promise((r) => setTimeout(r, 20));
    const refused = await client.push(payload("LS202612040103"));
    expect(refused.kind).toBe("retry");
    expect((refused as { error: string }).error).toMatch(/^网络错误/);
    await down;
    expect((await client.fetch("LS202612040102"))?.orderId).toMatch(/^GD/);
    expect(await client.fetch("LS202612049999")).toBeNull();
  });
});
