import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The process's metric registry, served at `/metrics`. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpMetrics = {
  duration: new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by route template and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
};

export const jobMetrics = {
  completed: new Counter({
    name: "jobs_completed_total",
    help: "Background jobs finished successfully",
    labelNames: ["type"] as const,
    registers: [registry],
  }),
  retried: new Counter({
    name: "jobs_retried_total",
    help: "Background job attempts that failed and will be retried",
    labelNames: ["type"] as const,
    registers: [registry],
  }),
  dead: new Counter({
    name: "jobs_dead_total",
    help: "Background jobs parked after their last failed attempt",
    labelNames: ["type"] as const,
    registers: [registry],
  }),
  duration: new Histogram({
    name: "job_duration_seconds",
    help: "Background job run time",
    labelNames: ["type"] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  }),
};
