import { Counter, Gauge, Histogram } from "prom-client";
import { registry } from "../metrics";

export const notificationMetrics = {
  recipients: new Counter({
    name: "notification_recipients_total",
    help: "Users a notice was fanned out to (message-center records written)",
    labelNames: ["kind"] as const,
    registers: [registry],
  }),
  deliveriesQueued: new Counter({
    name: "notification_push_queued_total",
    help: "Subscribe messages queued (the user's consent allowed one)",
    labelNames: ["template"] as const,
    registers: [registry],
  }),
  pushes: new Counter({
    name: "notification_push_total",
    help: "Subscribe-message send outcomes (sent, skipped, failed, retry, unknown)",
    labelNames: ["template", "outcome"] as const,
    registers: [registry],
  }),
  fanoutSeconds: new Histogram({
    name: "notification_fanout_seconds",
    help: "Time to fan one notice out to all its recipients",
    labelNames: ["kind"] as const,
    buckets: [0.01, 0.1, 0.5, 1, 2.5, 5, 10, 20, 60],
    registers: [registry],
  }),
  fanoutsInProgress: new Gauge({
    name: "notification_fanouts_in_progress",
    help: "Fan-outs running in this process",
    registers: [registry],
  }),
};
