/**
 * Search benchmark: list search and item page next to /healthz on the same running BFF, on the
 * sample edition and on a synthetic 10k-item edition. Run: npm run bench:search
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type autocannon from "autocannon";
import { load, printTable, ROOT, startBff, type Measurement } from "./lib";
import { syntheticEditionCsv } from "./synthetic";

const QUERIES = JSON.parse(readFileSync(path.join(ROOT, "test/bff/search/relevance-set.json"), "utf8")).search.map((s: { q: string }) => s.q) as string[];

export function searchRequests(): { method: "GET"; path: string }[] {
  return QUERIES.map((q) => ({ method: "GET" as const, path: `/api/v1/list/items?q=${encodeURIComponent(q)}` }));
}

/**
 * The same queries with a page size drawn per request, so nearly every request misses both the
 * response cache and the index's query cache: the cost of ranking itself.
 */
export function uncachedSearchRequests(): autocannon.Request[] {
  let n = 0;
  return [
    {
      method: "GET",
      setupRequest: (req) => {
        n++;
        const q = QUERIES[n % QUERIES.length];
        const pageSize = 1 + (Math.floor(n / QUERIES.length) % 50);
        return { ...req, path: `/api/v1/list/items?q=${encodeURIComponent(q)}&pageSize=${pageSize}` };
      },
    },
  ];
}

async function main(): Promise<void> {
  const duration = Number(process.env.BENCH_SECONDS ?? 8);
  const bff = await startBff();
  const rows: Measurement[] = [];
  try {
    const healthz = await load({ name: "/healthz", url: `${bff.url}/healthz`, durationSec: duration });
    rows.push(healthz);
    rows.push(await load({ name: `search (sample, ${QUERIES.length} queries)`, url: bff.url, requests: searchRequests(), durationSec: duration }));
    rows.push(await load({ name: "search uncached (sample)", url: bff.url, requests: uncachedSearchRequests(), durationSec: duration }));
    rows.push(await load({ name: "item page (sample)", url: `${bff.url}/api/v1/list/items/S2048`, durationSec: duration }));
    // A synthetic 10k-item edition, imported and activated through the admin API.
    const login = await fetch(`${bff.url}/api/v1/auth/staff`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: process.env.DEV_STAFF_PASSWORD ?? "Lushan@2026" }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const form = new FormData();
    form.append("edition", "synthetic10k");
    form.append("activate", "true");
    form.append("file", new Blob([syntheticEditionCsv(10_000)]), "synthetic.csv");
    const t = Date.now();
    const imported = await fetch(`${bff.url}/api/v1/admin/list/editions/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${accessToken}` } });
    if (imported.status !== 201) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
    await fetch(`${bff.url}/api/v1/list/items?q=warmup`);
    console.log(`10k 事项导入并启用（含索引构建）：${Date.now() - t} ms`);
    const healthz10k = await load({ name: "/healthz (10k run)", url: `${bff.url}/healthz`, durationSec: duration });
    rows.push(healthz10k);
    rows.push(await load({ name: "search (10k items)", url: bff.url, requests: searchRequests(), durationSec: duration }));
    rows.push(await load({ name: "search uncached (10k items)", url: bff.url, requests: uncachedSearchRequests(), durationSec: duration }));
    rows.push(await load({ name: "item page (10k items)", url: `${bff.url}/api/v1/list/items/200500`, durationSec: duration }));
    printTable(rows, healthz);
    console.log(`\nBFF 启动到就绪：${bff.readyMs} ms`);
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
