import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Types } from "mongoose";
import { JobModel } from "../models/job/job.schema";
import { jobMetrics } from "../metrics";
import { exponentialBackoff, type TaskContext } from "./task";
import type { TaskRegistry } from "./registry";

export interface WorkerOptions {
  registry: TaskRegistry;
  context: Omit<TaskContext, "attempt">;
  /** Jobs run at the same time by this process. */
  concurrency?: number;
  /** How often to look for due jobs when nobody nudges. */
  pollMs?: number;
  /** How long finished jobs are kept. */
  keepDoneMs?: number;
}

const DEFAULT_LEASE_MS = 60_000;
const defaultBackoff = exponentialBackoff();

/**
 * Runs queued jobs. Claims are atomic (`findOneAndUpdate` on state) with a lease, so any number
 * of worker processes can share one queue; a crashed worker's jobs are taken over once their
 * lease expires.
 */
export class JobWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private active = 0;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastSweep = 0;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly keepDoneMs: number;
  private readonly types: string[];

  constructor(private readonly options: WorkerOptions) {
    this.concurrency = options.concurrency ?? 8;
    this.pollMs = options.pollMs ?? 1_000;
    this.keepDoneMs = options.keepDoneMs ?? 7 * 86_400_000;
    this.types = options.registry.names();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the loop now (after this process enqueued something). */
  nudge(): void {
    this.wake?.();
  }

  /** Stops claiming and waits for running jobs to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    while (this.active > 0) await sleep(20);
  }

  /**
   * Runs due jobs until none is left (tests and CLI use this instead of the loop).
   * @returns how many jobs ran.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claimBatch(this.concurrency);
      if (claimed.length === 0) return total;
      await Promise.all(claimed.map((id) => this.execute(id)));
      total += claimed.length;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const free = this.concurrency - this.active;
        const claimed = free > 0 ? await this.claimBatch(free) : [];
        for (const id of claimed) {
          this.active++;
          void this.execute(id).finally(() => {
            this.active--;
            this.nudge();
          });
        }
        if (claimed.length > 0 && claimed.length === free) continue;
      } catch (err) {
        this.options.context.log.error({ err }, "任务队列领取失败");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  private async claimBatch(limit: number): Promise<Types.ObjectId[]> {
    const now = new Date();
    await this.sweepExpiredLeases(now);
    // No sort: a sort would read every pending job on each claim; insertion order is FIFO enough.
    // A worker only claims types it can run, so a rolling deploy never fails jobs of new types.
    const candidates = await JobModel.find({ state: "pending", type: { $in: this.types }, runAt: { $lte: now } }, { _id: 1 })
      .limit(limit * 2)
      .lean();
    const claimed: Types.ObjectId[] = [];
    for (const { _id } of candidates) {
      if (claimed.length >= limit) break;
      const job = await JobModel.findOneAndUpdate(
        { _id, state: "pending" },
        {
          $set: { state: "processing", leaseOwner: this.id, leaseUntil: new Date(now.getTime() + DEFAULT_LEASE_MS) },
          $inc: { attempts: 1 },
        },
        { projection: { _id: 1 } },
      ).lean<{ _id: Types.ObjectId }>();
      if (job) claimed.push(job._id);
    }
    return claimed;
  }

  /** Returns jobs whose worker died mid-run to the queue. */
  private async sweepExpiredLeases(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < 5_000) return;
    this.lastSweep = now.getTime();
    await JobModel.updateMany(
      { state: "processing", leaseUntil: { $lt: now } },
      { $set: { state: "pending", leaseOwner: null, leaseUntil: null, runAt: now } },
    );
  }

  private async execute(id: Types.ObjectId): Promise<void> {
    const job = await JobModel.findOne({ _id: id, leaseOwner: this.id }).lean();
    if (!job) return;
    const task = this.options.registry.get(job.type);
    const ctx: TaskContext = { ...this.options.context, attempt: job.attempts };
    const started = process.hrtime.bigint();
    try {
      if (!task) throw new Error(`没有名为 ${job.type} 的任务处理程序`);
      await task.perform(job.payload as never, ctx);
      const now = new Date();
      await JobModel.updateOne(
        { _id: id, leaseOwner: this.id },
        {
          $set: {
            state: "done",
            finishedAt: now,
            expireAt: new Date(now.getTime() + this.keepDoneMs),
            leaseOwner: null,
            leaseUntil: null,
            lastError: null,
          },
        },
      );
      jobMetrics.completed.inc({ type: job.type });
    } catch (raw) {
      const error = raw instanceof Error ? raw : new Error(String(raw));
      const dead = job.attempts >= job.maxAttempts;
      const delay = (task?.backoffMs ?? defaultBackoff)(job.attempts);
      await JobModel.updateOne(
        { _id: id, leaseOwner: this.id },
        {
          $set: {
            state: dead ? "dead" : "pending",
            runAt: new Date(Date.now() + delay),
            leaseOwner: null,
            leaseUntil: null,
            lastError: error.message.slice(0, 2_000),
            ...(dead ? { finishedAt: new Date() } : {}),
          },
        },
      );
      const log = this.options.context.log;
      if (dead) {
        jobMetrics.dead.inc({ type: job.type });
        log.error({ err: error, jobId: String(id), type: job.type, attempts: job.attempts }, "任务多次失败，已转入死信");
        await task?.onDead?.(job.payload as never, error, ctx).catch((e: unknown) =>
          log.error({ err: e, jobId: String(id) }, "死信回调失败"),
        );
      } else {
        jobMetrics.retried.inc({ type: job.type });
        log.warn({ err: error, jobId: String(id), type: job.type, attempt: job.attempts, retryInMs: delay }, "任务失败，稍后重试");
      }
    } finally {
      jobMetrics.duration.observe({ type: job.type }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
