import { defineTask, enqueueMany, exponentialBackoff } from "./task";
import type { DomainEvent, EventName } from "./events";
import type { Processor } from "./processor";
import { EVENT_DISPATCH_TASK, PROCESSOR_RUN_TASK } from "./taskNames";

interface ProcessorRunPayload {
  processor: string;
  event: DomainEvent;
}

/**
 * Builds the two tasks that connect events to processors: dispatch fans an event out into one
 * job per interested processor (dedupe keys make a replayed dispatch harmless), and run calls
 * the processor.
 * @param processors every processor of the application.
 * @returns the dispatch and run tasks.
 */
export function eventTasks(processors: readonly Processor[]) {
  const byName = new Map(processors.map((p) => [p.name, p]));
  const dispatch = defineTask<DomainEvent>({
    name: EVENT_DISPATCH_TASK,
    maxAttempts: 10,
    backoffMs: exponentialBackoff(1_000),
    async perform(event) {
      const targets = processors.filter((p) => (p.events as readonly EventName[]).includes(event.name));
      await enqueueMany(
        targets.map((p) => ({
          type: PROCESSOR_RUN_TASK,
          payload: { processor: p.name, event } satisfies ProcessorRunPayload,
          runAt: new Date(),
          maxAttempts: p.maxAttempts ?? 8,
          dedupeKey: `event:${event.id}:${p.name}`,
        })),
      );
    },
  });
  const run = defineTask<ProcessorRunPayload>({
    name: PROCESSOR_RUN_TASK,
    backoffMs: exponentialBackoff(2_000),
    async perform(payload, ctx) {
      const processor = byName.get(payload.processor);
      if (!processor) throw new Error(`unknown processor ${payload.processor}`);
      await processor.perform(payload.event, ctx);
    },
  });
  return { dispatch, run };
}
