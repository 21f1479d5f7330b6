import type { ClientSession } from "mongoose";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { Services } from "../services";
import { JobModel } from "../models/job/job.schema";

/** What a task or cron sees while it runs. */
export interface TaskContext {
  config: Config;
  log: Logger;
  services: Services;
  /** The job's attempt number, starting at 1. */
  attempt: number;
}

export interface TaskDefinition<P> {
  /** Stable name stored in the job; renaming orphans queued jobs. */
  name: string;
  /** Attempts before the job is parked as dead. */
  maxAttempts?: number;
  /** Delay before retry number `attempt` (1-based), in milliseconds. */
  backoffMs?: (attempt: number) => number;
  /** How long a claim lasts before another worker may take the job over. */
  leaseMs?: number;
  perform(payload: P, ctx: TaskContext): Promise<void>;
  /** Called once when the last attempt failed. */
  onDead?(payload: P, error: Error, ctx: TaskContext): Promise<void>;
}

export interface ScheduleOptions {
  /** Write the job in this transaction, so it exists only if the state change commits. */
  session?: ClientSession;
  runAt?: Date;
  /** A job with the same key is written only once. */
  dedupeKey?: string;
}

/** A task plus a typed way to enqueue it. */
export interface Task<P> extends TaskDefinition<P> {
  schedule(payload: P, options?: ScheduleOptions): Promise<void>;
  /** The job document to insert in bulk (e.g. with `enqueueMany`). */
  job(payload: P, options?: Omit<ScheduleOptions, "session">): NewJob;
}

export interface NewJob {
  type: string;
  payload: unknown;
  runAt: Date;
  maxAttempts: number;
  dedupeKey?: string;
}

/** Exponential backoff with full jitter: 2s, 4s, 8s … capped at 10 minutes. */
export function exponentialBackoff(baseMs = 2_000, capMs = 600_000): (attempt: number) => number {
  return (attempt) => {
    const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  };
}

/**
 * Declares a background task.
 * @param definition name, retry policy and the work itself.
 * @returns the task with `schedule()` for enqueueing.
 */
export function defineTask<P>(definition: TaskDefinition<P>): Task<P> {
  const maxAttempts = definition.maxAttempts ?? 8;
  const job = (payload: P, options: Omit<ScheduleOptions, "session"> = {}): NewJob => ({
    type: definition.name,
    payload,
    runAt: options.runAt ?? new Date(),
    maxAttempts,
    ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
  });
  return {
    ...definition,
    job,
    async schedule(payload, options = {}) {
      await enqueueMany([job(payload, options)], options.session);
    },
  };
}

/**
 * Writes jobs, skipping any whose dedupe key already exists.
 * @param jobs the jobs to write.
 * @param session the transaction to write them in, if any.
 * @returns how many jobs were newly written.
 */
export async function enqueueMany(jobs: NewJob[], session?: ClientSession): Promise<number> {
  if (jobs.length === 0) return 0;
  const withKey = jobs.filter((j) => j.dedupeKey);
  const withoutKey = jobs.filter((j) => !j.dedupeKey);
  let written = 0;
  if (withoutKey.length > 0) {
    // lean inserts skip schema defaults, so the queue fields are spelled out here.
    const res = await JobModel.insertMany(
      withoutKey.map((j) => ({ ...j, state: "pending", attempts: 0 })),
      { session, ordered: true, lean: true },
    );
    written += res.length;
  }
  if (withKey.length > 0) {
    // Upserts keyed on dedupeKey make replays (a crashed fan-out running again) harmless.
    const res = await JobModel.bulkWrite(
      withKey.map((j) => ({
        updateOne: {
          filter: { dedupeKey: j.dedupeKey },
          update: { $setOnInsert: { ...j, state: "pending", attempts: 0 } },
          upsert: true,
        },
      })),
      { session, ordered: false },
    );
    written += res.upsertedCount;
  }
  return written;
}
