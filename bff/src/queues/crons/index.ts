import type { CronDefinition } from "../scheduler";

/** Every scheduled task of the application. Modules add their schedules to this list. */
export const crons: CronDefinition[] = [];
