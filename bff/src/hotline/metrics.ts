import { Counter, Gauge, Histogram } from "prom-client";
import { registry } from "../metrics";

export const hotlineMetrics = {
  pushes: new Counter({
    name: "hotline_pushes_total",
    help: "12345 work-order push attempts by outcome (delivered, retry, rejected, lease_lost)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  }),
  dead: new Counter({ name: "hotline_work_orders_dead_total", help: "12345 work orders given up after their last attempt", registers: [registry] }),
  deadNow: new Gauge({ name: "hotline_work_orders_dead", help: "12345 work orders currently in the dead-letter state", registers: [registry] }),
  pushSeconds: new Histogram({
    name: "hotline_push_duration_seconds",
    help: "Duration of one push to the 12345 platform",
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  callbacks: new Counter({
    name: "hotline_callbacks_total",
    help: "12345 status updates received, by source and outcome (applied, noted, replayed, refused)",
    labelNames: ["source", "outcome"] as const,
    registers: [registry],
  }),
};
