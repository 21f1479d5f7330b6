import type { Task } from "../task";
import { contentCheckTask } from "./contentCheck";
import { mediaCheckTask } from "./mediaCheck";

/** Every background task of the application. Modules add their tasks to this list. */
export const tasks: Task<never>[] = [contentCheckTask as Task<never>, mediaCheckTask as Task<never>];
