import type { Task } from "../task";
import { contentCheckTask } from "./contentCheck";
import { mediaCheckTask } from "./mediaCheck";
import { postPublishTask } from "./postPublish";
import { notificationDeliverTask } from "./notificationDeliver";

/** Every background task of the application. Modules add their tasks to this list. */
export const tasks: Task<never>[] = [contentCheckTask as Task<never>, mediaCheckTask as Task<never>, postPublishTask as Task<never>, notificationDeliverTask as Task<never>];
