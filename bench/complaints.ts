/**
 * Complaint submission benchmark: POST /api/v1/complaints (validate + route + persist + 12345
 * work-order outbox + event, each with its own Idempotency-Key) against a freshly started BFF on
 * the embedded database, next to /healthz; then checks that every acknowledged complaint is
 * stored. Run: npm run bench:complaints (BENCH_SECONDS, BENCH_CONNECTIONS to change the load).
 */
import { randomBytes } from "node:crypto";
import { load, printTable, startBff, type Measurement } from "./lib";

/** Environment for a BFF under this load: one bench citizen files thousands of complaints. */
export const COMPLAINT_BENCH_ENV = { COMPLAINT_DAILY_LIMIT: "0" };

/**
 * A varied, valid complaint: a third routed to 市场监管 with a 12345 work order (B07), half
 * naming a list item (谁审批、谁监管), the rest going by barrier type; a fifth confidential.
 */
export function complaintBody(i: number): string {
  return JSON.stringify({
    barrierType: i % 3 === 0 ? "B07" : "B05",
    title: "办证被要求提供额外证明材料",
    description: "在窗口办理许可时被要求提供法规没有规定的证明材料，来回跑了三趟还没办下来，希望核查。",
    listItemCode: i % 2 === 0 ? "S2048" : null,
    accusedName: "某办事窗口",
    town: "南康镇",
    contact: { name: "张三", phone: "13812345678" },
    confidential: i % 5 === 0,
  });
}

async function json<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A citizen's access token from the development login (embedded, non-production BFF). */
export async function citizenToken(url: string): Promise<string> {
  return (await json<{ accessToken: string }>(`${url}/api/v1/auth/dev`, { method: "POST", body: JSON.stringify({ openid: `bench_${randomBytes(4).toString("hex")}` }) })).accessToken;
}

/**
 * Submits complaints for `durationSec` at `connections` concurrency.
 * @returns throughput and latency.
 */
export async function complaintLoad(url: string, durationSec: number, connections = 50): Promise<Measurement & { created: number }> {
  const token = await citizenToken(url);
  let i = 0;
  let created = 0;
  const measured = await load({
    name: "complaint submission",
    url,
    connections,
    durationSec,
    // Every 201 is counted and checked against the database; a warm-up, or rounds that each leave
    // requests in flight, would blur that count.
    warmupSec: 0,
    rounds: 1,
    requests: [
      {
        method: "POST",
        path: "/api/v1/complaints",
        setupRequest: (req) => ({
          ...req,
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": `bench-${randomBytes(8).toString("hex")}` },
          body: complaintBody(i++),
        }),
        onResponse: (status) => {
          if (status === 201) created++;
        },
      },
    ],
  });
  return { ...measured, created };
}

/** How many complaints the coordinator's workbench counts (every complaint, all statuses). */
async function storedComplaints(url: string): Promise<number> {
  const { accessToken } = await json<{ accessToken: string }>(`${url}/api/v1/auth/staff`, {
    method: "POST",
    body: JSON.stringify({ username: "fgw.coord", password: process.env.DEV_STAFF_PASSWORD ?? "Lushan@2026" }),
  });
  const page = await json<{ total: number }>(`${url}/api/v1/staff/complaints?pageSize=1`, { headers: { authorization: `Bearer ${accessToken}` } });
  return page.total;
}

async function main(): Promise<void> {
  const duration = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const bff = await startBff(COMPLAINT_BENCH_ENV);
  try {
    const healthz = await load({ name: "/healthz", url: `${bff.url}/healthz`, durationSec: duration });
    const complaints = await complaintLoad(bff.url, duration, connections);
    printTable([healthz, complaints], healthz);
    const stored = await storedComplaints(bff.url);
    console.log(`\n投诉提交吞吐：${complaints.rps} 件/秒（目标 ≥ 300），p50 ${complaints.p50} ms，p99 ${complaints.p99} ms，并发 ${connections}`);
    // Requests still in flight when the load stops are stored but their 201 is not counted.
    const complete = stored >= complaints.created && stored <= complaints.created + connections;
    console.log(`已受理（201）${complaints.created} 件，数据库中 ${stored} 件（压测结束时在途至多 ${connections} 件）${complete ? "：已受理的均已存储" : "：数量不符！"}；非 2xx ${complaints.non2xx}，连接错误 ${complaints.errors}`);
    if (!complete) process.exitCode = 1;
  } finally {
    await bff.stop();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
