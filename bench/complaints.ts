/**
 * Complaint submission benchmark: POST /api/v1/complaints (validate + route + persist + outbox,
 * each with its own Idempotency-Key) against a running BFF on the embedded database, next to
 * /healthz. Run: npm run bench:complaints
 */
import { randomBytes } from "node:crypto";
import { load, printTable, startBff, type Measurement } from "./lib";

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

export async function citizenToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ openid: `bench_${randomBytes(4).toString("hex")}` }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function complaintLoad(url: string, durationSec: number, connections = 50): Promise<Measurement> {
  const token = await citizenToken(url);
  let i = 0;
  return load({
    name: "complaint submission",
    url,
    connections,
    durationSec,
    requests: [
      {
        method: "POST",
        path: "/api/v1/complaints",
        setupRequest: (req) => ({
          ...req,
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": `bench-${randomBytes(8).toString("hex")}` },
          body: complaintBody(i++),
        }),
      },
    ],
  });
}

async function main(): Promise<void> {
  const duration = Number(process.env.BENCH_SECONDS ?? 8);
  const bff = await startBff();
  try {
    const healthz = await load({ name: "/healthz", url: `${bff.url}/healthz`, durationSec: duration });
    const complaints = await complaintLoad(bff.url, duration);
    printTable([healthz, complaints], healthz);
    console.log(`\n投诉提交吞吐：${complaints.rps} 件/秒（目标 ≥ 300）`);
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
