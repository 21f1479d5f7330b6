import type { TaskContext } from "./task";
import type { DomainEvent, EventName } from "./events";

/** A reaction to domain events, run once per event in its own retried job. */
export interface Processor<N extends EventName = EventName> {
  /** Stable name; part of each job's dedupe key. */
  name: string;
  events: readonly N[];
  maxAttempts?: number;
  perform(event: DomainEvent<N>, ctx: TaskContext): Promise<void>;
}

/**
 * Declares a processor.
 * @param processor the events it reacts to and what it does.
 * @returns the same processor, typed.
 */
export function defineProcessor<N extends EventName>(processor: Processor<N>): Processor<N> {
  return processor;
}
