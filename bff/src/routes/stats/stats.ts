import {
  OPEN_DATASETS,
  OPEN_DATASET_LABELS,
  publicStatsContract,
  staffStatsContract,
} from "@lushan/shared";
import { NotFoundError } from "../../errors";
import { departmentRepository } from "../../models/department/department.repository";
import { typicalCaseRepository } from "../../models/typicalCase/typicalCase.repository";
import { departmentScopeFor } from "../../policies/predicates";
import { statsPolicy } from "../../policies/stats";
import { efficiencyStats, periodOf } from "../../stats/efficiency";
import { openDataCsv, openDataTable, statsCsv } from "../../stats/exports";
import { RawBody, register, type ApiRouter } from "../register";

const CSV = "text/csv; charset=utf-8";

/**
 * Public figures are recomputed at most once a minute per period and instance: the endpoint is
 * open to anyone and a year's statistics read every complaint of the year.
 */
const SUMMARY_TTL_MS = 60_000;
const summaryCache = new Map<string, { at: number; value: Promise<unknown> }>();

function cachedSummary<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = summaryCache.get(key);
  if (hit && now - hit.at < SUMMARY_TTL_MS) return hit.value as Promise<T>;
  if (summaryCache.size > 100) summaryCache.clear();
  const value = compute();
  summaryCache.set(key, { at: now, value });
  value.catch(() => summaryCache.delete(key));
  return value;
}

/** Efficiency statistics (staff), the public summary and open data. */
export function statsRoutes(router: ApiRouter): void {
  register(router, staffStatsContract.get, async (ctx) => {
    const actor = ctx.state.actor!;
    const { from, to, department, format } = ctx.input.query;
    const scope = departmentScopeFor(actor);
    const period = periodOf(from, to);
    const departments = await departmentRepository.list();
    let only = null;
    if (department) {
      only = departments.find((d) => d.code === department) ?? null;
      if (!only) throw NotFoundError("部门不存在");
      statsPolicy.authorize(actor, "read", { departmentId: only._id });
    }
    const stats = await efficiencyStats(scope, period, departments, only, ctx.services.deadlines);
    if (format === "csv") {
      const name = `效能评估_${stats.total.label}_${period.from}_${period.to}.csv`;
      return new RawBody(CSV, statsCsv(stats), {
        "content-disposition": `attachment; filename="stats-${period.from}-${period.to}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
    }
    return stats;
  });

  register(router, publicStatsContract.summary, async (ctx) => {
    const period = periodOf(ctx.input.query.from, ctx.input.query.to);
    return cachedSummary(`${period.from}:${period.to}`, async () => {
      const [stats, casesPublished] = await Promise.all([
        efficiencyStats(
          { kind: "all" },
          period,
          await departmentRepository.list(),
          null,
          ctx.services.deadlines,
        ),
        typicalCaseRepository.countPublishedBetween(period.start, period.end),
      ]);
      const t = stats.total;
      return {
        period: stats.period,
        generatedAt: stats.generatedAt,
        complaints: t.complaints,
        closed: t.byStatus.find((s) => s.status === "closed")?.count ?? 0,
        onTimeReplyRate: t.onTimeReply.rate,
        satisfactionRate: t.satisfaction.rate,
        medianReplyHours: t.replyHours.median,
        casesPublished,
        rectifications: {
          total: t.rectification.total,
          done: t.rectification.done,
          completionRate: t.rectification.completion.rate,
        },
      };
    });
  });

  register(router, publicStatsContract.openDataIndex, async () => {
    const datasets = [];
    for (const dataset of OPEN_DATASETS) {
      const table = await openDataTable(dataset);
      datasets.push({
        dataset,
        title: OPEN_DATASET_LABELS[dataset],
        rows: table.rows.length,
        json: `/api/v1/open-data/${dataset}?format=json`,
        csv: `/api/v1/open-data/${dataset}?format=csv`,
      });
    }
    return { datasets };
  });

  register(router, publicStatsContract.openData, async (ctx) => {
    const table = await openDataTable(ctx.input.params.dataset);
    if (ctx.input.query.format === "csv") {
      return new RawBody(CSV, openDataCsv(table), {
        "content-disposition": `attachment; filename="${table.dataset}.csv"`,
      });
    }
    return { ...table, generatedAt: new Date().toISOString() };
  });
}
