import { Gauge } from "prom-client";
import { registry } from "../metrics";

export const complaintMetrics = {
  overdue: new Gauge({ name: "complaints_overdue", help: "Open complaints past their accept or reply deadline", registers: [registry] }),
};
