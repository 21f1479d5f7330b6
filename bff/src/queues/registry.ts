import type { Task } from "./task";

/**
 * Tasks the worker can run, by name. Modules register their tasks in `queues/tasks/index.ts`;
 * a job whose type is unknown fails loudly rather than being dropped.
 */
export class TaskRegistry {
  private readonly tasks = new Map<string, Task<never>>();

  register(...tasks: Task<never>[]): this {
    for (const task of tasks) {
      if (this.tasks.has(task.name)) throw new Error(`task ${task.name} registered twice`);
      this.tasks.set(task.name, task);
    }
    return this;
  }

  get(name: string): Task<never> | undefined {
    return this.tasks.get(name);
  }

  names(): string[] {
    return [...this.tasks.keys()];
  }
}
