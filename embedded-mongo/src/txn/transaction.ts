import type { Doc } from "../bson/types";

export type TxnState = "active" | "committed" | "aborted";

/**
 * A multi-document transaction: its writes live in an overlay (namespace → document key → new
 * document or null for deleted) until commit applies them to the store at once.
 */
export class Transaction {
  readonly overlay = new Map<string, Map<string, Doc | null>>();
  /** `_id` values of overlay entries, for journaling deletes. */
  readonly ids = new Map<string, unknown>();
  /**
   * Unique keys of documents this transaction wrote: namespace → index name → unique key →
   * document key. Keeps uniqueness checks inside large transactions linear.
   */
  readonly uniqueKeys = new Map<string, Map<string, Map<string, string>>>();
  /** Unique keys each overlay document was filed under, to unfile them when it changes again. */
  readonly filedKeys = new Map<string, [string, string][]>();
  state: TxnState = "active";
  readonly startedAt = Date.now();
  lastUsed = Date.now();
  /** Connections that carried this transaction's commands (to abort it when its client is gone). */
  readonly connections = new Set<number>();
  lifetimeTimer: NodeJS.Timeout | null = null;
  orphanTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly sessionKey: string,
    readonly txnNumber: number,
  ) {}

  overlayFor(ns: string): Map<string, Doc | null> {
    let m = this.overlay.get(ns);
    if (!m) {
      m = new Map();
      this.overlay.set(ns, m);
    }
    return m;
  }

  clearTimers(): void {
    if (this.lifetimeTimer) clearTimeout(this.lifetimeTimer);
    if (this.orphanTimer) clearTimeout(this.orphanTimer);
    this.lifetimeTimer = null;
    this.orphanTimer = null;
  }
}
