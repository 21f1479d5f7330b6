import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { ScheduleModel } from "../models/schedule/schedule.schema";
import type { TaskContext } from "./task";

export interface CronDefinition {
  /** Stable name; also the lock row's id. */
  name: string;
  intervalMs: number;
  /** Upper bound of one run; the lease outlives it so a crashed run is retried later. */
  timeoutMs?: number;
  perform(ctx: Omit<TaskContext, "attempt">): Promise<void>;
}

/**
 * Declares a scheduled task.
 * @param definition name, interval and work.
 * @returns the same definition.
 */
export function defineCron(definition: CronDefinition): CronDefinition {
  return definition;
}

/**
 * Runs cron tasks on an interval. Each run first takes a lease on the task's row, so with several
 * BFF instances exactly one of them runs a due task.
 */
export class CronScheduler {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly crons: readonly CronDefinition[],
    private readonly context: Omit<TaskContext, "attempt">,
    private readonly tickMs = 1_000,
  ) {}

  async start(): Promise<void> {
    const now = new Date();
    await Promise.all(
      this.crons.map((c) =>
        ScheduleModel.updateOne({ _id: c.name }, { $setOnInsert: { nextRunAt: now } }, { upsert: true }),
      ),
    );
    this.timer = setInterval(() => {
      if (!this.ticking) this.ticking = this.tick().finally(() => (this.ticking = null));
    }, this.tickMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /**
   * Runs every due task once (tests call this directly).
   * @param names limit the run to these tasks.
   */
  async tick(names?: string[]): Promise<void> {
    for (const cron of this.crons) {
      if (names && !names.includes(cron.name)) continue;
      await this.runIfDue(cron);
    }
  }

  private async runIfDue(cron: CronDefinition): Promise<void> {
    const now = new Date();
    const lease = cron.timeoutMs ?? Math.max(60_000, cron.intervalMs);
    const row = await ScheduleModel.findOneAndUpdate(
      {
        _id: cron.name,
        nextRunAt: { $lte: now },
        $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }],
      },
      { $set: { leaseOwner: this.id, leaseUntil: new Date(now.getTime() + lease) } },
      { returnDocument: "after", lean: true },
    );
    if (!row) return;
    const started = Date.now();
    let lastError: string | null = null;
    try {
      await cron.perform(this.context);
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      this.context.log.error({ err, cron: cron.name }, "定时任务执行失败");
    }
    await ScheduleModel.updateOne(
      { _id: cron.name, leaseOwner: this.id },
      {
        $set: {
          leaseOwner: null,
          leaseUntil: null,
          lastRunAt: new Date(started),
          lastDurationMs: Date.now() - started,
          lastError,
          nextRunAt: new Date(started + cron.intervalMs),
        },
      },
    );
  }
}
