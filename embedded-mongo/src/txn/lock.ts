import { ErrorCodes, MongoError } from "../errors";

/**
 * The database-wide write lock. A transaction holds it from its first operation until commit or
 * abort; single writes outside transactions take it for the (synchronous) duration of the write.
 * Waiters are served in arrival order.
 */
export class WriteLock {
  private owner: object | null = null;
  private readonly queue: { who: object; resolve: () => void; timer: NodeJS.Timeout }[] = [];

  get holder(): object | null {
    return this.owner;
  }

  /**
   * Takes the lock for `who`, waiting at most `timeoutMs`.
   * @throws 112 WriteConflict when the wait times out.
   */
  async acquire(who: object, timeoutMs: number): Promise<void> {
    if (this.owner === who) return;
    if (this.owner === null && this.queue.length === 0) {
      this.owner = who;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        who,
        resolve,
        timer: setTimeout(() => {
          const i = this.queue.indexOf(entry);
          if (i >= 0) this.queue.splice(i, 1);
          reject(
            new MongoError(
              ErrorCodes.WriteConflict,
              "Caused by :: Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.",
            ),
          );
        }, timeoutMs),
      };
      this.queue.push(entry);
    });
  }

  /** Takes the lock only if it is free right now. */
  tryAcquire(who: object): boolean {
    if (this.owner === who) return true;
    if (this.owner === null && this.queue.length === 0) {
      this.owner = who;
      return true;
    }
    return false;
  }

  release(who: object): void {
    if (this.owner !== who) return;
    const next = this.queue.shift();
    if (next) {
      clearTimeout(next.timer);
      this.owner = next.who;
      next.resolve();
    } else {
      this.owner = null;
    }
  }
}
