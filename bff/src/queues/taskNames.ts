/** Names of the built-in queue tasks (kept apart to avoid import cycles). */
export const EVENT_DISPATCH_TASK = "event.dispatch";
export const PROCESSOR_RUN_TASK = "processor.run";
