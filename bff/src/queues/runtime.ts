import type { Config } from "../config";
import type { Logger } from "../logger";
import type { Services } from "../services";
import { crons } from "./crons";
import { eventTasks } from "./dispatch";
import { processors } from "./processors";
import { TaskRegistry } from "./registry";
import { CronScheduler } from "./scheduler";
import { tasks } from "./tasks";
import { JobWorker } from "./worker";

/** Every task the worker knows: event fan-out plus the modules' tasks. */
export function buildTaskRegistry(): TaskRegistry {
  const { dispatch, run } = eventTasks(processors);
  return new TaskRegistry().register(dispatch as never, run as never, ...tasks);
}

/**
 * Creates the worker and the scheduler for this process (started by the caller).
 * @param context configuration, logger and services handed to every task.
 * @returns both.
 */
export function createBackground(context: { config: Config; log: Logger; services: Services }) {
  const worker = new JobWorker({ registry: buildTaskRegistry(), context });
  const scheduler = new CronScheduler(crons, context);
  return { worker, scheduler };
}
