import type { Task } from "../task";

/** Every background task of the application. Modules add their tasks to this list. */
export const tasks: Task<never>[] = [];
